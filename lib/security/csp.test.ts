import { describe, expect, it } from 'vitest';
import { buildCsp, newNonce } from './csp';

const directives = (csp: string) => Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

describe('the Content-Security-Policy', () => {
  it('lets scripts and style elements run only with the nonce, with no unsafe-inline anywhere', () => {
    const nonce = newNonce();
    const d = directives(buildCsp(nonce, { dev: false, https: false }));
    expect(d['script-src']).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(d['style-src']).toEqual(["'self'", `'nonce-${nonce}'`]);
    expect(buildCsp(nonce, { dev: false, https: false })).not.toContain('unsafe-inline');
    expect(d['img-src']).toEqual(["'self'", 'blob:', 'data:']);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
    expect(d['upgrade-insecure-requests']).toBeUndefined();
    expect(buildCsp(nonce, { dev: true, https: true })).toMatch(/'unsafe-eval'.*upgrade-insecure-requests$/);
  });
  it('draws a fresh 128-bit nonce each time', () => {
    const a = newNonce();
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
