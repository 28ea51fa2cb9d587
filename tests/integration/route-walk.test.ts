import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resetConfigForTests } from '@/lib/config';
import { useAsProcessDb, freshSqliteUrl } from '../helpers/db';
import { appRoutes, concrete, MUTATING, send, type AppRoute, type Method } from '../helpers/routes';

/**
 * Every route of the app (found on disk, so a new one cannot be forgotten) × every role,
 * through proxy.ts and on to the handler, in AUTH_MODE=proxy: the identity arrives as
 * oauth2-proxy's headers from the trusted proxy's address. Then every mutating route × the
 * forged requests a hostile page can make. Figures: docs/security.md.
 */

const BASE = 'http://127.0.0.1:39872';
const PROXY_PEER = '10.0.0.5';

/** Reachable without signing in: health, who am I (null when nobody), share links and their data, sign-in, /metrics. */
const PUBLIC_READ = new Set(['/api/health', '/api/v1/me', '/s/[token]', '/s/[token]/view/data', '/auth/login', '/auth/callback', '/metrics']);
const PUBLIC_WRITE = new Set(['/auth/logout']);
const ADMIN_ONLY = new Set(['/api/v1/audit']);

type Caller = 'anonymous' | 'viewer' | 'editor' | 'admin';
const GROUPS: Record<Exclude<Caller, 'anonymous'>, string> = { viewer: 'readers', editor: 'sre', admin: 'platform-admins' };

/** What the walk expects, written from the rules in docs/security.md, not from route-access.ts. */
function expected(route: AppRoute, method: Method, caller: Caller): 'allowed' | 401 | 403 {
  const reading = method === 'GET';
  if (reading ? PUBLIC_READ.has(route.pattern) : PUBLIC_WRITE.has(route.pattern)) return 'allowed';
  if (caller === 'anonymous') return 401;
  if (ADMIN_ONLY.has(route.pattern)) return caller === 'admin' ? 'allowed' : 403;
  if (reading) return 'allowed';
  return caller === 'viewer' ? 403 : 'allowed';
}

const headersFor = (caller: Caller, method: Method): Record<string, string> => ({
  host: '127.0.0.1:39872',
  'x-triangulate-peer': PROXY_PEER,
  ...(method === 'GET' ? {} : { 'content-type': 'application/json', origin: BASE, 'sec-fetch-site': 'same-origin' }),
  ...(caller === 'anonymous' ? {} : { 'x-forwarded-user': `${caller}@example.com`, 'x-forwarded-groups': `${GROUPS[caller]},everyone` }),
});

const savedEnv = { ...process.env };
let routes: AppRoute[];
beforeAll(async () => {
  for (const k of ['PROMETHEUS_URL', 'LOKI_URL', 'JAEGER_URL', 'DEMO_PROMETHEUS_URL', 'DEMO_LOKI_URL', 'DEMO_JAEGER_URL', 'PUBLIC_URL']) delete process.env[k];
  Object.assign(process.env, {
    HOST: '127.0.0.1',
    // No demo process runs: the demo sources are not configured, so scans answer at once.
    PORT: '39872',
    AUTH_MODE: 'proxy',
    AUTH_PROXY_TRUSTED: `${PROXY_PEER}/32`,
    AUTH_ADMIN_GROUPS: GROUPS.admin,
    AUTH_EDITOR_GROUPS: GROUPS.editor,
    AUTH_VIEWER_GROUPS: GROUPS.viewer,
    TRIANGULATE_PEER_STAMPED: '1',
  });
  resetConfigForTests();
  routes = await appRoutes();
});
afterAll(() => {
  process.env = savedEnv;
  resetConfigForTests();
});

describe('every route × every role (AUTH_MODE=proxy)', () => {
  useAsProcessDb(freshSqliteUrl(), { beforeAll, beforeEach, afterAll });

  it('finds the routes on disk, and no demo route among them (the demo is its own process)', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes.map((r) => r.pattern)).toContain('/api/v1/views/[id]');
    expect(routes.filter((r) => r.pattern.startsWith('/demo'))).toEqual([]);
  });

  it('lets each caller reach exactly what its role allows', async () => {
    const rows: string[] = [];
    let walked = 0;
    for (const route of routes) {
      for (const method of route.methods) {
        for (const caller of ['anonymous', 'viewer', 'editor', 'admin'] as const) {
          const want = expected(route, method, caller);
          const got = await send(route, method, BASE, headersFor(caller, method), '{}');
          walked++;
          const ok = want === 'allowed' ? got.status !== 401 && got.status !== 403 : got.status === want;
          if (!ok) rows.push(`${method} ${route.pattern} as ${caller}: expected ${want}, got ${got.status} from the ${got.by} ${got.body.slice(0, 160)}`);
        }
      }
    }
    expect(rows).toEqual([]);
    expect(walked).toBeGreaterThan(100);
    console.log(`[route-walk] ${walked} route × method × role requests walked over ${routes.length} routes`);
  });

  it('ignores identity headers that do not come from the trusted proxy (403), and lets nobody claim a peer address', async () => {
    const views = routes.find((r) => r.pattern === '/api/v1/views')!;
    const spoofed = await send(views, 'GET', BASE, { ...headersFor('admin', 'GET'), 'x-triangulate-peer': '203.0.113.9' });
    expect(spoofed).toMatchObject({ by: 'proxy', status: 403 });
    process.env.TRIANGULATE_PEER_STAMPED = '0'; // served by plain `next start`: the peer header may be the client's own
    const unstamped = await send(views, 'GET', BASE, headersFor('admin', 'GET'));
    process.env.TRIANGULATE_PEER_STAMPED = '1';
    expect(unstamped).toMatchObject({ by: 'proxy', status: 403 });
  });

  it('drops an x-triangulate-user header a client sends itself', async () => {
    const me = routes.find((r) => r.pattern === '/api/v1/me')!;
    const forged = Buffer.from(JSON.stringify({ id: 'x', name: 'x', role: 'admin', via: 'oidc' })).toString('base64url');
    const res = await send(me, 'GET', BASE, { ...headersFor('anonymous', 'GET'), 'x-triangulate-user': forged });
    expect(res).toMatchObject({ by: 'handler', status: 200 });
    expect(JSON.parse(res.body)).toMatchObject({ user: null, mode: 'proxy' });
    const views = routes.find((r) => r.pattern === '/api/v1/views')!;
    expect(await send(views, 'GET', BASE, { ...headersFor('anonymous', 'GET'), 'x-triangulate-user': forged })).toMatchObject({ by: 'proxy', status: 401 });
  });
});

describe('forged requests on every mutating route', () => {
  useAsProcessDb(freshSqliteUrl(), { beforeAll, beforeEach, afterAll });

  const FORGERIES: { name: string; headers: Record<string, string>; status: number }[] = [
    { name: 'cross-site (Sec-Fetch-Site: cross-site)', headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, status: 403 },
    { name: 'same-site sibling (Sec-Fetch-Site: same-site)', headers: { 'sec-fetch-site': 'same-site', origin: 'http://other.127.0.0.1.nip.io:39872' }, status: 403 },
    { name: 'foreign Origin without Sec-Fetch-Site (older browser)', headers: { 'sec-fetch-site': '', origin: 'https://evil.example' }, status: 403 },
    { name: 'Origin: null (sandboxed frame)', headers: { 'sec-fetch-site': '', origin: 'null' }, status: 403 },
    { name: 'text/plain body (a "simple" cross-site POST)', headers: { 'content-type': 'text/plain;charset=UTF-8' }, status: 415 },
    { name: 'form-encoded body', headers: { 'content-type': 'application/x-www-form-urlencoded' }, status: 415 },
    { name: 'DNS rebinding (wrong Host)', headers: { host: 'attacker.example:39872' }, status: 421 },
  ];

  it.each(FORGERIES)('refuses $name with $status on every mutating route, before any handler runs', async ({ headers, status }) => {
    const failures: string[] = [];
    let walked = 0;
    for (const route of routes) {
      for (const method of route.methods.filter((m) => MUTATING.includes(m))) {
        const h: Record<string, string> = { ...headersFor('admin', method), ...headers };
        for (const [k, v] of Object.entries(h)) if (v === '') delete h[k];
        const got = await send(route, method, BASE, h, '{"name":"x","path":"/"}');
        walked++;
        if (got.by !== 'proxy' || got.status !== status) failures.push(`${method} ${route.pattern}: ${got.status} from the ${got.by}`);
      }
    }
    expect(failures).toEqual([]);
    expect(walked).toBeGreaterThanOrEqual(12);
  });

  it('refuses a wrong Host on reads too', async () => {
    for (const route of routes.filter((r) => r.methods.includes('GET'))) {
      const got = await send(route, 'GET', BASE, { ...headersFor('admin', 'GET'), host: 'rebound.attacker.example' });
      expect(got, route.pattern).toMatchObject({ by: 'proxy', status: 421 });
    }
  });
});

describe('handlers on their own', () => {
  useAsProcessDb(freshSqliteUrl(), { beforeAll, beforeEach, afterAll });

  it('answer 401 to every change that arrives without the identity proxy.ts vouches for', async () => {
    const answers: string[] = [];
    for (const route of routes) {
      if (PUBLIC_WRITE.has(route.pattern)) continue;
      for (const method of route.methods.filter((m) => MUTATING.includes(m))) {
        const { path: p, params } = concrete(route.pattern);
        const res = await route.handlers[method]!(new Request(`${BASE}${p}`, { method, headers: { 'content-type': 'application/json' }, body: '{}' }), { params: Promise.resolve(params) });
        answers.push(`${method} ${route.pattern} ${res.status}`);
      }
    }
    expect(answers.length).toBeGreaterThanOrEqual(12);
    expect(answers.filter((a) => !a.endsWith(' 401'))).toEqual([]);
  });
});
