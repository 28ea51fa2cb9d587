/**
 * log_without_trace_context: a service whose log lines mostly lack a trace id while its
 * spans exist in the same window — the context is lost between the request and the logger.
 */
import type { Anomaly } from '../model/anomaly';
import type { LogEntry } from '../model/types';
import { toRfc3339 } from '../time/range';
import { pct, plural } from './format';
import { conditionId } from './ids';
import type { Detector, DetectorInput, DetectorOptions } from './types';
import { appendTo } from '../model/group';
import { compareNs } from '../time/range';

const MAX_EXAMPLE_CHARS = 500;

/** Decimal nanosecond strings compare by length, then lexically (no BigInt parse of data). */
const byTsNs = (a: LogEntry, b: LogEntry): number => compareNs(a.tsNs, b.tsNs);

function detect(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const { fromMs, toMs } = input.range;
  const withSpans = new Set<string>();
  for (const t of input.traces) {
    for (const s of t.spans) {
      const startMs = s.startUs / 1000;
      if (startMs + s.durationUs / 1000 >= fromMs && startMs <= toMs) withSpans.add(s.service);
    }
  }
  const byService = new Map<string, LogEntry[]>();
  for (const l of input.logs) {
    if (!l.service || !withSpans.has(l.service)) continue;
    const ms = Date.parse(l.ts);
    if (Number.isFinite(ms) && (ms < fromMs || ms > toMs)) continue;
    appendTo(byService, l.service, l);
  }
  const out: Anomaly[] = [];
  const opt = options.logs;
  for (const [service, lines] of [...byService].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const without = lines.filter((l) => l.traceId === null);
    const share = without.length / lines.length;
    if (lines.length < opt.minLines || share < opt.minShare) continue;
    const ordered = [...without].sort(byTsNs);
    const examples = ordered.slice(0, opt.examples).map((l) => ({ ts: l.ts, tsNs: l.tsNs, text: l.line.slice(0, MAX_EXAMPLE_CHARS) }));
    const firstMs = Date.parse(ordered[0].ts);
    const lastMs = Date.parse(ordered[ordered.length - 1].ts);
    const subject = { logRefs: examples.map((e) => ({ tsNs: e.tsNs, service })) };
    out.push({
      id: conditionId('log_without_trace_context', {}, service),
      kind: 'log_without_trace_context',
      severity: share >= 0.5 ? 'warning' : 'info',
      title: `${service}: ${pct(share)} of log lines have no trace id`,
      explanation:
        `${plural(without.length, 'line')} of ${plural(lines.length, 'log line')} from ${service} in this window carry no trace id, although ${service} reported spans in the same window. ` +
        `The trace context is lost between the request and the logger: typically work moved to a goroutine/thread/callback without the request context, or the logger is not wired to the tracing context (no trace-aware log handler/MDC). Those lines cannot be joined to traces.`,
      service,
      start: toRfc3339(Number.isFinite(firstMs) ? firstMs : fromMs),
      end: Number.isFinite(lastMs) ? toRfc3339(lastMs) : undefined,
      subject,
      evidence: { linesTotal: lines.length, linesWithoutTraceId: without.length, share, threshold: opt.minShare, examples },
      links: [],
    });
  }
  return out;
}

export const logWithoutTraceContextDetector: Detector = { kind: 'log_without_trace_context', detect };
