import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../model/types';
import type { LokiClient } from '../../sources/types';
import { T } from '../../correlate/test-helpers';
import { fetchTraceLogs, fetchTraceLogsFrom, traceLogQueries, TRACE_LOG_LIMIT } from './trace-logs';
import type { ElasticsearchClient, EsQueryOptions } from '../../sources/elasticsearch/client';

const line = (ns: string, text: string, stream: Record<string, string>): LogLine => ({ tsNs: ns, line: text, stream, structuredMetadata: {}, parsed: {} });
const range = { fromMs: 0, toMs: 3_600_000 };

/** A Loki whose streams carry `label`; its label lookup answers when `labelsGate` resolves. */
function fakeLoki(label: string, labelsGate: Promise<void> = Promise.resolve()) {
  const calls: { query: string; abortedLater: boolean }[] = [];
  let labelCalls = 0;
  const loki = {
    labels: async () => {
      labelCalls++;
      await labelsGate;
      return [label, 'level'];
    },
    queryRange: async (query: string, _from: number, _to: number, opts: { signal?: AbortSignal }) => {
      const call = { query, abortedLater: false };
      calls.push(call);
      opts.signal?.addEventListener('abort', () => (call.abortedLater = true));
      const hit = query.startsWith(`{${label}=~`);
      return { lines: hit ? [line('2', `order failed trace_id=${T}`, { [label]: 'checkout' })] : [], truncated: false, warnings: [], categorized: true };
    },
  } as unknown as LokiClient;
  return { loki, calls, labelCalls: () => labelCalls };
}

describe('fetchTraceLogs', () => {
  it('searches with service_name while the label lookup is still out, and keeps that answer', async () => {
    let release!: () => void;
    const { loki, calls } = fakeLoki('service_name', new Promise((r) => (release = r)));
    const pending = fetchTraceLogs(loki, T, range);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.map((c) => c.query)).toEqual(Object.values(traceLogQueries(T, 'service_name')));
    release();
    const r = await pending;
    expect(r.lines.map((l) => l.line)).toEqual([`order failed trace_id=${T}`]);
    expect(calls).toHaveLength(2);
  });

  it('abandons a wrong guess, searches with the label Loki has, and guesses that label next time', async () => {
    const { loki, calls, labelCalls } = fakeLoki('app');
    const r = await fetchTraceLogs(loki, T, range);
    expect(r.lines).toHaveLength(1);
    expect(calls.map((c) => [/^\{(\w+)=/.exec(c.query)?.[1], c.abortedLater])).toEqual([
      ['service_name', true],
      ['service_name', true],
      ['app', false],
      ['app', false],
    ]);
    calls.length = 0;
    await fetchTraceLogs(loki, T, range);
    expect(calls.every((c) => c.query.startsWith('{app='))).toBe(true);
    expect(labelCalls()).toBe(1); // labels are kept a minute
  });

  it('fails when the label lookup fails, and says so when Loki has no stream labels', async () => {
    const down = { labels: async () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { kind: 'unreachable' })), queryRange: async () => ({ lines: [], truncated: false, warnings: [] }) } as unknown as LokiClient;
    await expect(fetchTraceLogs(down, T, range)).rejects.toThrow('ECONNREFUSED');
    const empty = { labels: async () => [], queryRange: async () => ({ lines: [], truncated: false, warnings: [] }) } as unknown as LokiClient;
    expect(await fetchTraceLogs(empty, T, range)).toEqual({ lines: [], truncated: false, warnings: ['Loki has no stream labels in this range'] });
  });
});

describe('fetchTraceLogsFrom', () => {
  it('asks an Elasticsearch source for the trace, oldest first and capped', async () => {
    const calls: [string, number, number, EsQueryOptions | undefined][] = [];
    const line: LogLine = { tsNs: '1000', line: 'hello', stream: { service_name: 'api' }, structuredMetadata: {}, parsed: {} } as unknown as LogLine;
    const es = { logsForTrace: async (id: string, from: number, to: number, o?: EsQueryOptions) => (calls.push([id, from, to, o]), { lines: [line], truncated: false, warnings: [] }) } as unknown as ElasticsearchClient;
    const r = await fetchTraceLogsFrom({ name: 'eu-logs', type: 'elasticsearch', client: es, serviceLabel: null }, 'abc', { fromMs: 1, toMs: 2 });
    expect(r.lines).toEqual([line]);
    expect(calls).toEqual([['abc', 1, 2, { signal: undefined, limit: TRACE_LOG_LIMIT, direction: 'forward' }]]);
  });

  it('asks a Loki source with its LogQL searches and its service label', async () => {
    const queries: string[] = [];
    const loki = { labels: async () => ['app', 'service_name'], queryRange: async (q: string) => (queries.push(q), { lines: [], truncated: false, warnings: [] }) } as unknown as LokiClient;
    await fetchTraceLogsFrom({ name: 'eu', type: 'loki', client: loki, serviceLabel: 'app' }, T, range);
    expect(queries.length).toBe(2);
    expect(queries.every((q) => q.startsWith('{app=~".+"}'))).toBe(true);
  });
});
