import { describe, expect, it } from 'vitest';
import type { ApiExemplar } from '@/lib/api/types';
import { exemplarRows } from './exemplar-list-model';

const T = '4bf92f3577b34da6a3ce929d0e0e4736';
const ex = (ts: string, traceId: string | null, labels: Record<string, string>, value = 0.25, extra: Partial<ApiExemplar> = {}): ApiExemplar => ({
  ts,
  traceId,
  spanId: null,
  value,
  labels: {},
  seriesLabels: { __name__: 'rpc_latency_seconds_bucket', instance: '10.0.0.1:9090', job: 'pods', le: '0.5', ...labels },
  ...extra,
});

describe('exemplarRows', () => {
  it('lists newest first, names the series by family with the service and the labels that tell rows apart, and marks the current trace', () => {
    const rows = exemplarRows(
      [
        ex('2026-12-04T12:00:01Z', 'a'.repeat(32), { app: 'ledger', method: 'Post', region: 'eu' }),
        ex('2026-12-04T12:00:03Z', T, { app: 'ledger', method: 'Get', region: 'eu' }, 1.5, { traceExists: false }),
        ex('2026-12-04T12:00:02Z', null, { app: 'ledger', method: 'Get', region: 'eu' }),
      ],
      T,
    );
    expect(rows.map((r) => [r.ts, r.series, r.keyLabels, r.value, r.current, r.dead])).toEqual([
      ['2026-12-04T12:00:03Z', 'rpc_latency_seconds', [['app', 'ledger'], ['method', 'Get']], '1500 ms', true, true],
      ['2026-12-04T12:00:01Z', 'rpc_latency_seconds', [['app', 'ledger'], ['method', 'Post']], '250 ms', false, false],
    ]);
  });

  it('keeps at most three key labels and plain numbers for series that are not durations', () => {
    const rows = exemplarRows(
      [
        ex('2026-12-04T12:00:01Z', T, { __name__: 'queue_depth', service: 'w', a: '1', b: '1', c: '1' }, 7),
        ex('2026-12-04T12:00:02Z', T, { __name__: 'queue_depth', service: 'w', a: '2', b: '2', c: '2' }, 7),
      ],
      T,
    );
    expect(rows[0].keyLabels).toEqual([['service', 'w'], ['a', '2'], ['b', '2']]);
    expect(rows[0].value).toBe('7');
  });
});
