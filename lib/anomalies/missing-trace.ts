/** missing_trace: a trace id seen in logs or exemplars that Jaeger does not have. */
import type { Anomaly } from '../model/anomaly';
import { canonicalTraceId } from '../model/ids';
import { toRfc3339 } from '../time/range';
import { clockTime, duration, exploreLink, plural, selector, traceLink } from './format';
import { eventId } from './ids';
import { serviceOf } from '../correlate/service-label';
import type { Detector, DetectorInput, DetectorOptions } from './types';

/**
 * Late arrival or gone for good, the one rule every page uses (issue 16): spans still on
 * their way arrive within the late-arrival window of the trace's first sighting. An id that
 * exemplars or logs have named for longer than that is a dead link, however recently it was
 * named again (an exporter repeats its exemplar on every scrape).
 */
export function stillArriving(firstSeenMs: number, nowMs: number, lateArrivalMs: number): boolean {
  return nowMs - firstSeenMs < lateArrivalMs;
}

function detect(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const out: Anomaly[] = [];
  const seen = new Set<string>();
  for (const raw of input.missingTraceIds) {
    const traceId = canonicalTraceId(raw);
    if (!traceId || seen.has(traceId)) continue;
    seen.add(traceId);
    const exemplars = input.exemplars.filter((e) => e.traceId !== null && canonicalTraceId(e.traceId) === traceId);
    const logs = input.logs.filter((l) => l.traceId !== null && canonicalTraceId(l.traceId) === traceId);
    const times = [...exemplars.map((e) => e.tsMs), ...logs.map((l) => Date.parse(l.ts))].filter(Number.isFinite);
    // No exemplar or log line carries it (an id typed or pasted in, perhaps with a typo): a
    // lookup that came back empty is not lost data; the trace page says so itself.
    if (times.length === 0) continue;
    const firstMs = Math.min(...times);
    const lastMs = Math.max(...times);
    const recent = stillArriving(firstMs, input.nowMs, options.trace.lateArrivalMs);
    const fromExemplar = exemplars.length > 0;
    const cause = recent ? 'late_arrival' : fromExemplar ? 'dead_exemplar_link' : 'sampled_out';
    const service =
      logs.find((l) => l.service)?.service ??
      (fromExemplar ? serviceOf(exemplars[0].seriesLabels, input.serviceLabel) : null) ??
      undefined;
    const where = [
      fromExemplar ? plural(exemplars.length, 'exemplar') : '',
      logs.length ? plural(logs.length, 'log line') : '',
    ].filter(Boolean).join(' and ');
    const reason =
      cause === 'late_arrival'
        ? `It was first seen at ${clockTime(firstMs)}, less than ${duration(options.trace.lateArrivalMs)} ago: the spans may still be on their way (late arrival). Look again in a minute.`
        : fromExemplar
          ? `The exemplar is a dead link: a metric sample points at a trace that was never stored — usually the trace was sampled out after the exemplar was recorded (head sampling at a downstream service, or tail sampling dropping it), or its spans were dropped by the collector.`
          : `The service logged the trace id but no span was stored: the trace was most likely not sampled (the logger writes ids of unsampled traces too), or the spans were dropped before reaching Jaeger.`;
    const logRefs = logs.slice(0, 5).map((l) => ({ tsNs: l.tsNs, service: l.service }));
    const subject = logRefs.length ? { traceId, logRefs } : { traceId };
    const links = [traceLink(traceId, 'Try the trace again')];
    if (fromExemplar) {
      const e = exemplars[0];
      const name = e.seriesLabels.__name__ ?? '';
      if (name) links.push(exploreLink('Series with the exemplar', selector(name, e.seriesLabels), input.range.fromMs, input.range.toMs));
    }
    out.push({
      id: eventId('missing_trace', { traceId }, firstMs),
      kind: 'missing_trace',
      severity: cause === 'late_arrival' ? 'info' : 'warning',
      title:
        cause === 'late_arrival'
          ? `Trace ${traceId.slice(0, 8)}… not in Jaeger yet`
          : fromExemplar
            ? `Dead exemplar link: trace ${traceId.slice(0, 8)}… not in Jaeger`
            : `Logged trace ${traceId.slice(0, 8)}… not in Jaeger`,
      explanation: `Trace ${traceId} appears in ${where}${service ? ` of ${service}` : ''} since ${clockTime(firstMs)}, but Jaeger does not have it. ${reason}`,
      service,
      start: toRfc3339(firstMs),
      subject,
      evidence: {
        cause,
        seenIn: { exemplars: exemplars.length, logs: logs.length },
        exemplars: exemplars.slice(0, 5).map((e) => ({ seriesLabels: e.seriesLabels, value: e.value, ts: toRfc3339(e.tsMs) })),
        firstSeen: toRfc3339(firstMs),
        lastSeen: toRfc3339(lastMs),
      },
      links,
    });
  }
  return out;
}

export const missingTraceDetector: Detector = { kind: 'missing_trace', detect };
