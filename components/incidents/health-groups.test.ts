import { describe, expect, it } from 'vitest';
import type { TelemetryHealth } from '@/lib/incidents';
import { healthGroups } from './health-groups';

type F = TelemetryHealth['findings'][number];
const f = (over: Partial<F>): F => ({ id: 'x', kind: 'orphan_span', service: 'order-service', title: '1 orphan span', severity: 'info', start: '2026-03-02T12:00:00.000Z', end: null, ...over });

describe('telemetry health lines', () => {
  it('gives one line per service and kind, led by its worst finding, worst lines first', () => {
    const groups = healthGroups([
      f({ id: 'a' }),
      f({ id: 'b', severity: 'critical', title: '100 % of sampled traces have orphan spans', start: '2026-03-02T11:30:00.000Z' }),
      f({ id: 'c', start: '2026-03-02T12:10:00.000Z' }),
      f({ id: 'd', kind: 'log_without_trace_context', severity: 'warning', title: '40 % of log lines have no trace id' }),
    ]);
    expect(groups.map((g) => [g.kind, g.count, g.worst.id, g.latestStart])).toEqual([
      ['orphan_span', 3, 'b', '2026-03-02T12:10:00.000Z'],
      ['log_without_trace_context', 1, 'd', '2026-03-02T12:00:00.000Z'],
    ]);
  });

  it('says a line is muted only when all its findings are', () => {
    const mute = { id: 'm', findingId: 'a', mode: 'mute' as const, by: 'ana', reason: 'known', until: '2026-03-02T14:00:00.000Z', createdAt: '2026-03-02T12:00:00.000Z' };
    expect(healthGroups([f({ id: 'a', mute }), f({ id: 'b' })])[0].allMuted).toBe(false);
    expect(healthGroups([f({ id: 'a', mute })])[0].allMuted).toBe(true);
  });
});
