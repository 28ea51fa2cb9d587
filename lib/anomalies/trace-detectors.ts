/**
 * orphan_span, multiple_roots and clock_skew: per trace, plus per-service aggregates.
 * The spans a finding is about are `evidence.spanRefs` (`evidence.spans` is reserved for
 * the shaded [fromMs, toMs] intervals of the metric findings' sparklines).
 */
import type { Anomaly } from '../model/anomaly';
import { toRfc3339 } from '../time/range';
import { clockTime, duration, num, plural, traceLink } from './format';
import { eventId } from './ids';
import { analyzeAll, withAggregates, type TraceFinding } from './trace-aggregate';
import { CLOCK_SKEW_THRESHOLD_MS } from './trace-causes';
import type { Detector, DetectorInput, DetectorOptions } from './types';

const spanRef = (s: { service: string; operation: string; spanId: string }) => ({ spanId: s.spanId, service: s.service, operation: s.operation });

function detectOrphans(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const analyses = analyzeAll(input, options);
  const findings: TraceFinding[] = [];
  for (const a of analyses) {
    for (const g of a.orphans) {
      const first = g.spans[0];
      const subject = { traceId: a.trace.traceId, spanIds: [...new Set(g.spans.map((s) => s.spanId))].sort() };
      const anomaly: Anomaly = {
        id: eventId('orphan_span', subject, a.startMs),
        kind: 'orphan_span',
        severity: g.cause === 'late_arrival' ? 'info' : 'warning',
        title: `${plural(g.spans.length, 'orphan span')} in ${first.service}`,
        explanation:
          `${plural(g.spans.length, 'span')} of ${first.service} (first: "${first.operation}" at ${clockTime(first.startUs / 1000)}) ` +
          (g.missingParentId === null
            ? `have parent links that loop in trace ${a.trace.traceId}, so the trace view shows them detached. ${g.reasoning}`
            : `name parent span ${g.missingParentId}, which is not in trace ${a.trace.traceId}, so the trace view shows them detached. ${g.reasoning}`),
        service: first.service,
        start: toRfc3339(a.startMs),
        subject,
        evidence: {
          cause: g.cause,
          settledCause: g.settledCause,
          ...(g.missingParentId !== null ? { missingParentId: g.missingParentId } : {}),
          spanRefs: g.spans.map((s) => ({ ...spanRef(s), kind: s.kind })),
          traceRecent: a.recent,
        },
        links: [traceLink(a.trace.traceId)],
      };
      findings.push({ service: first.service, traceId: a.trace.traceId, traceStartMs: a.startMs, cause: g.cause, spanCount: g.spans.length, anomaly });
    }
  }
  return withAggregates('orphan_span', analyses, findings, input, options);
}

function detectMultipleRoots(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const analyses = analyzeAll(input, options);
  const findings: TraceFinding[] = [];
  for (const a of analyses) {
    if (a.roots.length < 2) continue;
    const roots = [...a.roots].sort((x, y) => x.startUs - y.startUs);
    const extra = roots.slice(1);
    const asyncStyle = extra.every((s) => s.kind === 'consumer' || s.kind === 'internal' || s.kind === 'producer');
    const cause = a.recent ? 'late_arrival' : asyncStyle ? 'async_context_lost' : 'uninstrumented_hop';
    const reasoning = asyncStyle
      ? `The later roots are ${extra[0].kind} spans: the trace id crossed an async boundary (queue, goroutine, thread pool) but the parent span id did not.`
      : `A hop kept the trace id but not the parent span id (an uninstrumented proxy or a client that starts a new root with an inherited trace id).`;
    const subject = { traceId: a.trace.traceId, spanIds: roots.map((s) => s.spanId).sort() };
    const service = extra[0].service;
    const anomaly: Anomaly = {
      id: eventId('multiple_roots', subject, a.startMs),
      kind: 'multiple_roots',
      severity: cause === 'late_arrival' ? 'info' : 'warning',
      title: `Trace split into ${roots.length} roots`,
      explanation:
        `Trace ${a.trace.traceId} has ${roots.length} spans without any parent (${roots.map((s) => `${s.service} "${s.operation}"`).join(', ')}), so it renders as separate trees. ` +
        (a.recent ? `The trace started less than ${duration(options.trace.lateArrivalMs)} ago and may still be arriving; if it stays split: ` : '') +
        reasoning,
      service,
      start: toRfc3339(a.startMs),
      subject,
      evidence: { cause, roots: roots.map((s) => ({ ...spanRef(s), kind: s.kind, start: toRfc3339(s.startUs / 1000) })), traceRecent: a.recent },
      links: [traceLink(a.trace.traceId)],
    };
    findings.push({ service, traceId: a.trace.traceId, traceStartMs: a.startMs, cause, spanCount: extra.length, anomaly });
  }
  return withAggregates('multiple_roots', analyses, findings, input, options);
}

function detectClockSkew(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const analyses = analyzeAll(input, options);
  const findings: TraceFinding[] = [];
  for (const a of analyses) {
    if (a.skewed.length === 0) continue;
    const worst = [...a.skewed].sort((x, y) => Math.max(y.startsEarlyMs, y.endsLateMs) - Math.max(x.startsEarlyMs, x.endsLateMs))[0];
    const cause = worst.sameHost ? 'instrumentation_timestamps' : 'host_clock_skew';
    const shift = worst.startsEarlyMs > 0
      ? `starts ${num(worst.startsEarlyMs, 0)} ms before its parent`
      : `ends ${num(worst.endsLateMs, 0)} ms after its (synchronous) parent`;
    const subject = { traceId: a.trace.traceId, spanIds: [...new Set(a.skewed.map((s) => s.child.spanId))].sort() };
    const service = worst.child.service;
    const adjusterWarnings = a.trace.spans.flatMap((s) => s.warnings.filter((w) => /clock skew/i.test(w)));
    const anomaly: Anomaly = {
      id: eventId('clock_skew', subject, a.startMs),
      kind: 'clock_skew',
      severity: 'warning',
      title: `${service} span outside its parent by ${duration(Math.max(worst.startsEarlyMs, worst.endsLateMs))}`,
      explanation:
        `In trace ${a.trace.traceId}, ${service} "${worst.child.operation}" ${shift} (${worst.parent.service} "${worst.parent.operation}"), which cannot happen in real time. ` +
        (worst.sameHost
          ? 'Both spans come from the same host, so the timestamps themselves are wrong (instrumentation records start/end late or from a different clock).'
          : `The spans come from different hosts: their clocks disagree by at least that much (check NTP/chrony on ${service}'s host). Durations and the waterfall across this hop are unreliable.`) +
        (a.skewed.length > 1 ? ` ${plural(a.skewed.length, 'span')} in this trace are affected.` : ''),
      service,
      start: toRfc3339(a.startMs),
      subject,
      evidence: {
        cause,
        thresholdMs: CLOCK_SKEW_THRESHOLD_MS,
        spanRefs: a.skewed.map((s) => ({ ...spanRef(s.child), parentSpanId: s.parent.spanId, parentService: s.parent.service, startsEarlyMs: s.startsEarlyMs, endsLateMs: s.endsLateMs, sameHost: s.sameHost })),
        adjusterWarnings,
      },
      links: [traceLink(a.trace.traceId)],
    };
    findings.push({ service, traceId: a.trace.traceId, traceStartMs: a.startMs, cause, spanCount: a.skewed.length, anomaly });
  }
  return withAggregates('clock_skew', analyses, findings, input, options);
}

export const orphanSpanDetector: Detector = { kind: 'orphan_span', detect: detectOrphans };
export const multipleRootsDetector: Detector = { kind: 'multiple_roots', detect: detectMultipleRoots };
export const clockSkewDetector: Detector = { kind: 'clock_skew', detect: detectClockSkew };
