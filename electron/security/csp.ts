/**
 * The renderer's Content Security Policy, written once. Scripts only from the app itself;
 * styles inline because MUI's emotion injects <style> tags; connections only to the app and,
 * in the browser harness, to its own loopback WebSocket.
 *
 * It is delivered two ways, both built here:
 * - as a `<meta>` tag in the built index.html (electron.vite.config.ts injects it). The
 *   desktop app loads the page from `file://`, where no response header exists, so the meta
 *   tag is its only policy. The same page is served by the browser harness on a random port,
 *   so the meta allows any loopback WebSocket port.
 * - as a response header by the browser harness, narrowed to the harness's own origin. A
 *   page under both enforces both, so there the narrower header decides.
 * `frame-ancestors` is only honoured in a header (browsers ignore it in a meta tag).
 */

const LOOPBACK_ANY_PORT = 'ws://127.0.0.1:*';

const directives = (connectSrc: string): string[] => [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src ${connectSrc}`,
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
];

/** The header form: with an `origin`, WebSockets only to that origin's own port. */
export const contentSecurityPolicy = (origin?: string): string => {
  const connect = origin ? `'self' ${origin.replace(/^http/, 'ws')}` : "'self'";
  return [...directives(connect), "frame-ancestors 'none'"].join('; ');
};

/** The meta-tag form, for the page itself (desktop app and harness alike). */
export const metaContentSecurityPolicy = (): string => directives(`'self' ${LOOPBACK_ANY_PORT}`).join('; ');

const escapeAttribute = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The tag as HTML, for tools that stage the page without building it. */
export const cspMetaTag = (): string => `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(metaContentSecurityPolicy())}" />`;

/**
 * Puts the meta tag at the top of <head>: a policy only covers what comes after it, so it must
 * precede every script and stylesheet. Refuses a page that already has a policy of its own.
 */
export const injectCspMeta = (html: string): string => {
  if (/http-equiv=["']?content-security-policy/i.test(html)) throw new Error('The page already declares a Content-Security-Policy; it comes from electron/security/csp.ts only');
  // After the charset declaration when there is one: that must stay in the first bytes.
  const anchor = /<meta\s+charset[^>]*>/i.exec(html) ?? /<head[^>]*>/i.exec(html);
  if (!anchor) throw new Error('The page has no <head> for its Content-Security-Policy');
  const at = anchor.index + anchor[0].length;
  return `${html.slice(0, at)}\n    ${cspMetaTag()}${html.slice(at)}`;
};
