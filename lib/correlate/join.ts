import type { Exemplar, Labels, LogEntry, LogLine } from '../model/types';
import { toRfc3339 } from '../time/range';
import type { ApiExemplar } from './api-shape';
import { extractTraceContext } from './extract';
import { spanForRequestId, traceRequestIds } from './request-id-join';
import { DEFAULT_EXTRACTION, type ExtractionConfig } from './extraction-config';
import { DEFAULT_SERVICE_LABELS, serviceOf } from './service-label';
import { deepestCovering } from './span-index';
import type { TraceView } from './trace-model';

/**
 * Log ↔ span and exemplar ↔ span joins. A line is joined by span id when it carries one
 * that is in the trace; otherwise, if it carries this trace's id, to the deepest span of
 * its own service whose time covers it; otherwise it stays trace-level (joinedBy null).
 * A line without a trace id is never joined by time: concurrent requests of the same
 * service overlap, so time alone would attach other requests' lines to this trace. It is
 * joined `request_id` when it carries an x-request-id this trace is known by (a span tag or
 * one of the trace's own lines, ./request-id-join.ts).
 */

export interface JoinConfig {
  extraction?: ExtractionConfig;
  /** Label names tried in order for a line's service. */
  serviceLabels?: readonly string[];
  /** Widen every span by this much when joining by time (log shippers' clock offsets). */
  timeToleranceUs?: number;
  /** Settings of a named logs source, for lines whose `source` names it. */
  perSource?: ReadonlyMap<string, { extraction?: ExtractionConfig; serviceLabels?: readonly string[] }>;
}

const NS_DIGITS = /^\d{1,20}$/;

/** Display labels: stream, then structured metadata and parsed; a clashing value keeps Loki's `_extracted` naming. */
export function displayLabels(line: LogLine): Labels {
  const out: Labels = { ...line.stream };
  addExtra(out, line.structuredMetadata);
  addExtra(out, line.parsed);
  return out;
}

function addExtra(out: Labels, extra: Labels) {
  for (const k in extra) {
    const v = extra[k];
    if (!(k in out)) out[k] = v;
    else if (out[k] !== v) out[`${k}_extracted`] = v;
  }
}

/**
 * A decimal ns timestamp split exactly into ms and the ns within the ms (strings, not
 * BigInt: a line's timestamp is read several times per join and BigInt allocates).
 */
function nsParts(tsNs: string): { ms: number; subNs: number } {
  const s = tsNs.length < 7 ? tsNs.padStart(7, '0') : tsNs;
  return { ms: Number(s.slice(0, -6)), subNs: Number(s.slice(-6)) };
}

/**
 * One Loki line in the API shape, not yet joined: trace context extracted, service named,
 * labels for display. Null when the timestamp is not a decimal nanosecond string.
 */
export function toLogEntry(line: LogLine, extraction: ExtractionConfig = DEFAULT_EXTRACTION, order: readonly string[] = DEFAULT_SERVICE_LABELS): LogEntry | null {
  if (!NS_DIGITS.test(line.tsNs)) return null;
  return entryOf(line, nsParts(line.tsNs).ms, extraction, order);
}

function entryOf(line: LogLine, ms: number, extraction: ExtractionConfig, order: readonly string[]): LogEntry {
  const labels = displayLabels(line);
  const ctx = extractTraceContext(line, extraction);
  return {
    ts: toRfc3339(ms),
    tsNs: line.tsNs,
    line: line.line,
    labels,
    service: serviceOf(labels, order),
    traceId: ctx.traceId,
    spanId: ctx.spanId,
    // Present only when found, like the span marks, to keep the per-line payload small.
    ...(ctx.requestId ? { requestId: ctx.requestId } : {}),
    joinedBy: null,
    ...(line.source !== undefined ? { source: line.source } : {}),
  };
}

interface Pending {
  ms: number;
  subNs: number;
  index: number;
  entry: LogEntry;
  ownTrace: boolean;
}

/**
 * Lines with a malformed timestamp (not a decimal nanosecond string) are dropped: they
 * cannot be placed on the time axis, and the Loki client never produces them.
 */
export function joinLogs(lines: readonly LogLine[], view: TraceView | null, traceId: string | null, cfg: JoinConfig = {}): LogEntry[] {
  const extraction = cfg.extraction ?? DEFAULT_EXTRACTION;
  const order = cfg.serviceLabels ?? DEFAULT_SERVICE_LABELS;
  const pending: Pending[] = [];
  lines.forEach((line, index) => {
    if (!NS_DIGITS.test(line.tsNs)) return;
    const { ms, subNs } = nsParts(line.tsNs);
    // Each logs source may have its own extraction rules and service label (provisioning file).
    const own = line.source !== undefined ? cfg.perSource?.get(line.source) : undefined;
    const entry = entryOf(line, ms, own?.extraction ?? extraction, own?.serviceLabels ?? order);
    const ownTrace = traceId !== null && entry.traceId === traceId;
    // A span id alone (no trace id in the line) is still 64 random bits: trust it.
    if (view && entry.spanId && (ownTrace || entry.traceId === null) && view.bySpanId.has(entry.spanId)) entry.joinedBy = 'span_id';
    pending.push({ ms, subNs, index, entry, ownTrace });
  });
  pending.sort((a, b) => a.ms - b.ms || a.subNs - b.subNs || a.index - b.index);

  if (view) {
    const byTime = pending.filter((p) => p.ownTrace && p.entry.joinedBy === null && p.entry.service !== null);
    const found = deepestCovering(
      view,
      byTime.map((p) => ({ service: p.entry.service!, tUs: p.ms * 1000 + Math.floor(p.subNs / 1000) })),
      cfg.timeToleranceUs ?? 0,
    );
    byTime.forEach((p, i) => {
      const node = found[i];
      if (!node) return;
      p.entry.joinedBy = 'time';
      p.entry.spanId = node.spanId;
    });
    joinByRequestId(pending, view);
  }
  return pending.map((p) => p.entry);
}

/** Lines without a trace id whose request id is one this trace is known by → joinedBy 'request_id'. */
function joinByRequestId(pending: Pending[], view: TraceView): void {
  if (!pending.some((p) => p.entry.traceId === null && p.entry.requestId)) return;
  const own = pending.filter((p) => p.ownTrace && p.entry.requestId).map((p) => ({ requestId: p.entry.requestId ?? null, spanId: p.entry.joinedBy ? p.entry.spanId : null, service: p.entry.service }));
  const ids = traceRequestIds(view.spans.map((n) => n.span), own);
  if (ids.size === 0) return;
  for (const p of pending) {
    const e = p.entry;
    if (e.traceId !== null || e.joinedBy !== null || !e.requestId) continue;
    const owners = ids.get(e.requestId);
    if (!owners) continue;
    e.joinedBy = 'request_id';
    e.spanId = spanForRequestId(owners, e.service);
  }
}

/**
 * Exemplars in the API shape, sorted by time; spanId is set only when that span is in the
 * trace. Exemplars without a usable timestamp are dropped.
 */
export function joinExemplars(exemplars: readonly Exemplar[], view: TraceView | null): ApiExemplar[] {
  return exemplars
    .map((ex, index) => ({ ex, index }))
    .filter(({ ex }) => Number.isFinite(ex.tsMs))
    .sort((a, b) => a.ex.tsMs - b.ex.tsMs || a.index - b.index)
    .map(({ ex }) => {
      const inTrace = view !== null && ex.traceId === view.traceId;
      const spanId = inTrace && ex.spanId && view.bySpanId.has(ex.spanId) ? ex.spanId : null;
      return {
        labels: { ...ex.labels },
        seriesLabels: { ...ex.seriesLabels },
        traceId: ex.traceId,
        value: ex.value,
        ts: toRfc3339(ex.tsMs),
        spanId,
      };
    });
}

/**
 * The services whose series carry an exemplar of `traceId`: when Jaeger lacks the trace,
 * these still say where it ran, so the page can show their metrics.
 */
export function servicesOfExemplars(exemplars: readonly Exemplar[], traceId: string, order: readonly string[] = DEFAULT_SERVICE_LABELS): string[] {
  const out = new Set<string>();
  for (const e of exemplars) {
    if (e.traceId !== traceId) continue;
    const service = serviceOf(e.seriesLabels, order) ?? serviceOf(e.labels, order);
    if (service) out.add(service);
  }
  return [...out];
}
