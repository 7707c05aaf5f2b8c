/**
 * The renderer's Content Security Policy. Scripts only from the app itself; styles inline
 * because MUI's emotion injects <style> tags; connections only to the app and, in the
 * browser harness, to its own loopback WebSocket.
 */
export const contentSecurityPolicy = (origin?: string): string => {
  const connect = origin ? `'self' ${origin.replace(/^http/, 'ws')}` : "'self'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
};
