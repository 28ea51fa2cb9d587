import { readdirSync } from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';

/**
 * Every route handler of the app, found on disk (app/**\/route.ts), and a way to send a
 * request through proxy.ts and on to the handler the way Next.js does. Walk tests use the
 * list, so a route added tomorrow is walked without anyone remembering to add it.
 */

export const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];
export const MUTATING: readonly Method[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export interface AppRoute {
  /** e.g. app/api/v1/views/[id]/route.ts */
  file: string;
  /** e.g. /api/v1/views/[id] */
  pattern: string;
  methods: Method[];
  handlers: Partial<Record<Method, Handler>>;
}

/** Values for dynamic segments: well-formed, but naming nothing that exists. */
const SAMPLE: Record<string, string> = {
  id: 'no-such-row',
  shareId: 'no-such-share',
  token: 'A'.repeat(43),
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
};

export async function appRoutes(root = 'app'): Promise<AppRoute[]> {
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => path.basename(f) === 'route.ts').map((f) => path.join(root, f)).sort();
  return Promise.all(
    files.map(async (file) => {
      const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Partial<Record<Method, Handler>>;
      const methods = METHODS.filter((m) => typeof mod[m] === 'function');
      const pattern = `/${path.dirname(path.relative(root, file)).split(path.sep).join('/')}`.replace(/^\/\.$/, '/');
      return { file, pattern, methods, handlers: Object.fromEntries(methods.map((m) => [m, mod[m]])) };
    }),
  );
}

/** The concrete path and the params object for a pattern. */
export function concrete(pattern: string): { path: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  const segments = pattern.split('/').map((seg) => {
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(seg);
    if (catchAll) {
      params[catchAll[1]] = ['api', 'v1', 'labels'];
      return 'api/v1/labels';
    }
    const dyn = /^\[(\w+)\]$/.exec(seg);
    if (!dyn) return seg;
    params[dyn[1]] = SAMPLE[dyn[1]] ?? `sample-${dyn[1]}`;
    return params[dyn[1]] as string;
  });
  return { path: segments.join('/'), params };
}

export interface Sent {
  /** Who answered: proxy.ts refused, or the handler ran. */
  by: 'proxy' | 'handler';
  status: number;
  body: string;
}

/** What proxy.ts decided, then (when it let the request through) what the handler answered. */
export async function send(route: AppRoute, method: Method, base: string, headers: Record<string, string>, body?: string): Promise<Sent> {
  const { path: p, params } = concrete(route.pattern);
  const url = `${base}${p}`;
  const init = { method, headers, body: method === 'GET' ? undefined : body };
  const verdict = proxy(new NextRequest(url, init));
  if (verdict.headers.get('x-middleware-next') !== '1') return { by: 'proxy', status: verdict.status, body: await verdict.text() };
  // NextResponse.next({request: {headers}}) hands the rewritten request headers over like this.
  const forwarded = new Headers();
  for (const name of (verdict.headers.get('x-middleware-override-headers') ?? '').split(',').filter(Boolean)) {
    const value = verdict.headers.get(`x-middleware-request-${name}`);
    if (value !== null) forwarded.set(name, value);
  }
  const res = await route.handlers[method]!(new Request(url, { ...init, headers: forwarded }), { params: Promise.resolve(params) });
  return { by: 'handler', status: res.status, body: (await res.text()).slice(0, 500) };
}
