import { canonicalRequestId, canonicalSpanId, canonicalTraceId, parseB3Single, parseUberTraceId } from '../model/ids';

/**
 * Pure: propagation headers and Envoy access-log fields written into log lines
 * (docs/trace-context.md §7). Every pattern is anchored on a header name and bounded in
 * length, so a hostile line costs one linear scan per pattern.
 */

export interface FoundIds {
  traceId: string | null;
  spanId: string | null;
}

const NONE: FoundIds = { traceId: null, spanId: null };
const KV = `["']?\\s*[:=]\\s*["']?`;

/** `b3: {traceid}-{spanid}[-{sampling}[-{parentspanid}]]` as a header dump, key=value or JSON field. */
const B3_SINGLE = new RegExp(`(?<![\\w-])b3${KV}((?:[0-9a-fA-F]{32}|[0-9a-fA-F]{16})-[0-9a-fA-F]{16}(?:-[01dD])?(?:-[0-9a-fA-F]{16})?)(?![0-9a-zA-Z-])`, 'i');
/** Multiple-header B3: `X-B3-TraceId` (16 or 32 hex) and `X-B3-SpanId`, also Loki-sanitized `x_b3_…`. */
const B3_TRACE = new RegExp(`(?<![\\w-])x[-_]b3[-_]traceid${KV}([0-9a-fA-F]{32}|[0-9a-fA-F]{16})(?![0-9a-zA-Z])`, 'i');
const B3_SPAN = new RegExp(`(?<![\\w-])x[-_]b3[-_]spanid${KV}([0-9a-fA-F]{16})(?![0-9a-zA-Z])`, 'i');
const UBER = new RegExp(`(?<![\\w-])uber[-_]trace[-_]id${KV}([0-9a-fA-F]{1,32}(?::|%3A)[0-9a-fA-F]{1,16}(?::|%3A)[0-9a-fA-F]{1,16}(?::|%3A)[0-9a-fA-F]{1,2})(?![0-9a-zA-Z])`, 'i');

/** B3 in either encoding; the single header wins, as B3 extraction does (§7.1). */
/** One cheap pass that rules most lines out (hex ids often contain "b3"). */
const B3_HINT = new RegExp(`(?<![\\w-])b3${KV}[0-9a-fA-F]|x[-_]b3[-_]`, 'i');

export function b3FromLine(line: string): FoundIds {
  if (!B3_HINT.test(line)) return NONE;
  const single = B3_SINGLE.exec(line);
  const ctx = single ? parseB3Single(single[1]) : null;
  if (ctx) return { traceId: ctx.traceId, spanId: ctx.spanId };
  const t = B3_TRACE.exec(line);
  const s = B3_SPAN.exec(line);
  return { traceId: t ? canonicalTraceId(t[1]) : null, spanId: s ? canonicalSpanId(s[1]) : null };
}

export function uberFromLine(line: string): FoundIds {
  if (!/uber[-_]trace/i.test(line)) return NONE;
  const m = UBER.exec(line);
  const ctx = m ? parseUberTraceId(m[1]) : null;
  return ctx ? { traceId: ctx.traceId, spanId: ctx.spanId } : NONE;
}

/** Envoy's default access-log line and Istio's text format both start `[START_TIME] "METHOD PATH PROTOCOL" CODE`. */
const ENVOY_TEXT = /^\[[0-9T:.+\-Z ]{10,40}\] "[^"]{0,8192}" \d{1,3} /;
/**
 * Both formats then write `"%REQ(X-FORWARDED-FOR)%" "%REQ(USER-AGENT)%" "%REQ(X-REQUEST-ID)%"
 * "%REQ(:AUTHORITY)%" "%UPSTREAM_HOST%"`: the first run of five quoted fields, third one (§7.4).
 */
const FIVE_QUOTED = /"([^"]{0,8192})" "([^"]{0,8192})" "([^"]{0,256})" "([^"]{0,8192})" "([^"]{0,8192})"/;
const REQUEST_ID_TEXT = new RegExp(`(?<![\\w-])x[-_]request[-_]id${KV}([A-Za-z0-9][A-Za-z0-9._:-]{7,127})`, 'i');

/** The x-request-id of an Envoy/Istio text access-log line, or null when the line is not one. */
export function requestIdFromEnvoyLine(line: string): string | null {
  const head = ENVOY_TEXT.exec(line);
  if (!head) return null;
  const m = FIVE_QUOTED.exec(line.slice(head[0].length));
  return m ? canonicalRequestId(m[3]) : null;
}

/** `x-request-id: …` / `x_request_id=…` written as a header or key=value in free text. */
export function requestIdFromText(line: string): string | null {
  if (!/request/i.test(line)) return null;
  const m = REQUEST_ID_TEXT.exec(line);
  return m ? canonicalRequestId(m[1]) : null;
}
