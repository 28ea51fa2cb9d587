import { labelName } from '../model/label-name';
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

/** Label names to try for each configured key: the key, then its Loki-sanitized form. Per config, not per line. */
interface LabelNames {
  trace: readonly string[];
  span: readonly string[];
  request: readonly string[];
}
const labelNamesOf = new WeakMap<ExtractionConfig, LabelNames>();
function namesWithSanitized(keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const s = labelName(key);
    if (!out.includes(key)) out.push(key);
    if (s !== key && !out.includes(s)) out.push(s);
  }
  return out;
}
function labelNames(cfg: ExtractionConfig): LabelNames {
  let names = labelNamesOf.get(cfg);
  if (!names) {
    names = { trace: namesWithSanitized(cfg.traceKeys), span: namesWithSanitized(cfg.spanKeys), request: namesWithSanitized(cfg.requestIdKeys) };
    labelNamesOf.set(cfg, names);
  }
  return names;
}

type Convert = (key: string, value: string) => string | null;

function pickLabel(labels: Labels, names: readonly string[], convert: Convert): string | null {
  for (const k of names) {
    const v = labels[k];
    if (typeof v === 'string') {
      const id = convert(k, v);
      if (id) return id;
    }
  }
  return null;
}

function fromLabels(labels: Labels, cfg: ExtractionConfig): Found {
  const names = labelNames(cfg);
  return { traceId: pickLabel(labels, names.trace, traceIdFrom), spanId: pickLabel(labels, names.span, spanIdFrom) };
}

/**
 * One line's structured fields, parsed at most once and shared by the trace-id, span-id and
 * request-id lookups (no closures per line: this runs for every line of a range).
 */
interface LineFields {
  line: string;
  json: ReturnType<typeof parseJsonObject> | undefined;
  logfmt: Map<string, string> | null | undefined;
}
function jsonOf(f: LineFields): ReturnType<typeof parseJsonObject> {
  if (f.json === undefined) f.json = parseJsonObject(f.line);
  return f.json;
}
function logfmtOf(f: LineFields): Map<string, string> | null {
  if (f.logfmt === undefined) f.logfmt = f.line.includes('=') ? parseLogfmt(f.line) : null;
  return f.logfmt;
}

/** `[key]` per key, for findJsonField's one-key lookups without an array per line. */
const ONE_KEY = new Map<string, readonly string[]>();
function oneKey(key: string): readonly string[] {
  let keys = ONE_KEY.get(key);
  if (!keys) ONE_KEY.set(key, (keys = [key]));
  return keys;
}

/** Keys tried one by one, so an unusable value under one name does not hide another. */
function pickField(f: LineFields, kind: 'json' | 'logfmt', keys: readonly string[], convert: Convert): string | null {
  for (const key of keys) {
    let id: string | null = null;
    if (kind === 'json') {
      const found = findJsonField(f.json!, oneKey(key), f.line);
      if (found) id = convert(found.key, found.value);
    } else {
      const v = f.logfmt!.get(key);
      if (v !== undefined) id = convert(key, v);
    }
    if (id) return id;
  }
  return null;
}

function fromFields(f: LineFields, kind: 'json' | 'logfmt', cfg: ExtractionConfig): Found {
  return { traceId: pickField(f, kind, cfg.traceKeys, traceIdFrom), spanId: pickField(f, kind, cfg.spanKeys, spanIdFrom) };
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

function runStep(step: ExtractionStep, entry: LogLine, cfg: ExtractionConfig, f: LineFields): Found {
  switch (step) {
    case 'metadata':
      return fromLabels(entry.structuredMetadata, cfg);
    case 'label':
      return mergeFound(fromLabels(entry.stream, cfg), fromLabels(entry.parsed, cfg));
    case 'json':
      return jsonOf(f) ? fromFields(f, 'json', cfg) : NOTHING;
    case 'logfmt':
      return logfmtOf(f) ? fromFields(f, 'logfmt', cfg) : NOTHING;
    case 'traceparent':
      return fromTraceparent(f.line);
    case 'b3':
      return b3FromLine(f.line);
    case 'uber':
      return uberFromLine(f.line);
    case 'regex':
      return { traceId: firstRegexMatch(f.line, cfg.traceRegexes, 'trace'), spanId: firstRegexMatch(f.line, cfg.spanRegexes, 'span') };
  }
}

export function extractTraceContext(entry: LogLine, cfg: ExtractionConfig = DEFAULT_EXTRACTION): TraceContext {
  const f: LineFields = { line: entry.line, json: undefined, logfmt: undefined };
  let traceId: string | null = null;
  let spanId: string | null = null;
  let via: ExtractedVia = null;
  let spanVia: ExtractedVia = null;
  for (const step of cfg.steps) {
    const found = runStep(step, entry, cfg, f);
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
  return { traceId, spanId, via: via ?? (spanId ? spanVia : null), requestId: requestIdOf(entry, cfg, f) };
}

const requestIdFrom: Convert = (_key, value) => canonicalRequestId(value);

/** Structured fields first, in the configured step order; then Envoy's text access log and header-style text. */
function requestIdOf(entry: LogLine, cfg: ExtractionConfig, f: LineFields): string | null {
  const keys = cfg.requestIdKeys;
  if (keys.length === 0) return null;
  const names = labelNames(cfg).request;
  for (const step of cfg.steps) {
    let id: string | null = null;
    if (step === 'metadata') id = pickLabel(entry.structuredMetadata, names, requestIdFrom);
    else if (step === 'label') id = pickLabel(entry.stream, names, requestIdFrom) ?? pickLabel(entry.parsed, names, requestIdFrom);
    else if (step === 'json') {
      const obj = jsonOf(f);
      if (obj) id = canonicalRequestId(findJsonField(obj, keys, entry.line)?.value); // one walk: shallowest, then key order
    } else if (step === 'logfmt') {
      const fields = logfmtOf(f);
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
