/**
 * Trace and span ids in one canonical form so that ids from Jaeger v1 (16 hex when the
 * high 64 bits are zero), OTLP/v3 (32 hex), legacy jaeger-client-go (leading zeros
 * trimmed, `%x`) and Datadog (unsigned 64-bit decimal) compare equal.
 * Canonical trace id: 32 lowercase hex, left-padded. Canonical span id: 16 lowercase hex.
 * See docs/trace-context.md §4.4 and §6.
 */

const HEX = /^[0-9a-fA-F]+$/;
const ZERO_TRACE = '0'.repeat(32);
const ZERO_SPAN = '0'.repeat(16);

/** Canonical 32-hex trace id, or null when the input is not 1–32 hex digits or all zeros. */
export function canonicalTraceId(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (s.length === 0 || s.length > 32 || !HEX.test(s)) return null;
  const id = s.toLowerCase().padStart(32, '0');
  return id === ZERO_TRACE ? null : id;
}

/** Canonical 16-hex span id, or null. */
export function canonicalSpanId(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const s = input.trim();
  if (s.length === 0 || s.length > 16 || !HEX.test(s)) return null;
  const id = s.toLowerCase().padStart(16, '0');
  return id === ZERO_SPAN ? null : id;
}

/** Datadog-style decimal 64-bit id (dd.trace_id) → canonical hex. */
export function decimalToTraceId(dec: string): string | null {
  if (!/^\d{1,20}$/.test(dec)) return null;
  const n = BigInt(dec);
  if (n === 0n || n > 0xffffffffffffffffn) return null;
  return canonicalTraceId(n.toString(16));
}

export function decimalToSpanId(dec: string): string | null {
  if (!/^\d{1,20}$/.test(dec)) return null;
  const n = BigInt(dec);
  if (n === 0n || n > 0xffffffffffffffffn) return null;
  return canonicalSpanId(n.toString(16));
}

/** The form Jaeger v1 prints: 16 hex when the high 64 bits are zero, else 32. */
export function shortTraceId(canonical: string): string {
  return canonical.startsWith(ZERO_SPAN) ? canonical.slice(16) : canonical;
}

/** Every textual form the id may appear as in a log line (for line filters). */
export function traceIdForms(canonical: string): string[] {
  const forms = new Set<string>([canonical, shortTraceId(canonical)]);
  const trimmed = canonical.replace(/^0+/, '');
  if (trimmed) forms.add(trimmed);
  return [...forms];
}

export interface Traceparent {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** W3C traceparent (spec §3.2): lowercase only; version ff and all-zero ids are invalid. */
export function parseTraceparent(value: string): Traceparent | null {
  const m = TRACEPARENT.exec(value.trim());
  if (!m) return null;
  const [, version, traceId, spanId, flags] = m;
  if (version === 'ff' || traceId === ZERO_TRACE || spanId === ZERO_SPAN) return null;
  return { traceId, spanId, sampled: (parseInt(flags, 16) & 1) === 1 };
}

export interface PropagatedContext {
  traceId: string;
  spanId: string | null;
  parentSpanId: string | null;
  /** true = accept (`1`), false = deny (`0`), 'debug' (`d` / flags 0x02), null = defer. */
  sampled: boolean | 'debug' | null;
}

const B3_SINGLE = /^([0-9a-fA-F]{32}|[0-9a-fA-F]{16})-([0-9a-fA-F]{16})(?:-([01dD]))?(?:-([0-9a-fA-F]{16}))?$/;

/**
 * B3 single header `{traceid}-{spanid}[-{sampling}[-{parentspanid}]]` (docs/trace-context.md
 * §7.1): trace id 16 or 32 hex, span ids 16 hex. A sampling-only value (`0`, `1`, `d`) carries
 * no ids and gives null, as does anything else.
 */
export function parseB3Single(value: string): PropagatedContext | null {
  const m = B3_SINGLE.exec(value.trim());
  if (!m) return null;
  const traceId = canonicalTraceId(m[1]);
  if (!traceId) return null;
  const flag = m[3]?.toLowerCase();
  return { traceId, spanId: canonicalSpanId(m[2]), parentSpanId: m[4] ? canonicalSpanId(m[4]) : null, sampled: flag === undefined ? null : flag === 'd' ? 'debug' : flag === '1' };
}

const UBER = /^([0-9a-fA-F]{1,32}):([0-9a-fA-F]{1,16}):([0-9a-fA-F]{1,16}):([0-9a-fA-F]{1,2})$/;

/**
 * Jaeger's `uber-trace-id: {trace-id}:{span-id}:{parent-span-id}:{flags}` (docs/trace-context.md
 * §7.2): hex with leading zeros trimmed, parent `0` for a root; flags bit 1 sampled, bit 2 debug.
 * URL-encoded colons (`%3A`) are accepted, as some clients send them.
 */
export function parseUberTraceId(value: string): PropagatedContext | null {
  const m = UBER.exec(value.trim().replace(/%3A/gi, ':'));
  if (!m) return null;
  const traceId = canonicalTraceId(m[1]);
  if (!traceId) return null;
  const flags = parseInt(m[4], 16);
  return { traceId, spanId: canonicalSpanId(m[2]), parentSpanId: canonicalSpanId(m[3]), sampled: flags & 2 ? 'debug' : (flags & 1) === 1 };
}

/**
 * A request id (Envoy `x-request-id`, ECS `http.request.id`) in comparable form, or null for
 * Envoy's unset marker `-`, blanks and anything that is not a plain token of 8–128 characters.
 * UUIDs are lower-cased (Envoy writes them lower case; some clients upper). Not a trace id:
 * docs/trace-context.md §7.3.
 */
export function canonicalRequestId(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const s = value.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._:\-]{7,127}$/.test(s)) return null;
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s) ? s.toLowerCase() : s;
}

/**
 * What an SRE may paste into the search box: a bare id (any case, 16/32 hex or trimmed),
 * a W3C traceparent, a legacy `uber-trace-id` (`trace:span:parent:flags`) or a B3 single header.
 */
export function parseTraceInput(input: string): { traceId: string; spanId: string | null } | null {
  const s = input.trim();
  const tp = parseTraceparent(s.toLowerCase());
  if (tp) return { traceId: tp.traceId, spanId: tp.spanId };
  const ctx = parseUberTraceId(s) ?? parseB3Single(s);
  if (ctx) return { traceId: ctx.traceId, spanId: ctx.spanId };
  const traceId = canonicalTraceId(s);
  return traceId ? { traceId, spanId: null } : null;
}
