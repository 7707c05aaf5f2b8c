import { describe, expect, it } from 'vitest';
import { isSecureServerUrl, signInInput } from './session';

describe('server addresses at sign-in', () => {
  it('accepts https anywhere and plain http on this machine only', () => {
    for (const ok of ['https://cims.example.com', 'https://10.0.0.5:8443/cims', 'http://localhost:8787', 'http://127.0.0.1:45123', 'http://[::1]:8787'])
      expect(isSecureServerUrl(ok), ok).toBe(true);
    for (const bad of ['http://cims.example.com', 'http://10.0.0.5:8787', 'http://127.0.0.1.example.com', 'http://localhost.evil.com', 'ftp://localhost', 'not a url'])
      expect(isSecureServerUrl(bad), bad).toBe(false);
  });

  it('tells the user why a plain http address elsewhere is refused', () => {
    const r = signInInput.safeParse({ serverUrl: 'http://cims.example.com', username: 'tech', password: 'secret' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['validation.serverUrlInsecure']);
    expect(signInInput.safeParse({ serverUrl: 'https://cims.example.com', username: 'tech', password: 'secret' }).success).toBe(true);
  });
});
