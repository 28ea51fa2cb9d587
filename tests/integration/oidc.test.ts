import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as callbackRoute from '@/app/auth/callback/route';
import * as loginRoute from '@/app/auth/login/route';
import { identify } from '@/lib/auth/identity';
import { getConfig, resetConfigForTests } from '@/lib/config';

/**
 * Sign-in against a real OpenID Connect provider (the `oidc-provider` package) on
 * loopback: /auth/login → the provider's authorize endpoint → its interaction (an
 * automatic login of the account the test picks) → /auth/callback → a sealed session
 * cookie that identify() turns into a user whose role comes from the provider's groups.
 */

const PUBLIC_URL = 'http://127.0.0.1:39871';
const ACCOUNTS: Record<string, { name: string; groups: string[] }> = {
  alice: { name: 'Alice Admin', groups: ['ops-admins', 'everyone'] },
  erin: { name: 'Erin Editor', groups: ['sre'] },
  vic: { name: 'Vic Viewer', groups: ['everyone'] },
  nora: { name: 'Nora Nobody', groups: ['marketing'] },
};

let server: http.Server;
let issuer: string;
let nextLogin = 'alice';
const savedEnv = { ...process.env };

beforeAll(async () => {
  server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'triangulate', client_secret: 'a-client-secret-for-tests-only', redirect_uris: [`${PUBLIC_URL}/auth/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], profile: ['name'], groups: ['groups'] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, name: ACCOUNTS[id].name, groups: ACCOUNTS[id].groups }) }),
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    cookies: { keys: ['cookie-key-for-tests-only'] },
  });
  const callback = provider.callback();
  // The provider's interaction step: log in `nextLogin` and grant what the client asked for.
  server.on('request', async (req, res) => {
    if (!req.url?.startsWith('/interaction/')) return callback(req, res);
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name === 'login') return provider.interactionFinished(req, res, { login: { accountId: nextLogin } }, { mergeWithLastSubmission: false });
    const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: 'triangulate' });
    grant.addOIDCScope(String(details.params.scope));
    return provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  });
  Object.assign(process.env, {
    HOST: '127.0.0.1',
    PORT: '39871',
    PUBLIC_URL,
    AUTH_MODE: 'oidc',
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'triangulate',
    OIDC_CLIENT_SECRET: 'a-client-secret-for-tests-only',
    OIDC_SCOPES: 'openid profile groups',
    SESSION_SECRET: 'session-secret-for-tests-0123456789abcdef',
    AUTH_ADMIN_GROUPS: 'ops-admins',
    AUTH_EDITOR_GROUPS: 'sre',
    AUTH_VIEWER_GROUPS: 'everyone',
  });
  resetConfigForTests();
});

afterAll(async () => {
  process.env = savedEnv;
  resetConfigForTests();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

/** Follow the provider's redirects with its cookies until it sends the browser back to us. */
async function throughProvider(authorizeUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  let url = authorizeUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(PUBLIC_URL)) return url;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`provider answered ${res.status} without a redirect: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects');
}

const cookiePair = (setCookie: string) => setCookie.split(';')[0];

async function signIn(account: string, next = '/anomalies?from=now-1h') {
  nextLogin = account;
  const start = await loginRoute.GET(new Request(`${PUBLIC_URL}/auth/login?next=${encodeURIComponent(next)}`));
  expect(start.status).toBe(303);
  const loginCookie = start.headers.getSetCookie()[0];
  const authorize = new URL(start.headers.get('location')!);
  const back = await throughProvider(authorize.href);
  const done = await callbackRoute.GET(new Request(back, { headers: { cookie: cookiePair(loginCookie) } }));
  return { start, loginCookie, authorize, back, done };
}

describe('OpenID Connect sign-in against oidc-provider', () => {
  it('sends the browser to the provider with PKCE (S256), state and nonce, in an HttpOnly SameSite=Lax cookie', async () => {
    const start = await loginRoute.GET(new Request(`${PUBLIC_URL}/auth/login`));
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth/callback`);
    const cookie = start.headers.getSetCookie()[0];
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/code_verifier|verifier/); // sealed, not readable
  });

  it.each([
    ['alice', 'admin'],
    ['erin', 'editor'],
    ['vic', 'viewer'],
  ] as const)('signs %s in with the %s role from the provider\'s groups and returns to where they were going', async (account, role) => {
    const { done } = await signIn(account);
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${PUBLIC_URL}/anomalies?from=now-1h`);
    const session = done.headers.getSetCookie().find((c) => c.startsWith('triangulate-session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    const who = identify(new Headers({ cookie: cookiePair(session) }), getConfig().auth, Date.now());
    expect(who).toEqual({ kind: 'user', user: { id: `oidc:${account}`, name: ACCOUNTS[account].name, role, via: 'oidc' } });
  });

  it('refuses a user in no mapped group (403) and opens no session', async () => {
    const { done } = await signIn('nora');
    expect(done.status).toBe(403);
    expect(done.headers.getSetCookie().some((c) => c.startsWith('triangulate-session=') && !c.includes('Max-Age=0'))).toBe(false);
  });

  it('refuses a callback whose state does not match the login cookie', async () => {
    nextLogin = 'alice';
    const first = await loginRoute.GET(new Request(`${PUBLIC_URL}/auth/login`));
    const second = await loginRoute.GET(new Request(`${PUBLIC_URL}/auth/login`));
    const back = await throughProvider(first.headers.get('location')!);
    // The code came back for the first login, but the browser holds the second one's cookie.
    const done = await callbackRoute.GET(new Request(back, { headers: { cookie: cookiePair(second.headers.getSetCookie()[0]) } }));
    expect(done.status).toBe(400);
    expect(done.headers.getSetCookie().some((c) => c.startsWith('triangulate-session=') && !c.includes('Max-Age=0'))).toBe(false);
  });

  it('refuses a callback without the login cookie, and a forged session cookie identifies nobody', async () => {
    const { back } = await (async () => {
      nextLogin = 'alice';
      const start = await loginRoute.GET(new Request(`${PUBLIC_URL}/auth/login`));
      return { back: await throughProvider(start.headers.get('location')!) };
    })();
    expect((await callbackRoute.GET(new Request(back))).status).toBe(400);
    const forged = identify(new Headers({ cookie: `triangulate-session=${Buffer.from(JSON.stringify({ id: 'x', role: 'admin' })).toString('base64url')}` }), getConfig().auth, Date.now());
    expect(forged).toEqual({ kind: 'anonymous' });
  });

  it('never redirects off-site after sign-in (next=//evil.example)', async () => {
    const { done } = await signIn('erin', '//evil.example/steal');
    expect(done.headers.get('location')).toBe(`${PUBLIC_URL}/`);
  });
});
