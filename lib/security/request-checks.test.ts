import { describe, expect, it } from 'vitest';
import { checkHost, checkMutation, checkPath } from './request-checks';
import { buildCsp } from './csp';

const HOSTS = ['dash.example.com', '127.0.0.1:3000'];
const h = (init: Record<string, string>) => new Headers(init);

describe('checkHost (DNS rebinding)', () => {
  it('answers only to the configured names', () => {
    expect(checkHost(h({ host: 'dash.example.com' }), HOSTS)).toBeNull();
    expect(checkHost(h({ host: 'DASH.example.com' }), HOSTS)).toBeNull();
    expect(checkHost(h({ host: 'rebind.attacker.example' }), HOSTS)?.status).toBe(421);
    expect(checkHost(h({}), HOSTS)?.status).toBe(421);
  });
});

describe('checkMutation (forged requests)', () => {
  const json = { 'content-type': 'application/json' };
  it('lets reads through untouched', () => {
    expect(checkMutation('GET', h({ 'sec-fetch-site': 'cross-site' }), HOSTS)).toBeNull();
  });
  it('accepts our own JSON POST and a non-browser client with no Origin', () => {
    expect(checkMutation('POST', h({ ...json, 'sec-fetch-site': 'same-origin', origin: 'https://dash.example.com' }), HOSTS)).toBeNull();
    expect(checkMutation('POST', h(json), HOSTS)).toBeNull();
  });
  it('refuses cross-site and same-site requests, foreign and null origins', () => {
    expect(checkMutation('POST', h({ ...json, 'sec-fetch-site': 'cross-site' }), HOSTS)?.code).toBe('cross_site');
    expect(checkMutation('POST', h({ ...json, 'sec-fetch-site': 'same-site' }), HOSTS)?.code).toBe('cross_site');
    expect(checkMutation('PATCH', h({ ...json, origin: 'https://evil.example' }), HOSTS)?.code).toBe('cross_site');
    expect(checkMutation('DELETE', h({ origin: 'null' }), HOSTS)?.code).toBe('cross_site');
  });
  it('requires JSON: text/plain and forms are refused (415); a DELETE with no body and no type passes', () => {
    expect(checkMutation('POST', h({ 'content-type': 'text/plain' }), HOSTS)?.status).toBe(415);
    expect(checkMutation('POST', h({ 'content-type': 'multipart/form-data; boundary=x' }), HOSTS)?.status).toBe(415);
    expect(checkMutation('POST', h({}), HOSTS)?.status).toBe(415);
    expect(checkMutation('DELETE', h({}), HOSTS)).toBeNull();
    expect(checkMutation('DELETE', h({ 'content-length': '5' }), HOSTS)?.status).toBe(415);
    expect(checkMutation('POST', h({ 'content-type': 'application/json; charset=utf-8' }), HOSTS)).toBeNull();
  });
});

describe('checkPath', () => {
  it('turns a malformed %-escape into a 400 instead of a crash', () => {
    expect(checkPath('/trace/%E0%A4%A')?.status).toBe(400);
    expect(checkPath('/views/%')?.status).toBe(400);
    expect(checkPath('/trace/4bf92f3577b34da6a3ce929d0e0e4736')).toBeNull();
    expect(checkPath('/explore/%20ok')).toBeNull();
  });
});

describe('buildCsp', () => {
  it('allows scripts only by nonce, forbids framing, plugins and base changes', () => {
    const csp = buildCsp('abc123', { dev: false, https: true });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain('upgrade-insecure-requests');
    expect(buildCsp('n', { dev: true, https: false })).toContain("'unsafe-eval'");
  });
});
