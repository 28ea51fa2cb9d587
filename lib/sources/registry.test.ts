import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../config';
import { buildRegistry, logsSources, selectSources, UnknownSourceError, type SourceLists } from './registry';
import type { NamedSourceConfig } from '../config';

const source = (label: string, slot: NamedSourceConfig['name'], type: NamedSourceConfig['type'] = slot): NamedSourceConfig => ({
  name: slot,
  label,
  type,
  baseUrl: `http://${label}`,
  auth: null,
  timeoutMs: 1000,
  demo: false,
  tenant: null,
  serviceLabel: null,
  options: {},
});

describe('source registry', () => {
  const registry = buildRegistry([source('prom-a', 'prometheus'), source('loki-eu', 'loki'), source('loki-us', 'loki'), source('jaeger', 'jaeger')]);

  it('builds one client per named source, each with its own transport', () => {
    expect(registry.lists.loki.map((s) => s.name)).toEqual(['loki-eu', 'loki-us']);
    expect(registry.lists.loki[0].client).not.toBe(registry.lists.loki[1].client);
    expect(registry.transports.get('loki-eu')?.transport).not.toBe(registry.transports.get('loki-us')?.transport);
  });

  it('selects the first of a kind by default, one by name, several by list and all with *', () => {
    expect(selectSources(registry.lists, {}).loki.map((s) => s.name)).toEqual(['loki-eu']);
    expect(selectSources(registry.lists, { logs: 'LOKI-US' }).loki.map((s) => s.name)).toEqual(['loki-us']);
    expect(selectSources(registry.lists, { logs: 'loki-us,loki-eu' }).loki.map((s) => s.name)).toEqual(['loki-us', 'loki-eu']);
    expect(selectSources(registry.lists, { logs: '*' }).loki.map((s) => s.name)).toEqual(['loki-eu', 'loki-us']);
    expect(selectSources(registry.lists, { logs: '*' }).prometheus.map((s) => s.name)).toEqual(['prom-a']);
  });

  it('names the unknown source and the known ones', () => {
    expect(() => selectSources(registry.lists, { traces: 'tempo-eu' })).toThrow(UnknownSourceError);
    expect(() => selectSources(registry.lists, { traces: 'tempo-eu' })).toThrow('tracesSource: no traces source is named "tempo-eu" (known: jaeger)');
  });

  it('compiles per-source trace-id rules once', () => {
    const withRules = buildRegistry([{ ...source('l', 'loki'), traceIds: { traceKeys: ['traceID'], defaultRegexes: false } }]);
    expect(withRules.lists.loki[0].extraction?.traceKeys).toContain('traceID');
  });

  it('serves the env-var configuration unchanged: one client per kind', () => {
    const cfg = parseConfig({ PROMETHEUS_URL: 'http://p', LOKI_URL: 'http://l' });
    const r = buildRegistry(cfg.namedSources);
    expect([r.lists.prometheus.length, r.lists.loki.length, r.lists.jaeger.length]).toEqual([1, 1, 0]);
  });
});

describe('Tempo and Elasticsearch sources', () => {
  afterEach(() => vi.unstubAllGlobals());

  function recordFetch(answer: (url: URL) => Response) {
    const seen: { url: URL; headers: Headers }[] = [];
    vi.stubGlobal('fetch', async (input: string | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      seen.push({ url, headers: new Headers(init?.headers) });
      return answer(url);
    });
    return seen;
  }

  it('puts a Tempo in the traces list behind the trace interface, with its tenant header and api option', async () => {
    const seen = recordFetch(() => new Response(null, { status: 404 }));
    const r = buildRegistry([{ ...source('tempo-eu', 'jaeger', 'tempo'), tenant: 'team-a', options: { api: 'v1' } }]);
    expect(r.lists.jaeger.map((s) => [s.name, s.type])).toEqual([['tempo-eu', 'tempo']]);
    expect(await r.lists.jaeger[0].client.getTrace('4bf92f3577b34da6a3ce929d0e0e4736')).toBeNull();
    expect(seen[0].url.pathname).toBe('/api/traces/4bf92f3577b34da6a3ce929d0e0e4736'); // api: v1, never v2
    expect(seen[0].headers.get('x-scope-orgid')).toBe('team-a');
  });

  it('puts an Elasticsearch in its own logs list, searching the index and fields of its options', async () => {
    const seen = recordFetch(() => Response.json({ hits: { hits: [{ _index: 'app', _id: '1', _source: { ts: '2026-01-01T00:00:00Z', msg: 'hello', tid: 'abc' } }] } }));
    const r = buildRegistry([{ ...source('elk', 'loki', 'elasticsearch'), options: { index: 'app-*', traceIdField: 'tid', timestampField: 'ts', messageField: 'msg' } }]);
    expect([r.lists.loki.length, r.lists.elasticsearch.map((s) => s.name)]).toEqual([0, ['elk']]);
    const res = await r.lists.elasticsearch[0].client.logsForTrace('abc', 0, 10_000);
    expect(seen[0].url.pathname).toBe('/app-*/_search');
    expect(res.lines.map((l) => l.line)).toEqual(['hello']);
  });

  it('probes each source by its type: Tempo /ready, Elasticsearch its root', async () => {
    const seen = recordFetch((url) => (url.pathname === '/ready' ? new Response('ready') : Response.json({ version: { number: '8.15.0' } })));
    const r = buildRegistry([source('t', 'jaeger', 'tempo'), { ...source('e', 'loki', 'elasticsearch'), options: { index: 'logs-*' } }]);
    expect(await r.lists.jaeger[0].probe!({})).toEqual({});
    expect(await r.lists.elasticsearch[0].probe!({})).toEqual({ version: '8.15.0' });
    expect(seen.map((s) => `${s.url.host}${s.url.pathname}`)).toEqual(['t/ready', 'e/']);
  });

  it('treats Loki and Elasticsearch sources as one logs kind: configuration order decides the default, * takes both', () => {
    const r = buildRegistry([source('prom', 'prometheus'), { ...source('elk', 'loki', 'elasticsearch'), options: { index: 'logs-*' } }, source('loki-eu', 'loki')]);
    const names = (l: SourceLists) => [...l.loki, ...l.elasticsearch].map((s) => s.name);
    expect(names(selectSources(r.lists, {}))).toEqual(['elk']);
    expect(names(selectSources(r.lists, { logs: 'loki-eu' }))).toEqual(['loki-eu']);
    expect(logsSources(selectSources(r.lists, { logs: '*' })).map((s) => s.name)).toEqual(['elk', 'loki-eu']);
    expect(() => selectSources(r.lists, { logs: 'nope' })).toThrow('logsSource: no logs source is named "nope" (known: elk, loki-eu)');
  });
});
