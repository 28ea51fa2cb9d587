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

/**
 * What an SRE may paste into the search box: a bare id (any case, 16/32 hex or trimmed),
 * a W3C traceparent, or a legacy `uber-trace-id` (`trace:span:parent:flags`).
 */
export function parseTraceInput(input: string): { traceId: string; spanId: string | null } | null {
  const s = input.trim();
  const tp = parseTraceparent(s.toLowerCase());
  if (tp) return { traceId: tp.traceId, spanId: tp.spanId };
  const uber = /^([0-9a-fA-F]{1,32}):([0-9a-fA-F]{1,16}):([0-9a-fA-F]{1,16}):([0-9a-fA-F]{1,2})$/.exec(s);
  if (uber) {
    const traceId = canonicalTraceId(uber[1]);
    return traceId ? { traceId, spanId: canonicalSpanId(uber[2]) } : null;
  }
  const traceId = canonicalTraceId(s);
  return traceId ? { traceId, spanId: null } : null;
}
