/** Builders for the incident-model tests (not used by production code). */
import type { Anomaly, AnomalyKind, Severity } from '../model/anomaly';
import type { Span, Trace } from '../model/types';
import { serviceGraph, type ServiceGraph } from './graph';

export const T0 = Date.parse('2026-03-02T12:00:00.000Z');
export const MIN = 60_000;
export const RANGE = { fromMs: T0, toMs: T0 + 60 * MIN };
const iso = (ms: number) => new Date(ms).toISOString();

/** A finding of `kind` on `service` from minute `from` to `to` (undefined = ongoing) after T0. */
export function finding(kind: AnomalyKind, service: string, from: number, to?: number, extra: Partial<Anomaly> = {}): Anomaly {
  const severity: Severity = extra.severity ?? 'warning';
  return {
    id: `${kind}-${service}-${from}`,
    kind,
    severity,
    title: `${kind} on ${service}`,
    explanation: '',
    service,
    start: iso(T0 + from * MIN),
    end: to === undefined ? undefined : iso(T0 + to * MIN),
    subject: { series: { name: 'm', labels: { job: service, instance: `${service}-0:8080` } } },
    evidence: {},
    links: [{ label: 'Chart', href: `/explore?query=${kind}-${service}` }],
    ...extra,
  };
}

/** A counter_reset record as the detector writes it: one per series, a step per reset. */
export const restart = (service: string, ...atMinutes: number[]) =>
  finding('counter_reset', service, atMinutes[0], undefined, {
    id: `reset-${service}-${atMinutes[0]}`,
    severity: 'info',
    evidence: { steps: atMinutes.map((m) => ({ cause: 'restart', restartedAt: iso(T0 + m * MIN), group: `${service}/${service}-0:8080@${T0 + m * MIN}` })) },
  });

/**
 * Sampled traces along call chains: each chain is services from the entry down, e.g.
 * ['api-gateway', 'payment-gateway', 'risk-engine'], `count` traces each, one minute apart.
 */
export function graphOf(chains: { root: string; services: string[]; count?: number; durMs?: number }[]): ServiceGraph {
  const traces: Trace[] = [];
  let n = 0;
  for (const c of chains) {
    for (let i = 0; i < (c.count ?? 10); i++) {
      const traceId = (++n).toString(16).padStart(32, '0');
      const spans: Span[] = c.services.map((service, depth) => ({
        traceId,
        spanId: `${n.toString(16).padStart(8, '0')}${depth.toString(16).padStart(8, '0')}`,
        parentSpanId: depth === 0 ? null : `${n.toString(16).padStart(8, '0')}${(depth - 1).toString(16).padStart(8, '0')}`,
        references: [],
        service,
        operation: depth === 0 ? c.root : 'call',
        kind: 'server',
        startUs: (T0 + i * MIN + depth) * 1000,
        durationUs: (c.durMs ?? 100) * 1000 * (i + 1),
        status: 'ok',
        tags: {},
        processTags: {},
        events: [],
        warnings: [],
      }));
      traces.push({ traceId, spans, warnings: [] });
    }
  }
  return serviceGraph(traces);
}

export const CHECKOUT = { root: 'POST /api/checkout', services: ['api-gateway', 'order-service', 'payment-gateway', 'risk-engine'] };
export const BROWSE = { root: 'GET /api/products', services: ['api-gateway', 'inventory-service'] };
export const SEARCH = { root: 'GET /search', services: ['search-frontend', 'search-index'] };
