import { describe, expect, it } from 'vitest';
import { hashRefreshToken, newRefreshToken, signAccessToken, verifyAccessToken } from './tokens';

const SECRET = 'unit-secret-unit-secret-unit-secret-0001';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access tokens', () => {
  const claims = { sub: 'u1', tv: 3, iat: 1000, exp: 2000 };
  it('verifies what it signed, until expiry', async () => {
    const t = await signAccessToken(SECRET, claims);
    expect(await verifyAccessToken(SECRET, t, 1500)).toEqual({ ok: true, claims });
    expect(await verifyAccessToken(SECRET, t, 2000)).toEqual({ ok: false, reason: 'expired' });
  });
  it('refuses another secret, a changed payload and garbage', async () => {
    const t = await signAccessToken(SECRET, claims);
    expect(await verifyAccessToken('another-secret-another-secret-another-1', t, 1500)).toEqual({ ok: false, reason: 'signature' });
    const [h, , sig] = t.split('.');
    const forged = `${h}.${b64({ ...claims, sub: 'admin' })}.${sig}`;
    expect(await verifyAccessToken(SECRET, forged, 1500)).toEqual({ ok: false, reason: 'signature' });
    expect(await verifyAccessToken(SECRET, 'a.b', 1500)).toEqual({ ok: false, reason: 'malformed' });
  });
  it('refuses an unsigned token and one without its claims', async () => {
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 'admin' })}.`;
    expect(await verifyAccessToken(SECRET, unsigned, 1500)).toEqual({ ok: false, reason: 'malformed' });
    const noVersion = await signAccessToken(SECRET, { ...claims, tv: 'x' as unknown as number });
    expect(await verifyAccessToken(SECRET, noVersion, 1500)).toEqual({ ok: false, reason: 'malformed' });
  });
  it('stores refresh tokens only as hashes', () => {
    const r = newRefreshToken();
    expect(r.length).toBeGreaterThanOrEqual(43);
    expect(hashRefreshToken(r)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(r)).not.toContain(r);
  });
});
