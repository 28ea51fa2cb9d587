import { describe, expect, it } from 'vitest';
import { bestTraceLink, incidentLinks, traceFocus } from './best-trace';
import type { TraceBrief } from './graph';
import type { IncidentFinding } from './types';
import { MIN, T0 } from './test-fixtures';

const iso = (min: number) => new Date(T0 + min * MIN).toISOString();
const f = (role: IncidentFinding['role'], kind: IncidentFinding['kind'], service: string, from: number, to: number | null): Pick<IncidentFinding, 'role' | 'kind' | 'service' | 'start' | 'end'> => ({
  role,
  kind,
  service,
  start: iso(from),
  end: to === null ? null : iso(to),
});
const brief = (id: number, atMin: number, durationMs: number, services: string[]): TraceBrief => ({
  traceId: id.toString(16).padStart(32, '0'),
  startMs: T0 + atMin * MIN,
  durationMs,
  rootService: services[0],
  rootOperation: 'POST /api/checkout',
  services,
});
const CHAIN = ['api-gateway', 'payment-gateway', 'risk-engine'];

describe('the trace an incident links to', () => {
  // A restart at minute 0 leads the incident; the storm and the slowdown run from 12 to 17.
  const storm = [
    f('cause_candidate', 'gc_storm', 'risk-engine', 12, 17),
    f('symptom', 'latency_spike', 'api-gateway', 12, 17),
    f('context', 'counter_reset', 'payment-gateway', 0, null),
    f('context', 'latency_spike', 'risk-engine', 11, 18),
  ];

  it('looks while the causes and symptoms were active, not from the restart that gives context', () => {
    expect(traceFocus(storm, T0 + 60 * MIN)).toEqual({ lead: 'risk-engine', symptom: 'api-gateway', fromMs: T0 + 12 * MIN, toMs: T0 + 17 * MIN });
  });

  it('picks the slowest trace through lead and symptom inside that window, never a slower one from the quiet minutes before', () => {
    const traces = [brief(1, 3, 900, CHAIN), brief(2, 13, 400, CHAIN), brief(3, 14, 600, CHAIN), brief(4, 15, 5000, ['risk-engine'])];
    const link = bestTraceLink(traceFocus(storm, T0 + 60 * MIN), traces);
    expect(link?.href).toBe(`/trace/${'3'.padStart(32, '0')}?from=${encodeURIComponent(iso(-1))}&to=${encodeURIComponent(iso(29))}`);
    expect(link?.label).toBe('Slowest sampled trace through risk-engine');
  });

  it('takes a trace through the lead alone when none also went through the symptom', () => {
    const link = bestTraceLink(traceFocus(storm, T0 + 60 * MIN), [brief(4, 15, 5000, ['risk-engine']), brief(5, 16, 100, ['inventory-service'])]);
    expect(link?.href).toContain(`/trace/${'4'.padStart(32, '0')}?`);
  });

  it('counts a trace that began just before the storm and ran into it', () => {
    const link = bestTraceLink(traceFocus(storm, T0 + 60 * MIN), [brief(6, 11.99, 2_000, CHAIN)]);
    expect(link?.href).toContain(`/trace/${'6'.padStart(32, '0')}?`);
  });

  it('links no trace rather than one from outside the window', () => {
    expect(bestTraceLink(traceFocus(storm, T0 + 60 * MIN), [brief(1, 3, 900, CHAIN), brief(7, 30, 900, CHAIN)])).toBeNull();
  });

  it('runs an ongoing finding to the end of the range', () => {
    const focus = traceFocus([f('cause_candidate', 'leak', 'worker', 5, null)], T0 + 60 * MIN);
    expect(focus).toEqual({ lead: 'worker', symptom: null, fromMs: T0 + 5 * MIN, toMs: T0 + 60 * MIN });
  });

  it('leads with the first finding when there is no cause candidate, and has no focus without a service', () => {
    expect(traceFocus([f('symptom', 'latency_spike', 'api-gateway', 5, 9)], T0 + 60 * MIN)?.lead).toBe('api-gateway');
    expect(traceFocus([{ ...f('symptom', 'latency_spike', 'x', 5, 9), service: null }], T0 + 60 * MIN)).toBeNull();
  });

  it('keeps one trace link first and the charts after it, at most five', () => {
    const trace = { label: 't', href: '/trace/a' };
    const charts = [1, 2, 3, 4, 5].map((n) => ({ label: `c${n}`, href: `/explore?query=${n}` }));
    expect(incidentLinks(trace, [{ label: 'old', href: '/trace/b' }, ...charts, charts[0]]).map((l) => l.href)).toEqual(['/trace/a', ...charts.slice(0, 4).map((c) => c.href)]);
    expect(incidentLinks(null, charts).map((l) => l.label)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
  });
});
