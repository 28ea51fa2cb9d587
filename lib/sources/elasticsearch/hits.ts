import { labelName } from '../../model/label-name';
import type { Labels, LogLine } from '../../model/types';
import type { EsHit } from './schemas';

/**
 * Pure: Elasticsearch hits → the LogLine the Loki client produces, so the join and the
 * detectors work unchanged (lib/sources/elasticsearch/README.md §4). Field names are ECS by
 * default; `_source` may hold them nested (`{"trace":{"id":…}}`) or dotted (`{"trace.id":…}`).
 */

export interface HitFields {
  timestampField: string;
  messageField: string;
  traceIdField: string;
  spanIdField: string;
  /** Request-id fields (ECS `http.request.id`, Envoy/Istio `request_id`), first non-empty wins. */
  requestIdFields: readonly string[];
  /** Fields that become stream labels, named Loki-style (dots → `_`): `service.name` → `service_name`. */
  labelFields: readonly string[];
}

const MAX_PARSED_FIELDS = 64;
const MAX_VALUE_CHARS = 1_024;
const MAX_DEPTH = 6;

/** The value at a dotted path, whichever split of the path the document uses. */
export function fieldAt(source: unknown, path: string): unknown {
  if (source === null || typeof source !== 'object' || Array.isArray(source)) return undefined;
  const obj = source as Record<string, unknown>;
  if (Object.hasOwn(obj, path)) return obj[path];
  for (let i = path.indexOf('.'); i > 0; i = path.indexOf('.', i + 1)) {
    const head = path.slice(0, i);
    if (Object.hasOwn(obj, head)) {
      const found = fieldAt(obj[head], path.slice(i + 1));
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** A scalar as label text; arrays give their first scalar (keyword fields are often lists). */
function text(v: unknown): string | null {
  if (Array.isArray(v)) return v.length > 0 ? text(v[0]) : null;
  if (typeof v === 'string') return v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date as exact unix nanoseconds in a decimal string: an ISO date with up to 9 fraction
 * digits (date_nanos, `strict_date_optional_time_nanos`), or epoch milliseconds. Null otherwise.
 */
export function toUnixNs(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v) && v >= 0) {
    const ms = Math.floor(v);
    const subNs = Math.round((v - ms) * 1e6);
    return `${ms}${String(subNs).padStart(6, '0')}`.replace(/^0+(?=\d)/, '');
  }
  if (typeof v !== 'string') return null;
  if (/^\d{1,16}$/.test(v)) return toUnixNs(Number(v));
  const m = ISO.exec(v);
  if (!m) return null;
  // No zone: Elasticsearch reads such dates as UTC (its default time zone).
  const zone = m[3] ?? 'Z';
  const tz = zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const ms = Date.parse(`${m[1]}${tz}`);
  if (!Number.isFinite(ms) || ms < 0) return null;
  const secs = ms / 1000;
  return `${secs}${(m[2] ?? '').padEnd(9, '0')}`.replace(/^0+(?=\d)/, '');
}

/** Scalar fields of `_source`, flattened to dotted names, bounded in count, depth and length. */
function flatten(source: Record<string, unknown>, skip: ReadonlySet<string>): Labels {
  const out: Labels = {};
  let n = 0;
  const walk = (v: unknown, prefix: string, depth: number) => {
    if (n >= MAX_PARSED_FIELDS) return;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      if (depth >= MAX_DEPTH) return;
      for (const [k, child] of Object.entries(v)) walk(child, prefix ? `${prefix}.${k}` : k, depth + 1);
      return;
    }
    if (skip.has(prefix)) return;
    const t = text(v);
    if (t !== null) {
      out[prefix] = t;
      n++;
    }
  };
  walk(source, '', 0);
  return out;
}

/** One hit as a LogLine; null when it has no usable timestamp. */
export function hitToLogLine(hit: EsHit, f: HitFields): LogLine | null {
  const source = hit._source ?? {};
  const sortTs = Array.isArray(hit.sort) && hit.sort.length > 0 ? toUnixNs(hit.sort[0]) : null;
  const rawTs = fieldAt(source, f.timestampField);
  const tsNs = sortTs ?? toUnixNs(Array.isArray(rawTs) ? rawTs[0] : rawTs);
  if (!tsNs) return null;
  const message = text(fieldAt(source, f.messageField));
  const stream: Labels = {};
  for (const field of f.labelFields) {
    const v = text(fieldAt(source, field));
    if (v !== null && v !== '') stream[labelName(field)] = v;
  }
  if (hit._index) stream._index = hit._index;
  // Ids go to structured metadata under the names the extraction reads first (DEFAULT_TRACE_KEYS).
  const structuredMetadata: Labels = {};
  const traceId = text(fieldAt(source, f.traceIdField));
  const spanId = text(fieldAt(source, f.spanIdField));
  if (traceId) structuredMetadata.trace_id = traceId;
  if (spanId) structuredMetadata.span_id = spanId;
  for (const field of f.requestIdFields) {
    const rid = text(fieldAt(source, field));
    if (rid && rid !== '-') {
      structuredMetadata.request_id = rid;
      break;
    }
  }
  const skip = new Set([f.messageField, f.timestampField, f.traceIdField, f.spanIdField, ...f.labelFields]);
  return {
    tsNs,
    // Without a message field the document itself is the line (JSON, so extraction reads its fields).
    line: message ?? JSON.stringify(source).slice(0, 16_384),
    stream,
    structuredMetadata,
    parsed: flatten(source, skip),
  };
}
