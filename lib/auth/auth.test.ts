import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config';
import { addressIn } from './auth-config';
import { identify } from './identity';
import { canManage, roleFromGroups, type User } from './roles';
import { seal, unseal } from './seal';
import { signOutFor } from './sign-out';

const SECRET = 'x'.repeat(40);

describe('auth config', () => {
  it('keeps "none" on loopback and refuses it on a network address unless explicitly allowed', () => {
    expect(parseConfig({ HOST: '127.0.0.1' }).auth.mode).toBe('none');
    expect(() => parseConfig({ HOST: '0.0.0.0' })).toThrow(/AUTH_MODE: "none".*HOST=0\.0\.0\.0/);
    expect(() => parseConfig({ HOST: '10.1.2.3' })).toThrow(/AUTH_ALLOW_NONE_ON_NETWORK/);
    expect(parseConfig({ HOST: '0.0.0.0', AUTH_ALLOW_NONE_ON_NETWORK: 'true', PUBLIC_URL: 'http://dash:3000' }).auth.mode).toBe('none');
  });
  it('names every missing OIDC and proxy setting, and wants https issuers off this machine', () => {
    expect(() => parseConfig({ AUTH_MODE: 'oidc' })).toThrow(/OIDC_ISSUER[\s\S]*OIDC_CLIENT_ID[\s\S]*SESSION_SECRET/);
    expect(() => parseConfig({ AUTH_MODE: 'oidc', OIDC_ISSUER: 'http://idp.example', OIDC_CLIENT_ID: 'c', SESSION_SECRET: SECRET })).toThrow(/must be https/);
    expect(() => parseConfig({ AUTH_MODE: 'proxy' })).toThrow(/AUTH_PROXY_TRUSTED/);
    expect(() => parseConfig({ AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: '10.0.0.0/33' })).toThrow(/not an IP address or CIDR/);
  });
  it('makes cookies Secure when PUBLIC_URL is https, and derives the Host allow-list', () => {
    const cfg = parseConfig({ HOST: '127.0.0.1', PORT: '3000', PUBLIC_URL: 'https://dash.example.com' });
    expect(cfg.auth.secureCookies).toBe(true);
    expect(cfg.allowedHosts.sort()).toEqual(['127.0.0.1:3000', '[::1]:3000', 'dash.example.com', 'localhost:3000']);
    const extra = parseConfig({ HOST: '0.0.0.0', AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: '10.0.0.1', PUBLIC_URL: 'https://dash.example.com', ALLOWED_HOSTS: 'triangulate:3000, 10.1.2.3:3000' });
    expect(extra.allowedHosts.sort()).toEqual(['0.0.0.0:3000', '10.1.2.3:3000', 'dash.example.com', 'triangulate:3000']);
    expect(() => parseConfig({ ALLOWED_HOSTS: 'http://x/' })).toThrow(/ALLOWED_HOSTS/);
  });
});

describe('sign-out control', () => {
  it('posts to /auth/logout under OIDC, goes to the proxy\'s sign-out page when configured, and is absent otherwise', () => {
    const oidc = parseConfig({ AUTH_MODE: 'oidc', OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'c', SESSION_SECRET: SECRET }).auth;
    expect(signOutFor(oidc)).toEqual({ method: 'POST', url: '/auth/logout' });
    const proxy = (extra: Record<string, string>) => parseConfig({ AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: '10.0.0.1', ...extra }).auth;
    expect(signOutFor(proxy({ AUTH_PROXY_SIGN_OUT_URL: '/oauth2/sign_out' }))).toEqual({ method: 'GET', url: '/oauth2/sign_out' });
    expect(signOutFor(proxy({}))).toBeNull();
    expect(() => proxy({ AUTH_PROXY_SIGN_OUT_URL: '//evil.example/x' })).toThrow(/AUTH_PROXY_SIGN_OUT_URL/);
    expect(() => proxy({ AUTH_PROXY_SIGN_OUT_URL: 'javascript:alert(1)' })).toThrow(/AUTH_PROXY_SIGN_OUT_URL/);
    expect(signOutFor(parseConfig({}).auth)).toBeNull();
  });
});

describe('roles', () => {
  const map = { admin: ['admins'], editor: ['sre'], viewer: ['staff'], fallback: null };
  it('takes the highest role any group grants, and none without a match', () => {
    expect(roleFromGroups(['staff', 'sre'], map)).toBe('editor');
    expect(roleFromGroups(['admins', 'staff'], map)).toBe('admin');
    expect(roleFromGroups(['marketing'], map)).toBeNull();
    expect(roleFromGroups(['marketing'], { ...map, fallback: 'viewer' })).toBe('viewer');
  });
  it('lets editors manage their own rows and admins all', () => {
    const editor: User = { id: 'e', name: 'e', role: 'editor', via: 'oidc' };
    expect(canManage(editor, 'e')).toBe(true);
    expect(canManage(editor, 'someone-else')).toBe(false);
    expect(canManage(editor, null)).toBe(false);
    expect(canManage({ ...editor, role: 'viewer' }, 'e')).toBe(false);
    expect(canManage({ ...editor, role: 'admin' }, null)).toBe(true);
  });
});

describe('sealed cookies', () => {
  it('round-trip, and fail on tampering, another purpose, another key or expiry', () => {
    const sealed = seal({ a: 1 }, SECRET, 'session', 2_000);
    expect(unseal(sealed, SECRET, 'session', 1_000)).toEqual({ a: 1 });
    expect(unseal(sealed, SECRET, 'session', 2_000)).toBeNull();
    expect(unseal(sealed, SECRET, 'login', 1_000)).toBeNull();
    expect(unseal(sealed, 'y'.repeat(40), 'session', 1_000)).toBeNull();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(unseal(bytes.toString('base64url'), SECRET, 'session', 1_000)).toBeNull();
  });
});

describe('proxy mode', () => {
  const auth = parseConfig({ AUTH_MODE: 'proxy', AUTH_PROXY_TRUSTED: '10.0.0.0/8,fd00::/8', AUTH_EDITOR_GROUPS: 'sre' }).auth;
  it('matches IPv4, IPv4-mapped IPv6 and IPv6 peers against CIDR ranges', () => {
    expect(addressIn('10.2.3.4', ['10.0.0.0/8'])).toBe(true);
    expect(addressIn('::ffff:10.2.3.4', ['10.0.0.0/8'])).toBe(true);
    expect(addressIn('11.0.0.1', ['10.0.0.0/8'])).toBe(false);
    expect(addressIn('fd00::1', ['fd00::/8'])).toBe(true);
    expect(addressIn('fe80::1', ['fd00::/8'])).toBe(false);
    expect(addressIn('garbage', ['10.0.0.0/8'])).toBe(false);
  });
  it('accepts the user header only from the trusted proxy, under the stamping server', () => {
    process.env.TRIANGULATE_PEER_STAMPED = '1';
    const from = (peer: string) => identify(new Headers({ 'x-triangulate-peer': peer, 'x-forwarded-user': 'erin', 'x-forwarded-groups': 'sre' }), auth, 0);
    expect(from('10.9.9.9')).toEqual({ kind: 'user', user: { id: 'proxy:erin', name: 'erin', role: 'editor', via: 'proxy' } });
    expect(from('192.168.1.1').kind).toBe('refused');
    delete process.env.TRIANGULATE_PEER_STAMPED;
    expect(from('10.9.9.9').kind).toBe('refused');
  });
});
