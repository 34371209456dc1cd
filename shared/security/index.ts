// The Content-Security-Policy every renderer page runs under, in Electron and in the browser.

/** `forMeta` leaves out directives a <meta> tag cannot carry (browsers ignore them there, noisily). */
export function contentSecurityPolicy({ forMeta = false } = {}): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    // MUI (emotion) injects style elements at run time.
    "style-src 'self' 'unsafe-inline'",
    // Map tiles come from a configurable tile server, so any https image source is allowed.
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    // 'self' covers the web host's own WebSocket (same host and port).
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (!forMeta) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}
