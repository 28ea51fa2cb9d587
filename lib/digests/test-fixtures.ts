import type { AnomaliesResponse } from '../api/types';
import type { Anomaly } from '../model/anomaly';

/** Anomaly records shaped like the detectors' output, for digest tests. */

export function anomaly(over: Partial<Anomaly> & Pick<Anomaly, 'id' | 'kind'>): Anomaly {
  return {
    severity: 'warning',
    title: `${over.kind} finding`,
    explanation: 'what the detector saw',
    start: '2026-11-23T03:00:00.000Z',
    subject: {},
    evidence: {},
    links: [],
    ...over,
  };
}

export const GC_STORM = anomaly({
  id: 'gc-1',
  kind: 'gc_storm',
  severity: 'critical',
  service: 'risk-engine',
  title: 'GC storm on risk-engine (risk-engine-0)',
  explanation: 'Young GCs went from 0.2/s to 30/s; 31 % of wall time in GC.',
  start: '2026-11-23T02:10:00.000Z',
  end: '2026-11-23T02:40:00.000Z',
});

export const COUNTER_RESET = anomaly({
  id: 'reset-1',
  kind: 'counter_reset',
  severity: 'warning',
  service: 'payment-gateway',
  title: 'http_requests_total reset by restart of payment-gateway-1',
  start: '2026-11-23T01:05:00.000Z',
});

export const ORPHANS = anomaly({
  id: 'orphan-1',
  kind: 'orphan_span',
  severity: 'warning',
  service: 'order-service',
  title: '3 orphan spans in order-service',
  subject: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanIds: ['00f067aa0ba902b7'] },
});

export function scanResponse(anomalies: Anomaly[], fromMs: number, toMs: number): AnomaliesResponse {
  return {
    anomalies,
    sources: { prometheus: { status: 'ok', ms: 5 }, loki: { status: 'ok', ms: 4 }, jaeger: { status: 'ok', ms: 3 } },
    range: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
  };
}
