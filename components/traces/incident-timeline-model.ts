import type { TimelineItem } from '@/lib/correlate/timeline';
import type { LogLevel } from '@/components/logs/log-level';
import { kindName, severityRank, type Severity } from '@/lib/model/anomaly';

/**
 * The incident timeline as lanes of marks positioned in percent of one axis (the metric
 * window): findings as bars, one row per kind and service (issue 16: a 10k-span trace's
 * hundred "1 orphan span in x" findings are one row, not a hundred), this trace as a band
 * with its errors, log lines and exemplars as ticks. Point events are gathered into at most
 * `buckets` ticks per lane, so a trace with thousands of log lines still draws a few
 * hundred elements.
 */

export type MarkTone = 'critical' | 'warning' | 'info' | 'trace' | 'trace-error' | 'log' | 'log-warn' | 'log-error' | 'exemplar' | 'exemplar-here';

export interface TimelineMark {
  leftPct: number;
  widthPct: number;
  tone: MarkTone;
  title: string;
  /** Another trace this mark leads to (an exemplar). */
  traceId?: string;
}

export interface TimelineLane {
  name: string;
  marks: TimelineMark[];
}

/** The findings of one kind on one service: one row of the timeline. */
export interface FindingRow {
  key: string;
  kind: string;
  service: string | null;
  /** The finding's own title when it is alone; else kind, service and how many. */
  label: string;
  severity: Severity;
  count: number;
  marks: TimelineMark[];
}

export interface LaneContext {
  axis: { fromMs: number; toMs: number };
  currentTraceId: string;
  levelOf: (logIndex: number) => LogLevel;
  formatTime: (ms: number) => string;
  buckets?: number;
}

const MIN_WIDTH_PCT = 0.4;

const axisPct = (ms: number, { fromMs, toMs }: { fromMs: number; toMs: number }) => Math.min(100, Math.max(0, ((ms - fromMs) / (toMs - fromMs)) * 100));

type AnomalyItem = Extract<TimelineItem, { kind: 'anomaly' }>;

/**
 * Findings as rows, one per kind and service, worst severity first (then earliest). In a
 * row, findings whose bars touch are one mark ("12 findings …"), so a row stays a few marks.
 */
export function findingRows(items: readonly TimelineItem[], ctx: Pick<LaneContext, 'axis' | 'formatTime'>): FindingRow[] {
  const { fromMs, toMs } = ctx.axis;
  if (!(toMs > fromMs)) return [];
  const groups = new Map<string, AnomalyItem[]>();
  for (const item of items) {
    if (item.kind !== 'anomaly') continue;
    const shown = (item.endMs >= fromMs && item.startMs <= toMs) || (item.ongoing && item.startMs <= toMs);
    if (!shown) continue;
    const key = `${item.anomalyKind}\u0000${item.service ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  const rows: (FindingRow & { firstMs: number })[] = [];
  for (const [key, list] of groups) {
    const worst = list.reduce((w, i) => (severityRank(i.severity) > severityRank(w) ? i.severity : w), list[0].severity);
    const first = list[0];
    const spans = list.reduce((n, i) => n + (i.spanCount ?? 0), 0);
    const label =
      list.length === 1
        ? first.label
        : `${kindName(first.anomalyKind)}${first.service ? ` in ${first.service}` : ''}: ${list.length} findings${spans > 0 ? `, ${spans} span${spans === 1 ? '' : 's'}` : ''}`;
    rows.push({ key, kind: first.anomalyKind, service: first.service, label, severity: worst, count: list.length, marks: rowMarks(list, label, ctx), firstMs: Math.min(...list.map((i) => i.startMs)) });
  }
  return rows
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || a.firstMs - b.firstMs || a.label.localeCompare(b.label))
    .map(({ firstMs: _, ...row }) => row);
}

function rowMarks(list: readonly AnomalyItem[], label: string, ctx: Pick<LaneContext, 'axis' | 'formatTime'>): TimelineMark[] {
  const { toMs } = ctx.axis;
  const bars = list
    .map((i) => {
      const endMs = i.ongoing ? toMs : i.endMs;
      const leftPct = axisPct(i.startMs, ctx.axis);
      return { item: i, endMs, leftPct, widthPct: Math.max(MIN_WIDTH_PCT, axisPct(endMs, ctx.axis) - leftPct) };
    })
    .sort((a, b) => a.leftPct - b.leftPct);
  const merged: (typeof bars)[] = [];
  for (const b of bars) {
    const last = merged[merged.length - 1];
    const lastEnd = last ? Math.max(...last.map((x) => x.leftPct + x.widthPct)) : -1;
    if (last && b.leftPct <= lastEnd) last.push(b);
    else merged.push([b]);
  }
  return merged.map((group) => {
    const leftPct = group[0].leftPct;
    const right = Math.max(...group.map((x) => x.leftPct + x.widthPct));
    const startMs = Math.min(...group.map((x) => x.item.startMs));
    const endMs = Math.max(...group.map((x) => x.endMs));
    const ongoing = group.some((x) => x.item.ongoing);
    const worst = group.reduce((w, x) => (severityRank(x.item.severity) > severityRank(w) ? x.item.severity : w), group[0].item.severity);
    const when = ongoing ? `since ${ctx.formatTime(startMs)}, ongoing` : `${ctx.formatTime(startMs)}–${ctx.formatTime(endMs)}`;
    const what = group.length === 1 ? group[0].item.label : `${group.length} findings: ${label}`;
    return { leftPct, widthPct: right - leftPct, tone: worst, title: `${what} (${when})` };
  });
}
const LEVEL_RANK: Record<string, number> = { error: 3, fatal: 3, critical: 3, warn: 2, warning: 2 };

export function timelineLanes(items: readonly TimelineItem[], ctx: LaneContext): TimelineLane[] {
  const { fromMs, toMs } = ctx.axis;
  const span = toMs - fromMs;
  if (!(span > 0)) return [];
  const buckets = ctx.buckets ?? 150;
  const pct = (ms: number) => axisPct(ms, ctx.axis);
  const inAxis = (i: TimelineItem) => i.endMs >= fromMs && i.startMs <= toMs;
  const bar = (startMs: number, endMs: number) => {
    const leftPct = pct(startMs);
    return { leftPct, widthPct: Math.max(MIN_WIDTH_PCT, pct(endMs) - leftPct) };
  };
  const bucketOf = (ms: number) => Math.min(buckets - 1, Math.max(0, Math.floor(((ms - fromMs) / span) * buckets)));

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
    if (!inAxis(item)) continue;
    if (item.kind === 'log') {
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
  const traceMarks: TimelineMark[] = [];
  if (spans > 0 && traceEnd >= fromMs && traceStart <= toMs) {
    traceMarks.push({ ...bar(traceStart, traceEnd), tone: 'trace', title: `This trace: ${spans} spans, ${ctx.formatTime(traceStart)}–${ctx.formatTime(traceEnd)}${errorSpans ? `, ${errorSpans} with errors` : ''}` });
    for (const [b, n] of [...errorBuckets].sort((x, y) => x[0] - y[0])) traceMarks.push({ ...tickAt(b), tone: 'trace-error', title: `${n} span${n === 1 ? '' : 's'} with errors at ${tickTime(b)}` });
  }
  lanes.push({ name: 'This trace', marks: traceMarks });
  lanes.push({
    name: 'Logs',
    marks: [...logBuckets]
      .sort((x, y) => x[0] - y[0])
      .map(([b, s]) => ({ ...tickAt(b), tone: s.worst >= 3 ? 'log-error' : s.worst === 2 ? 'log-warn' : 'log', title: `${s.count} log line${s.count === 1 ? '' : 's'} at ${tickTime(b)}` })),
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
  });
  return lanes;
}
