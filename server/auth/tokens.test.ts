import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './throttle';
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

describe('login throttle', () => {
  it('delays exponentially after the free failures, caps, and forgets', () => {
    let now = 0;
    const th = new LoginThrottle(() => now, { freeAccountIp: 2, freeIp: 100, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 });
    th.fail('a', 'ip');
    expect(th.check('a', 'ip')).toBe(0);
    th.fail('a', 'ip');
    expect(th.check('a', 'ip')).toBe(1000);
    th.fail('a', 'ip');
    expect(th.check('a', 'ip')).toBe(2000);
    for (let i = 0; i < 10; i++) th.fail('a', 'ip');
    expect(th.check('a', 'ip')).toBe(8000);
    expect(th.check('a', 'other-ip')).toBe(0);
    now += 61_000;
    expect(th.check('a', 'ip')).toBe(0);
  });
  it('a success clears the account+IP delay', () => {
    const th = new LoginThrottle(() => 0, { freeAccountIp: 1, freeIp: 100, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000 });
    th.fail('a', 'ip');
    expect(th.check('a', 'ip')).toBeGreaterThan(0);
    th.succeed('a', 'ip');
    expect(th.check('a', 'ip')).toBe(0);
  });
});
