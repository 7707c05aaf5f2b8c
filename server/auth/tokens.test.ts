import { describe, expect, it } from 'vitest';
import { hashRefreshToken, newRefreshToken, signAccessToken, verifyAccessToken } from './tokens';

const SECRET = 'unit-secret-unit-secret-unit-secret-0001';

describe('access tokens', () => {
  const claims = { sub: 'u1', tv: 3, iat: 1000, exp: 2000 };
  it('verifies what it signed, until expiry', () => {
    const t = signAccessToken(SECRET, claims);
    expect(verifyAccessToken(SECRET, t, 1500)).toEqual({ ok: true, claims });
    expect(verifyAccessToken(SECRET, t, 2000)).toEqual({ ok: false, reason: 'expired' });
  });
  it('refuses another secret, a changed payload and garbage', () => {
    const t = signAccessToken(SECRET, claims);
    expect(verifyAccessToken('another-secret-another-secret-another-1', t, 1500)).toEqual({ ok: false, reason: 'signature' });
    const [h, , sig] = t.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url')}.${sig}`;
    expect(verifyAccessToken(SECRET, forged, 1500)).toEqual({ ok: false, reason: 'signature' });
    expect(verifyAccessToken(SECRET, 'a.b', 1500)).toEqual({ ok: false, reason: 'malformed' });
  });
  it('stores refresh tokens only as hashes', () => {
    const r = newRefreshToken();
    expect(r.length).toBeGreaterThanOrEqual(43);
    expect(hashRefreshToken(r)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(r)).not.toContain(r);
  });
});
