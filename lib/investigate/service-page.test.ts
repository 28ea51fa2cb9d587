import { describe, expect, it } from 'vitest';
import type { LokiClient } from '../sources/types';
import { investigationContext } from './context';
import { servicePage } from './service-page';

const T0 = Date.parse('2026-03-02T12:00:00Z');
const RANGE = { fromMs: T0, toMs: T0 + 3_600_000 };
const notUsed = () => Promise.reject(new Error('not used by the service page'));

/** A Loki whose streams carry both `service_name` and the team's own `app_id`. */
function fakeLoki() {
  const queries: string[] = [];
  const loki = {
    labels: async () => ['app_id', 'level', 'service_name'],
    labelValues: notUsed,
    queryRange: notUsed,
    queryRangeMetric: async (q: string) => {
      queries.push(q);
      return { series: [{ name: '', labels: { level: 'error' }, points: [[T0 + 60_000, 4]] as [number, number][] }], warnings: [] };
    },
  } as unknown as LokiClient;
  return { loki, queries };
}

describe('the service page\'s log volume from Loki', () => {
  it('selects the service by the built-in label order when the source names none', async () => {
    const { loki, queries } = fakeLoki();
    const page = await servicePage(investigationContext({ clients: { loki }, nowMs: RANGE.toMs }), 'checkout', RANGE);
    expect(queries).toEqual(['sum by (level) (count_over_time({service_name="checkout"} [60s]))']);
    expect(page.logVolume).toEqual({ levelLabel: 'level', stepSec: 60, levels: ['error'], buckets: [{ t: T0 + 60_000, counts: { error: 4 } }] });
    expect(page.sources.loki.status).toBe('ok');
  });

  it('selects it by the source\'s own service label when one is configured', async () => {
    const { loki, queries } = fakeLoki();
    const sources = { loki: [{ name: 'team-loki', type: 'loki' as const, client: loki, serviceLabel: 'app_id' }] };
    await servicePage(investigationContext({ clients: { loki }, sources, nowMs: RANGE.toMs }), 'checkout', RANGE);
    expect(queries).toEqual(['sum by (level) (count_over_time({app_id="checkout"} [60s]))']);
  });
});
