/**
 * Shared plumbing of the per-trace detectors: run the analysis over every sampled trace,
 * keep a bounded number of per-trace findings per service, and add one aggregate finding
 * per service (broken-link rate = affected traces / sampled traces, top offenders).
 */
import type { Anomaly, AnomalyKind, Severity } from '../model/anomaly';
import { toRfc3339 } from '../time/range';
import { pct, plural, traceLink } from './format';
import { conditionId } from './ids';
import { appendTo } from '../model/group';
import { analyzeTrace } from '../correlate/trace-model';
import { traceCauses, type TraceCauses } from './trace-causes';
import type { DetectorInput, DetectorOptions } from './types';

export interface TraceFinding {
  service: string;
  traceId: string;
  traceStartMs: number;
  cause: string;
  spanCount: number;
  anomaly: Anomaly;
}

/**
 * Per detector run: the three trace detectors read one reading of each trace, not one each.
 * The analysis under it is the trace page's own (kept per trace object), so a trace the page
 * already analysed is not analysed again.
 */
const analysed = new WeakMap<DetectorInput, WeakMap<DetectorOptions, TraceCauses[]>>();

export function analyzeAll(input: DetectorInput, options: DetectorOptions): TraceCauses[] {
  let byOptions = analysed.get(input);
  if (!byOptions) analysed.set(input, (byOptions = new WeakMap()));
  let out = byOptions.get(options);
  if (!out) {
    const traces = input.traces.filter((t) => t.spans.length > 0);
    byOptions.set(options, (out = traces.map((t) => traceCauses(t, analyzeTrace(t), input.nowMs, options.trace))));
  }
  return out;
}

const LABEL: Partial<Record<AnomalyKind, string>> = {
  orphan_span: 'orphan spans',
  multiple_roots: 'several root spans',
  clock_skew: 'clock-skewed spans',
  mesh_only_hop: 'trace context lost at a sidecar (mesh-only hop)',
};

function aggregateSeverity(rate: number): Severity {
  return rate >= 0.5 ? 'critical' : rate >= 0.1 ? 'warning' : 'info';
}

/** Per-trace findings (bounded per service) plus one aggregate per service with enough traces. */
export function withAggregates(kind: AnomalyKind, analyses: TraceCauses[], findings: TraceFinding[], input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const sampled = new Map<string, number>();
  for (const a of analyses) for (const svc of new Set(a.trace.spans.map((s) => s.service))) sampled.set(svc, (sampled.get(svc) ?? 0) + 1);
  const byService = new Map<string, TraceFinding[]>();
  for (const f of findings) appendTo(byService, f.service, f);

  const out: Anomaly[] = [];
  for (const [service, list] of byService) {
    const recentFirst = [...list].sort((a, b) => b.traceStartMs - a.traceStartMs);
    const kept = recentFirst.slice(0, options.trace.maxFindingsPerServiceKind);
    out.push(...kept.map((f) => f.anomaly));
    const traces = sampled.get(service) ?? 0;
    if (traces < options.trace.aggregateMinTraces) continue;
    const affected = new Set(list.map((f) => f.traceId));
    const rate = affected.size / traces;
    const causes: Record<string, number> = {};
    for (const f of list) causes[f.cause] = (causes[f.cause] ?? 0) + 1;
    const perTrace = new Map<string, number>();
    for (const f of list) perTrace.set(f.traceId, (perTrace.get(f.traceId) ?? 0) + f.spanCount);
    const topOffenders = [...perTrace]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 5)
      .map(([traceId, spans]) => ({ traceId, spans }));
    const topCause = Object.entries(causes).sort((a, b) => b[1] - a[1])[0][0];
    const startMs = Math.min(...list.map((f) => f.traceStartMs));
    const endMs = Math.max(...list.map((f) => f.traceStartMs));
    out.push({
      id: conditionId(kind, {}, service),
      kind,
      severity: aggregateSeverity(rate),
      title: `${service}: ${pct(rate)} of sampled traces have ${LABEL[kind]}`,
      explanation:
        `${plural(affected.size, 'trace')} of the ${plural(traces, 'sampled trace')} that involve ${service} have ${LABEL[kind]} (broken-link rate ${pct(rate)}). ` +
        `The most common cause is ${topCause.replace(/_/g, ' ')} (${plural(causes[topCause], 'finding')}). ` +
        `Open the top offenders below to see the broken links.` +
        (list.length > kept.length ? ` ${plural(list.length - kept.length, 'per-trace finding')} not listed separately.` : ''),
      service,
      start: toRfc3339(startMs),
      end: toRfc3339(endMs),
      subject: {},
      evidence: {
        aggregate: true,
        tracesSampled: traces,
        tracesAffected: affected.size,
        brokenLinkRate: rate,
        causes,
        topOffenders,
        findingsOmitted: list.length - kept.length,
      },
      links: topOffenders.map((o) => traceLink(o.traceId, `Trace ${o.traceId.slice(0, 8)}…`)),
    });
  }
  return out;
}
