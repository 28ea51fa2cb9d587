import type { Labels, Span } from '../../lib/model/types';
import { hash32 } from './random';
import { Lru } from './lru';
import { formatLine, type Level, type LogEvent } from './log-format';
import { DEMO_SEED, NAMESPACE, SERVICES, cyclesBetween, isStorming } from './story';
import { SLOT_MS, TRACE_KINDS, firstSlot, lastVisibleSlot, slotTrace } from './traces';

/**
 * Demo log lines, derived from the slot's traces (1–3 per span) plus the story's own
 * lines: order-service's background goroutine logs without a trace id, risk-engine
 * logs GC trouble during the storm, payment-gateway logs its restart, worker reports.
 */

export interface DemoLogLine {
  tsNs: bigint;
  service: string;
  line: string;
  /** Index labels. */
  stream: Labels;
  structuredMetadata: Labels;
  /** The trace id the line refers to (in its text or metadata), for tests. */
  traceId: string | null;
  /** The span the line was logged in (what an ECS shipper writes as `span.id`). */
  spanId: string | null;
}

const FORMAT = new Map(SERVICES.map((s) => [s.name, s.logFormat]));

function streamOf(service: string, level: Level): Labels {
  return { job: service, level, namespace: NAMESPACE, service_name: service };
}

function toLine(e: LogEvent): DemoLogLine {
  const f = formatLine(e, FORMAT.get(e.service) ?? 'logfmt');
  return { tsNs: e.tsNs, service: e.service, line: f.line, stream: streamOf(e.service, e.level), structuredMetadata: f.structuredMetadata, traceId: e.traceId, spanId: e.traceId ? e.spanId : null };
}

const ns = (us: number, i: number) => BigInt(Math.round(us)) * 1000n + BigInt(i);

function spanEvents(s: Span, seed: number): LogEvent[] {
  const base = { service: s.service, traceId: s.traceId, spanId: s.spanId };
  const end = s.startUs + s.durationUs;
  const order = `ord-${(hash32(seed, 'order', s.traceId) % 1e6).toString().padStart(6, '0')}`;
  if (s.operation === 'publishOrderEvent') {
    // The goroutine runs with context.Background(): its logger has no trace context.
    return [
      { ...base, traceId: null, spanId: null, tsNs: ns(s.startUs, 1), level: 'info', msg: 'publishing order event', fields: { topic: 'orders.created', order_id: order } },
      { ...base, traceId: null, spanId: null, tsNs: ns(end, 2), level: 'info', msg: 'order event published', fields: { topic: 'orders.created', order_id: order, partition: hash32(s.spanId) % 12 } },
    ];
  }
  if (s.kind === 'client') {
    return [{ ...base, tsNs: ns(end, 3), level: 'debug', msg: 'query executed', fields: { db: 'postgres', duration_ms: Math.round(s.durationUs / 100) / 10 } }];
  }
  const status = Number(s.tags['http.status_code'] ?? 200);
  const events: LogEvent[] = [
    { ...base, tsNs: ns(s.startUs + 50, 4), level: 'info', msg: 'request started', fields: { method: String(s.tags['http.method']), path: String(s.tags['http.target'] ?? s.tags['http.route']) } },
  ];
  if (s.service === 'payment-gateway' && s.tags['risk.fallback']) {
    events.push({ ...base, tsNs: ns(end - 6000, 5), level: 'warn', msg: 'risk score unavailable, using fallback rules', fields: { order_id: order } });
  }
  if (s.status === 'error' && s.service === 'risk-engine') {
    events.push({ ...base, tsNs: ns(end - 100, 6), level: 'error', msg: 'scoring failed: timed out waiting for model lock', fields: { order_id: order } });
  }
  events.push({
    ...base, tsNs: ns(end, 7), level: s.status === 'error' ? 'error' : 'info', msg: 'request completed',
    fields: { status, duration_ms: Math.round(s.durationUs / 100) / 10 },
  });
  return events;
}

/** Lines not tied to a request: GC trouble, the restart, the worker's reports. */
function storyEvents(slot: number, anchorMs: number, seed: number): LogEvent[] {
  const t0 = slot * SLOT_MS;
  const out: LogEvent[] = [];
  const plain = { traceId: null, spanId: null };
  if (isStorming(anchorMs, t0) && slot % 3 === 0) {
    const pause = 9 + (hash32(seed, 'gc', slot) % 60) / 10;
    out.push({ ...plain, service: 'risk-engine', tsNs: ns(t0 * 1000 + 1_300_000, 8), level: 'warn', msg: 'GC pause (G1 Evacuation Pause) young', fields: { pause_ms: pause, heap_used_mb: 980, heap_max_mb: 1024 } });
    if (slot % 6 === 0) {
      out.push({ ...plain, service: 'risk-engine', tsNs: ns(t0 * 1000 + 2_100_000, 9), level: 'error', msg: 'GC overhead high: more than 25% of time spent in GC over the last 60s', fields: { gc_time_ratio: 0.31 } });
    }
  }
  for (const { restartMs: restart } of cyclesBetween(anchorMs, t0 - 2000, t0 + SLOT_MS + 2000)) restartLines(out, restart, t0, plain);
  if (slot % 3 === 0) {
    out.push({ ...plain, service: 'worker', tsNs: ns(t0 * 1000 + 400_000, 13), level: 'info', msg: 'batch processed', fields: { jobs: 20 + (hash32(seed, 'jobs', slot) % 30), queue: 'emails' } });
  }
  return out;
}

/** payment-gateway's shutdown and start-up lines around one restart, those of this slot. */
function restartLines(out: LogEvent[], restart: number, t0: number, plain: { traceId: null; spanId: null }): void {
  if (restart - 2000 >= t0 && restart - 2000 < t0 + SLOT_MS) {
    out.push({ ...plain, service: 'payment-gateway', tsNs: ns((restart - 2000) * 1000, 10), level: 'warn', msg: 'received SIGTERM, shutting down', fields: { uptime: '52h13m' } });
  }
  if (restart + 800 >= t0 && restart + 800 < t0 + SLOT_MS) {
    out.push({ ...plain, service: 'payment-gateway', tsNs: ns((restart + 800) * 1000, 11), level: 'info', msg: 'payment-gateway starting', fields: { version: 'v1.14.2' } });
    out.push({ ...plain, service: 'payment-gateway', tsNs: ns((restart + 1200) * 1000, 12), level: 'info', msg: 'listening', fields: { addr: ':8080' } });
  }
}

const cache = new Lru<string, DemoLogLine[]>(6_000);

/** All lines belonging to one slot (their timestamps may run past the slot's end). */
export function slotLogs(slot: number, anchorMs: number, seed = DEMO_SEED): DemoLogLine[] {
  const key = `${seed}:${anchorMs}:${slot}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const events: LogEvent[] = storyEvents(slot, anchorMs, seed);
  for (let kind = 0; kind < TRACE_KINDS.length; kind++) {
    for (const s of slotTrace(slot, kind, anchorMs, seed).spans) events.push(...spanEvents(s, seed));
  }
  const lines = events.map(toLine).sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0));
  cache.set(key, lines);
  return lines;
}

/** Visible lines with fromNs ≤ ts < toNs, oldest first. */
export function logsInRange(fromNs: bigint, toNs: bigint, anchorMs: number, nowMs: number, seed = DEMO_SEED): DemoLogLine[] {
  const fromMs = Number(fromNs / 1_000_000n);
  const toMs = Number(toNs / 1_000_000n) + 1;
  // A slot's lines may run up to ~2 slots past its start, so look back a little further.
  const lo = Math.max(firstSlot(anchorMs), Math.floor(fromMs / SLOT_MS) - 2);
  const hi = Math.min(lastVisibleSlot(nowMs), Math.floor(toMs / SLOT_MS));
  const out: DemoLogLine[] = [];
  for (let slot = lo; slot <= hi; slot++) {
    for (const l of slotLogs(slot, anchorMs, seed)) if (l.tsNs >= fromNs && l.tsNs < toNs) out.push(l);
  }
  return out.sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0));
}
