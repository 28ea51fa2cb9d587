import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../model/types';
import type { ElasticsearchClient } from '../../sources/elasticsearch/client';
import type { NamedClient } from '../../sources/registry';
import type { LokiClient } from '../../sources/types';
import { DEFAULT_ANOMALY_BUDGETS, SourceCalls } from './anomalies-budgets';
import { sampleLogs } from './anomalies-logs';

const T0 = Date.parse('2026-03-02T12:00:00Z');
const RANGE = { fromMs: T0, toMs: T0 + 3_600_000 };
const BUDGETS = { ...DEFAULT_ANOMALY_BUDGETS, logSlices: 2, logLinesPerService: 10 };
const line = (ms: number, text: string, stream: Record<string, string> = {}): LogLine => ({ tsNs: `${ms}000000`, line: text, stream, structuredMetadata: {}, parsed: {} });
const calls = (backend?: string) => new SourceCalls('loki', {}, new AbortController().signal, 'not configured', backend);
const named = <C>(type: 'loki' | 'elasticsearch', client: C, serviceLabel: string | null = null): NamedClient<C> => ({ name: `my-${type}`, type, client, serviceLabel });
const notUsed = () => Promise.reject(new Error('not used by the scan'));

function fakeEs(labelFields: string[]) {
  const asked: { field: string; value: string; fromMs: number; toMs: number; limit?: number; direction?: string }[] = [];
  const client: ElasticsearchClient = {
    labelFields,
    logsForTrace: notUsed,
    search: notUsed,
    info: notUsed,
    volumeWhere: notUsed,
    async linesWhere(field, value, fromMs, toMs, opts) {
      asked.push({ field, value, fromMs, toMs, limit: opts?.limit, direction: opts?.direction });
      return { lines: [line(toMs - 1000, `GET /x ${value} trace_id=${'ab'.repeat(16)}`), line(toMs - 2000, `no context on ${value}`, { service_name: 'someone-else' })], truncated: false, warnings: [] };
    },
  };
  return { client, asked };
}

describe('the scan\'s log sample from Elasticsearch', () => {
  it('asks each service\'s newest lines per slice of the window on its service field, and keeps the service it asked for', async () => {
    const { client, asked } = fakeEs(['service.name', 'host.name']);
    const entries = await sampleLogs(calls(), named('elasticsearch', client), ['checkout', 'risk'], RANGE, BUDGETS);
    expect(asked).toEqual([
      { field: 'service.name', value: 'checkout', fromMs: RANGE.fromMs, toMs: RANGE.fromMs + 1_800_000, limit: 5, direction: 'backward' },
      { field: 'service.name', value: 'checkout', fromMs: RANGE.fromMs + 1_800_000, toMs: RANGE.toMs, limit: 5, direction: 'backward' },
      { field: 'service.name', value: 'risk', fromMs: RANGE.fromMs, toMs: RANGE.fromMs + 1_800_000, limit: 5, direction: 'backward' },
      { field: 'service.name', value: 'risk', fromMs: RANGE.fromMs + 1_800_000, toMs: RANGE.toMs, limit: 5, direction: 'backward' },
    ]);
    expect(entries).toHaveLength(8);
    expect(entries.every((e) => e.service === 'checkout' || e.service === 'risk')).toBe(true);
    expect(entries.filter((e) => e.traceId === 'ab'.repeat(16))).toHaveLength(4);
    expect(entries.filter((e) => e.traceId === null)).toHaveLength(4);
  });

  it('asks nothing and says why when no label field names services', async () => {
    const { client, asked } = fakeEs(['host.name']);
    const c = calls('elasticsearch');
    expect(await sampleLogs(c, named('elasticsearch', client), ['checkout'], RANGE, BUDGETS)).toEqual([]);
    expect(asked).toEqual([]);
    expect(c.notes()).toEqual(['Elasticsearch: none of the label fields of my-elasticsearch names services (host.name); log context was not checked.']);
  });
});

describe('the scan\'s log sample from Loki', () => {
  it('tries the source\'s own service label first, then the built-in order', async () => {
    const listed: string[] = [];
    const queries: string[] = [];
    const loki = {
      labels: async () => ['app', 'service_name', 'team'],
      labelValues: async (label: string) => (listed.push(label), label === 'team' ? ['checkout'] : []),
      queryRange: async (q: string) => (queries.push(q), { lines: [line(T0 + 1000, 'hello')], warnings: [], truncated: false }),
    } as unknown as LokiClient;
    const entries = await sampleLogs(calls(), named('loki', loki, 'team'), ['checkout'], RANGE, BUDGETS);
    expect(listed).toEqual(['team', 'service_name', 'app']);
    expect(queries).toEqual(['{team="checkout"}', '{team="checkout"}']);
    expect(entries.map((e) => e.service)).toEqual(['checkout', 'checkout']);
  });

  it('samples a service logged under a built-in label when the configured one does not carry it', async () => {
    const queries: string[] = [];
    const loki = {
      labels: async () => ['app', 'team'],
      labelValues: async (label: string) => (label === 'team' ? ['checkout'] : label === 'app' ? ['ledger'] : []),
      queryRange: async (q: string) => (queries.push(q), { lines: [line(T0 + 1000, 'hello')], warnings: [], truncated: false }),
    } as unknown as LokiClient;
    const entries = await sampleLogs(calls(), named('loki', loki, 'team'), ['checkout', 'ledger'], RANGE, BUDGETS);
    expect(new Set(queries)).toEqual(new Set(['{team="checkout"}', '{app="ledger"}']));
    expect(new Set(entries.map((e) => e.service))).toEqual(new Set(['checkout', 'ledger']));
  });
});
