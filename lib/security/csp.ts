/**
 * The Content-Security-Policy of every page (docs/security.md, "CSP"), built per request
 * around a fresh nonce as the Next.js CSP guide describes: Next.js stamps the nonce on its
 * own scripts when it finds this header on the request. Scripts run only with the nonce
 * (or when loaded by one, 'strict-dynamic'); styles allow inline because CodeMirror and the
 * charts inject style elements and attributes at run time, which carry no script.
 */
export function buildCsp(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
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
