import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, cspMetaTag, injectCspMeta, metaContentSecurityPolicy } from './csp';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d] as const));

describe('Content Security Policy', () => {
  it('the header narrows WebSockets to the harness origin; the meta allows any loopback port', () => {
    expect(directives(contentSecurityPolicy('http://127.0.0.1:4321')).get('connect-src')).toBe("connect-src 'self' ws://127.0.0.1:4321");
    expect(directives(contentSecurityPolicy()).get('connect-src')).toBe("connect-src 'self'");
    expect(directives(metaContentSecurityPolicy()).get('connect-src')).toBe("connect-src 'self' ws://127.0.0.1:*");
  });

  it('both forms share every other directive; frame-ancestors only in the header, where browsers honour it', () => {
    const header = directives(contentSecurityPolicy('http://127.0.0.1:1'));
    const meta = directives(metaContentSecurityPolicy());
    expect(header.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(meta.has('frame-ancestors')).toBe(false);
    for (const [name, value] of meta) if (name !== 'connect-src') expect(header.get(name)).toBe(value);
    expect(meta.get('script-src')).toBe("script-src 'self'");
    expect(meta.get('default-src')).toBe("default-src 'none'");
  });

  it('injects the meta tag ahead of every script, after the charset', () => {
    const page = readFileSync('renderer/index.html', 'utf8');
    const built = injectCspMeta(page.replace('</head>', '<script type="module" src="./assets/index.js"></script></head>'));
    const at = built.indexOf(cspMetaTag());
    expect(at).toBeGreaterThan(built.indexOf('<meta charset'));
    expect(at).toBeLessThan(built.indexOf('<script'));
    expect(built).toContain(`content="${metaContentSecurityPolicy()}"`);
  });

  it('the source page declares no policy of its own, and a second one is refused', () => {
    const page = readFileSync('renderer/index.html', 'utf8');
    expect(page).not.toMatch(/http-equiv=["']?content-security-policy/i);
    expect(() => injectCspMeta(injectCspMeta(page))).toThrow(/already declares/);
    expect(() => injectCspMeta('<p>no head</p>')).toThrow(/no <head>/);
  });
});
