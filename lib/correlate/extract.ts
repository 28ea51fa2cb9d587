import type { Labels, LogLine } from '../model/types';
import { canonicalRequestId, canonicalSpanId, canonicalTraceId, decimalToSpanId, decimalToTraceId, parseTraceparent } from '../model/ids';
import { DEFAULT_EXTRACTION, isDecimalKey, type CompiledRegex, type ExtractionConfig, type ExtractionStep } from './extraction-config';
import { findJsonField, parseJsonObject } from './json-fields';
import { parseLogfmt } from './logfmt';
import { b3FromLine, requestIdFromEnvoyLine, requestIdFromText, uberFromLine } from './propagation';

/**
 * Trace-context extraction from one Loki entry. Steps run in the configured order; the
 * first step that yields a trace id decides `via`, and its span id is preferred so the
 * pair stays consistent. Cheap checks guard the expensive ones (no JSON.parse unless the
 * line starts with `{`, no logfmt scan without `=`).
 */

export type ExtractedVia = ExtractionStep | null;

export interface TraceContext {
  traceId: string | null;
  spanId: string | null;
  /** Where the trace id (or, without one, the span id) was found. */
  via: ExtractedVia;
  /**
   * The request's x-request-id (Envoy/Istio, ECS `http.request.id`): a join key for lines
   * without a trace id, never a trace id itself (docs/trace-context.md §7.3).
   */
  requestId: string | null;
}

interface Found {
  traceId: string | null;
  spanId: string | null;
}

const NOTHING: Found = { traceId: null, spanId: null };

function traceIdFrom(key: string, value: string): string | null {
  const v = value.trim();
  if (isDecimalKey(key) && /^\d{1,20}$/.test(v)) return decimalToTraceId(v);
  return canonicalTraceId(v);
}

function spanIdFrom(key: string, value: string): string | null {
  const v = value.trim();
  if (isDecimalKey(key) && /^\d{1,20}$/.test(v)) return decimalToSpanId(v);
  return canonicalSpanId(v);
}

/** Loki sanitizes label names to [a-zA-Z0-9_:], so `dd.trace_id` arrives as `dd_trace_id`. */
const sanitized = (key: string) => key.replace(/[^a-zA-Z0-9_:]/g, '_');

function fromLabels(labels: Labels, cfg: ExtractionConfig): Found {
  const pick = (keys: readonly string[], convert: (k: string, v: string) => string | null) => {
    for (const key of keys) {
      for (const k of key === sanitized(key) ? [key] : [key, sanitized(key)]) {
        const v = labels[k];
        if (typeof v === 'string') {
          const id = convert(k, v);
          if (id) return id;
        }
      }
    }
    return null;
  };
  return { traceId: pick(cfg.traceKeys, traceIdFrom), spanId: pick(cfg.spanKeys, spanIdFrom) };
}

function fromFields(get: (keys: readonly string[]) => { key: string; value: string } | null, cfg: ExtractionConfig): Found {
  const pick = (keys: readonly string[], convert: (k: string, v: string) => string | null) => {
    // Try keys one by one so an unusable value under one name does not hide another.
    for (const key of keys) {
      const f = get([key]);
      const id = f ? convert(f.key, f.value) : null;
      if (id) return id;
    }
    return null;
  };
  return { traceId: pick(cfg.traceKeys, traceIdFrom), spanId: pick(cfg.spanKeys, spanIdFrom) };
}

const TRACEPARENT_IN_LINE = /(?<![0-9a-zA-Z-])[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}(?![0-9a-zA-Z-])/g;

function fromTraceparent(line: string): Found {
  if (!line.includes('-')) return NOTHING;
  TRACEPARENT_IN_LINE.lastIndex = 0;
  for (const m of line.matchAll(TRACEPARENT_IN_LINE)) {
    const tp = parseTraceparent(m[0]);
    if (tp) return { traceId: tp.traceId, spanId: tp.spanId };
  }
  return NOTHING;
}

function firstRegexMatch(line: string, regexes: readonly CompiledRegex[], kind: 'trace' | 'span'): string | null {
  for (const r of regexes) {
    const m = r.re.exec(line);
    const raw = m?.[1];
    if (raw === undefined) continue;
    const v = raw.trim();
    const id =
      r.format === 'decimal'
        ? kind === 'trace'
          ? decimalToTraceId(v)
          : decimalToSpanId(v)
        : kind === 'trace'
          ? canonicalTraceId(v)
          : canonicalSpanId(v);
    if (id) return id;
  }
  return null;
}

export function extractTraceContext(entry: LogLine, cfg: ExtractionConfig = DEFAULT_EXTRACTION): TraceContext {
  const line = entry.line;
  // Parsed once, shared by the trace-id and the request-id lookups.
  let json: ReturnType<typeof parseJsonObject> | undefined;
  let logfmt: Map<string, string> | null | undefined;
  const jsonObj = () => (json === undefined ? (json = parseJsonObject(line)) : json);
  const logfmtFields = () => (logfmt === undefined ? (logfmt = line.includes('=') ? parseLogfmt(line) : null) : logfmt);
  const run = (step: ExtractionStep): Found => {
    switch (step) {
      case 'metadata':
        return fromLabels(entry.structuredMetadata, cfg);
      case 'label':
        return mergeFound(fromLabels(entry.stream, cfg), fromLabels(entry.parsed, cfg));
      case 'json': {
        const obj = jsonObj();
        return obj ? fromFields((keys) => findJsonField(obj, keys, line), cfg) : NOTHING;
      }
      case 'logfmt': {
        const fields = logfmtFields();
        if (!fields) return NOTHING;
        return fromFields((keys) => {
          const v = fields.get(keys[0]);
          return v === undefined ? null : { key: keys[0], value: v };
        }, cfg);
      }
      case 'traceparent':
        return fromTraceparent(line);
      case 'b3':
        return b3FromLine(line);
      case 'uber':
        return uberFromLine(line);
      case 'regex':
        return { traceId: firstRegexMatch(line, cfg.traceRegexes, 'trace'), spanId: firstRegexMatch(line, cfg.spanRegexes, 'span') };
    }
  };

  let traceId: string | null = null;
  let spanId: string | null = null;
  let via: ExtractedVia = null;
  let spanVia: ExtractedVia = null;
  for (const step of cfg.steps) {
    const found = run(step);
    if (!traceId && found.traceId) {
      traceId = found.traceId;
      via = step;
      if (found.spanId) spanId = found.spanId; // keep the pair from one place
    }
    if (!spanId && found.spanId) {
      spanId = found.spanId;
      spanVia = step;
    }
    if (traceId && spanId) break;
  }
  return { traceId, spanId, via: via ?? (spanId ? spanVia : null), requestId: requestIdOf(entry, cfg, jsonObj, logfmtFields) };
}

/** Each request-id key with its Loki-sanitized form, per config (computed once, not per line). */
const labelKeysOf = new WeakMap<ExtractionConfig, string[]>();

/** Structured fields first, in the configured step order; then Envoy's text access log and header-style text. */
function requestIdOf(entry: LogLine, cfg: ExtractionConfig, jsonObj: () => ReturnType<typeof parseJsonObject>, logfmtFields: () => Map<string, string> | null): string | null {
  const keys = cfg.requestIdKeys;
  if (keys.length === 0) return null;
  let labelKeys = labelKeysOf.get(cfg);
  if (!labelKeys) labelKeysOf.set(cfg, (labelKeys = [...new Set(keys.flatMap((k) => [k, sanitized(k)]))]));
  const fromMap = (labels: Record<string, string>) => {
    for (const key of labelKeys) {
      const v = labels[key];
      if (v === undefined) continue;
      const id = canonicalRequestId(v);
      if (id) return id;
    }
    return null;
  };
  for (const step of cfg.steps) {
    let id: string | null = null;
    if (step === 'metadata') id = fromMap(entry.structuredMetadata);
    else if (step === 'label') id = fromMap(entry.stream) ?? fromMap(entry.parsed);
    else if (step === 'json') {
      const obj = jsonObj();
      if (obj) id = canonicalRequestId(findJsonField(obj, keys, entry.line)?.value); // one walk: shallowest, then key order
    } else if (step === 'logfmt') {
      const fields = logfmtFields();
      if (fields) for (const key of keys) if ((id = canonicalRequestId(fields.get(key)))) break;
    }
    if (id) return id;
  }
  return requestIdFromEnvoyLine(entry.line) ?? requestIdFromText(entry.line);
}

function mergeFound(a: Found, b: Found): Found {
  if (a.traceId) return { traceId: a.traceId, spanId: a.spanId ?? b.spanId };
  if (b.traceId) return { traceId: b.traceId, spanId: b.spanId ?? a.spanId };
  return { traceId: null, spanId: a.spanId ?? b.spanId };
}
