import { describe, expect, it } from 'vitest';
import { buildIncidents } from './build';
import { EMPTY_GRAPH } from './graph';
import { BROWSE, CHECKOUT, RANGE, SEARCH, finding, graphOf, restart } from './test-fixtures';

const graph = graphOf([CHECKOUT, BROWSE, SEARCH]);
const build = (findings: Parameters<typeof buildIncidents>[0]['findings'], g = graph) => buildIncidents({ findings, graph: g, range: RANGE });

describe('incident grouping', () => {
  it('keeps two unrelated problems at the same time as two incidents', () => {
    const { incidents } = build([
      finding('gc_storm', 'risk-engine', 20),
      finding('latency_spike', 'payment-gateway', 21),
      finding('error_burst', 'search-frontend', 22),
      finding('leak', 'search-index', 0),
    ]);
    expect(incidents).toHaveLength(2);
    const services = incidents.map((i) => i.services.slice().sort());
    expect(services).toContainEqual(['payment-gateway', 'risk-engine']);
    expect(services).toContainEqual(['search-frontend', 'search-index']);
  });

  it('makes one incident of a storm behind a slow caller, the storm its cause candidate', () => {
    const { incidents } = build([finding('latency_spike', 'api-gateway', 21), finding('gc_storm', 'risk-engine', 20), finding('latency_spike', 'risk-engine', 20)]);
    expect(incidents).toHaveLength(1);
    const [inc] = incidents;
    const role = (kind: string, svc: string) => inc.findings.find((f) => f.kind === kind && f.service === svc);
    expect(role('gc_storm', 'risk-engine')?.role).toBe('cause_candidate');
    expect(role('gc_storm', 'risk-engine')?.reason).toContain('3 calls below the symptoms');
    expect(role('latency_spike', 'api-gateway')?.role).toBe('symptom');
    expect(role('latency_spike', 'api-gateway')?.reason).toContain('api-gateway calls risk-engine (via order-service → payment-gateway) in 100 % of sampled POST /api/checkout traces');
    // A pure callee's own latency is what its callers feel: context, not a symptom.
    expect(role('latency_spike', 'risk-engine')?.role).toBe('context');
    expect(inc.userFacing).toBe(true);
    expect(inc.ongoing).toBe(true);
    expect(inc.end).toBeNull();
    expect(inc.start).toBe('2026-03-02T12:20:00.000Z');
    expect(inc.findings[0].kind).toBe('gc_storm');
  });

  it('makes no incident of hygiene alone: it goes to Telemetry health', () => {
    const { incidents, telemetryHealth } = build([
      finding('orphan_span', 'order-service', 5),
      finding('log_without_trace_context', 'order-service', 0),
      finding('missing_trace', 'risk-engine', 10),
      finding('counter_reset', 'payment-gateway', 25, undefined, { evidence: { cause: 'non_monotonic' } }),
      restart('inventory-service', 30),
    ]);
    expect(incidents).toEqual([]);
    expect(telemetryHealth.findings.map((f) => f.kind).sort()).toEqual(['counter_reset', 'counter_reset', 'log_without_trace_context', 'missing_trace', 'orphan_span']);
  });

  it('keeps hygiene out of an incident even on its services', () => {
    const { incidents, telemetryHealth } = build([finding('gc_storm', 'risk-engine', 20), finding('latency_spike', 'order-service', 21), finding('orphan_span', 'order-service', 21)]);
    expect(incidents).toHaveLength(1);
    expect(incidents[0].findings.map((f) => f.kind)).not.toContain('orphan_span');
    expect(telemetryHealth.findings.map((f) => f.kind)).toEqual(['orphan_span']);
  });

  it('does not join problems that are linked but do not overlap in time', () => {
    const { incidents } = build([finding('gc_storm', 'risk-engine', 0, 10), finding('latency_spike', 'api-gateway', 30, 40)]);
    expect(incidents).toHaveLength(2);
  });

  it('links findings on the same service without traces, and marks them partial when Jaeger is down', () => {
    const out = buildIncidents({
      findings: [finding('gc_storm', 'risk-engine', 20), finding('error_burst', 'risk-engine', 21)],
      graph: EMPTY_GRAPH,
      range: RANGE,
      gaps: [{ source: 'jaeger', message: 'connection refused' }],
    });
    expect(out.incidents).toHaveLength(1);
    expect(out.incidents[0].findings.find((f) => f.kind === 'error_burst')?.reason).toContain('not seen in sampled traces');
    expect(out.incidents[0].partial).toEqual([{ source: 'jaeger', message: 'connection refused' }]);
  });

  it('takes a restart shortly before as context, and one at the symptoms as a cause candidate', () => {
    const early = build([restart('payment-gateway', 5), finding('gc_storm', 'risk-engine', 20), finding('latency_spike', 'api-gateway', 21)]).incidents[0];
    expect(early.start).toBe('2026-03-02T12:05:00.000Z');
    const r = early.findings.find((f) => f.kind === 'counter_reset');
    expect(r?.role).toBe('context');
    expect(r?.reason).toContain('16 min before the first symptom');
    const close = build([restart('payment-gateway', 19), finding('latency_spike', 'api-gateway', 21)]).incidents[0];
    expect(close.findings.find((f) => f.kind === 'counter_reset')?.role).toBe('cause_candidate');
    // A restart long before anything else stays a telemetry-health item.
    const far = build([restart('payment-gateway', 0), finding('latency_spike', 'api-gateway', 40)]);
    expect(far.incidents[0].findings.map((f) => f.kind)).toEqual(['latency_spike']);
    expect(far.telemetryHealth.findings.map((f) => f.id)).toEqual(['reset-payment-gateway-0']);
  });

  it('ranks user-facing incidents before internal ones, worst symptom first', () => {
    const { incidents } = build([
      finding('leak', 'search-index', 0, undefined, { severity: 'critical' }),
      finding('latency_spike', 'api-gateway', 30, undefined, { severity: 'warning' }),
      finding('error_burst', 'search-frontend', 30, undefined, { severity: 'critical' }),
    ]);
    expect(incidents.map((i) => [i.userFacing, i.services.join()])).toEqual([
      [true, 'search-index,search-frontend'],
      [true, 'api-gateway'],
    ]);
    const internal = build([finding('leak', 'worker', 0, undefined, { severity: 'critical' }), finding('latency_spike', 'api-gateway', 30)]).incidents;
    expect(internal.map((i) => i.userFacing)).toEqual([true, false]);
  });

  it('links the slowest sampled trace through the cause and a symptom, then the charts', () => {
    const [inc] = build([finding('gc_storm', 'risk-engine', 0), finding('latency_spike', 'api-gateway', 1)]).incidents;
    expect(inc.links[0].href).toMatch(/^\/trace\/0+a\?from=/); // trace 10 of CHECKOUT is the slowest
    expect(inc.links.slice(1).map((l) => l.href)).toEqual(['/explore?query=gc_storm-risk-engine', '/explore?query=latency_spike-api-gateway']);
  });

  it('keeps an incident id while it lasts (from its earliest seed)', () => {
    const a = build([finding('gc_storm', 'risk-engine', 20), finding('latency_spike', 'api-gateway', 21)]).incidents[0];
    const b = build([finding('gc_storm', 'risk-engine', 20), finding('latency_spike', 'api-gateway', 21), finding('error_burst', 'payment-gateway', 30)]).incidents[0];
    expect(a.id).toBe('inc-gc_storm-risk-engine-20');
    expect(b.id).toBe(a.id);
  });
});

describe('acknowledged and muted findings', () => {
  it('are marked in incidents and telemetry health, without changing the grouping', async () => {
    const { withMutes } = await import('./build');
    type Mute = import('../mutes/mutes').FindingMute;
    const report = build([finding('gc_storm', 'risk-engine', 20), finding('latency_spike', 'api-gateway', 21), finding('orphan_span', 'order-service', 5)]);
    const mute: Mute = { id: 'm1', findingId: 'gc_storm-risk-engine-20', mode: 'mute', by: 'ana', reason: 'heap fix rolling out', until: '2026-03-02T14:00:00.000Z', createdAt: '2026-03-02T12:30:00.000Z' };
    const ack: Mute = { ...mute, id: 'm2', findingId: 'orphan_span-order-service-5', mode: 'ack' };
    const marked = withMutes(report, new Map([[mute.findingId, mute], [ack.findingId, ack]]));
    expect(marked.incidents[0].findings.find((f) => f.kind === 'gc_storm')?.mute).toEqual(mute);
    expect(marked.incidents[0].findings.find((f) => f.kind === 'latency_spike')?.mute).toBeUndefined();
    expect(marked.telemetryHealth.findings[0].mute).toEqual(ack);
    expect(marked.incidents.map((i) => i.id)).toEqual(report.incidents.map((i) => i.id));
  });
});

describe('a counter_reset record with two restarts', () => {
  it('joins each restart to the incident it led to, at its own time', () => {
    const { incidents, telemetryHealth } = build([
      restart('payment-gateway', 2, 32),
      finding('gc_storm', 'risk-engine', 15, 21),
      finding('gc_storm', 'risk-engine', 45, undefined, { id: 'storm-2' }),
    ]);
    expect(incidents.map((i) => [i.start, i.findings.find((f) => f.kind === 'counter_reset')?.start])).toEqual([
      ['2026-03-02T12:32:00.000Z', '2026-03-02T12:32:00.000Z'],
      ['2026-03-02T12:02:00.000Z', '2026-03-02T12:02:00.000Z'],
    ]);
    expect(telemetryHealth.findings).toEqual([]);
  });
});
