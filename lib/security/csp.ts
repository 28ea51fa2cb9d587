/**
 * The Content-Security-Policy of every page (docs/security.md, "CSP"), built per request
 * around a fresh nonce as the Next.js CSP guide describes: Next.js stamps the nonce on its
 * own scripts when it finds this header on the request. Scripts run only with the nonce
 * (or when loaded by one, 'strict-dynamic'). Styles too: stylesheets from this origin,
 * style elements only with the nonce (CodeMirror stamps it on the one it inserts), and no
 * inline style attributes in the HTML. Style props React sets in the browser go through the
 * CSSOM, which CSP does not govern; none of our pages renders one on the server.
 */
export function buildCsp(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(opts.https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

export const newNonce = (): string => Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
