import type { TimelineItem } from '@/lib/correlate/timeline';
import type { LogLevel } from '@/components/logs/log-level';

/**
 * The incident timeline as lanes of marks positioned in percent of one axis (the metric
 * window): findings as bars, this trace as a band with its errors, log lines and exemplars
 * as ticks. Point events are gathered into at most `buckets` ticks per lane, so a trace with
 * thousands of log lines still draws a few hundred elements.
 */

export type MarkTone = 'critical' | 'warning' | 'info' | 'trace' | 'trace-error' | 'log' | 'log-warn' | 'log-error' | 'exemplar' | 'exemplar-here';

export interface TimelineMark {
  leftPct: number;
  widthPct: number;
  tone: MarkTone;
  title: string;
  /** Another trace this mark leads to (an exemplar). */
  traceId?: string;
  /** Row within the lane: overlapping findings are stacked, not drawn over each other. */
  row?: number;
}

export interface TimelineLane {
  name: string;
  marks: TimelineMark[];
  rows: number;
}

/** Greedy interval packing: each bar goes to the first row where it does not overlap. */
function stack(marks: TimelineMark[]): number {
  const rowEnds: number[] = [];
  for (const m of [...marks].sort((a, b) => a.leftPct - b.leftPct)) {
    let row = rowEnds.findIndex((end) => end <= m.leftPct);
    if (row === -1) row = rowEnds.push(0) - 1;
    rowEnds[row] = m.leftPct + m.widthPct;
    m.row = row;
  }
  return Math.max(1, rowEnds.length);
}

export interface LaneContext {
  axis: { fromMs: number; toMs: number };
  currentTraceId: string;
  levelOf: (logIndex: number) => LogLevel;
  formatTime: (ms: number) => string;
  buckets?: number;
}

const MIN_WIDTH_PCT = 0.4;
const LEVEL_RANK: Record<string, number> = { error: 3, fatal: 3, critical: 3, warn: 2, warning: 2 };

export function timelineLanes(items: readonly TimelineItem[], ctx: LaneContext): TimelineLane[] {
  const { fromMs, toMs } = ctx.axis;
  const span = toMs - fromMs;
  if (!(span > 0)) return [];
  const buckets = ctx.buckets ?? 150;
  const pct = (ms: number) => Math.min(100, Math.max(0, ((ms - fromMs) / span) * 100));
  const inAxis = (i: TimelineItem) => i.endMs >= fromMs && i.startMs <= toMs;
  const bar = (startMs: number, endMs: number) => {
    const leftPct = pct(startMs);
    return { leftPct, widthPct: Math.max(MIN_WIDTH_PCT, pct(endMs) - leftPct) };
  };
  const bucketOf = (ms: number) => Math.min(buckets - 1, Math.max(0, Math.floor(((ms - fromMs) / span) * buckets)));

  const findings: TimelineMark[] = [];
  let traceStart = Infinity;
  let traceEnd = -Infinity;
  let spans = 0;
  let errorSpans = 0;
  const errorBuckets = new Map<number, number>();
  const logBuckets = new Map<number, { count: number; worst: number }>();
  const exemplarBuckets = new Map<number, { traceId: string | null; count: number; here: boolean }>();

  for (const item of items) {
    if (item.kind === 'span') {
      spans++;
      traceStart = Math.min(traceStart, item.startMs);
      traceEnd = Math.max(traceEnd, item.endMs);
      if (item.status === 'error' && inAxis(item)) {
        errorSpans++;
        const b = bucketOf(item.startMs);
        errorBuckets.set(b, (errorBuckets.get(b) ?? 0) + 1);
      }
      continue;
    }
    if (!inAxis(item) && !(item.kind === 'anomaly' && item.ongoing && item.startMs <= toMs)) continue;
    if (item.kind === 'anomaly') {
      const endMs = item.ongoing ? toMs : item.endMs;
      const when = item.ongoing ? `since ${ctx.formatTime(item.startMs)}, ongoing` : `${ctx.formatTime(item.startMs)}–${ctx.formatTime(endMs)}`;
      findings.push({ ...bar(item.startMs, endMs), tone: item.severity, title: `${item.label} (${when})` });
    } else if (item.kind === 'log') {
      const b = bucketOf(item.startMs);
      const slot = logBuckets.get(b) ?? { count: 0, worst: 0 };
      slot.count++;
      slot.worst = Math.max(slot.worst, LEVEL_RANK[ctx.levelOf(item.index)] ?? 0);
      logBuckets.set(b, slot);
    } else if (item.kind === 'exemplar') {
      const b = bucketOf(item.startMs);
      const slot = exemplarBuckets.get(b) ?? { traceId: item.traceId, count: 0, here: false };
      slot.count++;
      slot.here ||= item.traceId === ctx.currentTraceId;
      exemplarBuckets.set(b, slot);
    }
  }

  const tickAt = (b: number) => ({ leftPct: (b / buckets) * 100, widthPct: Math.max(MIN_WIDTH_PCT, 100 / buckets) });
  const tickTime = (b: number) => ctx.formatTime(fromMs + (b / buckets) * span);
  const lanes: TimelineLane[] = [];
  lanes.push({ name: 'Findings', marks: findings, rows: stack(findings) });
  const traceMarks: TimelineMark[] = [];
  if (spans > 0 && traceEnd >= fromMs && traceStart <= toMs) {
    traceMarks.push({ ...bar(traceStart, traceEnd), tone: 'trace', title: `This trace: ${spans} spans, ${ctx.formatTime(traceStart)}–${ctx.formatTime(traceEnd)}${errorSpans ? `, ${errorSpans} with errors` : ''}` });
    for (const [b, n] of [...errorBuckets].sort((x, y) => x[0] - y[0])) traceMarks.push({ ...tickAt(b), tone: 'trace-error', title: `${n} span${n === 1 ? '' : 's'} with errors at ${tickTime(b)}` });
  }
  lanes.push({ name: 'This trace', marks: traceMarks, rows: 1 });
  lanes.push({
    name: 'Logs',
    marks: [...logBuckets]
      .sort((x, y) => x[0] - y[0])
      .map(([b, s]) => ({ ...tickAt(b), tone: s.worst >= 3 ? 'log-error' : s.worst === 2 ? 'log-warn' : 'log', title: `${s.count} log line${s.count === 1 ? '' : 's'} at ${tickTime(b)}` })),
    rows: 1,
  });
  lanes.push({
    name: 'Exemplars',
    marks: [...exemplarBuckets]
      .sort((x, y) => x[0] - y[0])
      .map(([b, s]): TimelineMark => {
        const mark: TimelineMark = { ...tickAt(b), tone: s.here ? 'exemplar-here' : 'exemplar', title: `${s.count} exemplar${s.count === 1 ? '' : 's'} at ${tickTime(b)}${s.here ? ' (this trace)' : s.traceId ? `: trace ${s.traceId}` : ''}` };
        if (!s.here && s.traceId && s.count === 1) mark.traceId = s.traceId;
        return mark;
      }),
    rows: 1,
  });
  return lanes;
}
