/**
 * The Content-Security-Policy of every page (docs/security.md, "CSP"), built per request
 * around a fresh nonce as the Next.js CSP guide describes: Next.js stamps the nonce on its
 * own scripts when it finds this header on the request. Scripts run only with the nonce
 * (or when loaded by one, 'strict-dynamic'). Style elements need the nonce too (CodeMirror
 * stamps it on the one it inserts). Style *attributes* stay 'unsafe-inline': React renders
 * `style` props into the server HTML (bar widths, chart sizes, virtual-list offsets), and a
 * nonce cannot cover an attribute. An injected attribute can neither select other elements
 * nor load anything from elsewhere (img-src and font-src are 'self').
 */
export function buildCsp(nonce: string, opts: { dev: boolean; https: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.dev ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
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
