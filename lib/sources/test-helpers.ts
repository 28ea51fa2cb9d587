import type { SourceConfig } from '../config';
import type { SourceName } from '../model/types';
import { createTransport, type TransportDeps, type TransportOptions } from './http';
import type { JaegerClient, LokiClient, PrometheusClient } from './types';

/** Shared by the client tests: a source config and a scripted fetch (no network). */

export function sourceConfig(name: SourceName, over: Partial<SourceConfig> = {}): SourceConfig {
  return { name, baseUrl: `http://${name}.test`, auth: null, timeoutMs: 5_000, demo: false, ...over };
}

export interface RecordedRequest {
  url: URL;
  method: string;
  headers: Headers;
  body: string;
}

export type Responder = (req: RecordedRequest) => Response | Promise<Response>;

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function text(body: string, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
}

/** A fetch that records each request and answers with `respond`. */
export function fakeFetch(respond: Responder): { fetch: typeof fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = init?.body === undefined || init.body === null ? '' : String(init.body);
    const req: RecordedRequest = { url: new URL(String(input)), method: init?.method ?? 'GET', headers: new Headers(init?.headers), body };
    requests.push(req);
    return respond(req);
  }) as typeof fetch;
  return { fetch: fetchImpl, requests };
}

/** Query parameters of a recorded request, from the URL or a form body. */
export function paramsOf(req: RecordedRequest): URLSearchParams {
  return req.method === 'POST' ? new URLSearchParams(req.body) : req.url.searchParams;
}

export function fakeTransport(name: SourceName, respond: Responder, deps: TransportDeps = {}, options: TransportOptions = {}, over: Partial<SourceConfig> = {}) {
  const ff = fakeFetch(respond);
  const transport = createTransport(sourceConfig(name, over), { fetch: ff.fetch, sleep: async () => undefined, random: () => 0.5, ...deps }, options);
  return { transport, requests: ff.requests };
}

/**
 * A route test's stand-in for the `@/lib/sources` module: the clients `clients()` returns
 * (read on every call, so a test can swap them) as the process's only sources:
 * `vi.mock('@/lib/sources', async () => (await import('@/lib/sources/test-helpers')).sourcesModuleFor(() => sources))`.
 */
export async function sourcesModuleFor(clients: () => { prometheus?: PrometheusClient | null; loki?: LokiClient | null; jaeger?: JaegerClient | null }) {
  const { singleSourceLists } = await import('./registry');
  return {
    getSources: () => ({ prometheus: null, loki: null, jaeger: null, ...clients() }),
    getSourceLists: () => singleSourceLists(clients()),
  };
}
