/**
 * Per-Loki-datasource configuration of how trace/span ids are found in a log entry.
 * Raw settings (what a user or config file gives) are validated and compiled once by
 * `compileExtractionConfig`; the hot extraction loop only sees precompiled regexes.
 */

/** `b3` and `uber` read propagation headers written into lines (docs/trace-context.md §7). */
export const EXTRACTION_STEPS = ['metadata', 'label', 'json', 'logfmt', 'traceparent', 'b3', 'uber', 'regex'] as const;
export type ExtractionStep = (typeof EXTRACTION_STEPS)[number];

/** How a regex capture is read: hex (any length ≤ 32/16, padded) or a Datadog-style decimal. */
export type IdFormat = 'hex' | 'decimal';

/** A Grafana-style derived field: a regex over the raw line with exactly one capture group. */
export interface ExtractionRegexInput {
  pattern: string;
  /** Regex flags (JS syntax), e.g. "i". `g`/`y` are refused: they make exec stateful. */
  flags?: string;
  format?: IdFormat;
}

export interface ExtractionConfigInput {
  steps?: ExtractionStep[];
  /** Field names holding a trace id, in priority order. `dd.`/`dd_` names are decimal. */
  traceKeys?: string[];
  spanKeys?: string[];
  traceRegexes?: (string | ExtractionRegexInput)[];
  spanRegexes?: (string | ExtractionRegexInput)[];
  /** Also try the built-in regex set (docs/trace-context.md §6.4) after the user regexes. */
  defaultRegexes?: boolean;
  /** Field names holding a request id (x-request-id), in priority order (docs/trace-context.md §7.3). */
  requestIdKeys?: string[];
}

export interface CompiledRegex {
  source: string;
  re: RegExp;
  format: IdFormat;
}

export interface ExtractionConfig {
  readonly steps: readonly ExtractionStep[];
  readonly traceKeys: readonly string[];
  readonly spanKeys: readonly string[];
  readonly requestIdKeys: readonly string[];
  readonly traceRegexes: readonly CompiledRegex[];
  readonly spanRegexes: readonly CompiledRegex[];
}

export class ExtractionConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractionConfigError';
  }
}

export const DEFAULT_TRACE_KEYS = ['trace_id', 'traceId', 'traceID', 'trace.id', 'dd.trace_id'] as const;
export const DEFAULT_SPAN_KEYS = ['span_id', 'spanId', 'spanID', 'span.id', 'dd.span_id'] as const;
/** Envoy/Istio JSON access logs write `request_id`; ECS `http.request.id`; Envoy span tag `guid:x-request-id`. */
export const DEFAULT_REQUEST_ID_KEYS = ['request_id', 'x-request-id', 'x_request_id', 'requestId', 'requestID', 'http.request.id', 'guid:x-request-id'] as const;

/**
 * The suggested set from docs/trace-context.md §6.4, split so that the capture's format is known:
 * a Datadog decimal id (`dd.trace_id=123…`) would otherwise also match as hex. The
 * lookbehind keeps `parent_span_id`/`dd.trace_id` from matching the plain-key pattern.
 */
const KEY_VALUE = `["']?\\s*[:=]\\s*["']?`;
const BUILTIN_TRACE_REGEXES: ExtractionRegexInput[] = [
  { pattern: `\\bdd[._]trace_id${KEY_VALUE}(\\d{1,20})(?![\\w])`, format: 'decimal' },
  { pattern: `(?<![\\w.])(?:trace_?id|traceID|traceId|trace\\.id)${KEY_VALUE}([0-9a-fA-F]{16,32})\\b`, format: 'hex' },
];
const BUILTIN_SPAN_REGEXES: ExtractionRegexInput[] = [
  { pattern: `\\bdd[._]span_id${KEY_VALUE}(\\d{1,20})(?![\\w])`, format: 'decimal' },
  { pattern: `(?<![\\w.])(?:span_?id|spanID|spanId|span\\.id)${KEY_VALUE}([0-9a-fA-F]{16})\\b`, format: 'hex' },
];

/** Number of capture groups of a valid regex: the `|` alternative matches "" with every group unset. */
function captureGroupCount(re: RegExp): number {
  const probe = new RegExp(`${re.source}|`, re.flags.replace(/[gy]/g, ''));
  const m = probe.exec('');
  return m ? m.length - 1 : 0;
}

/** Validate and compile one derived-field regex; throws ExtractionConfigError naming it. */
export function compileExtractionRegex(input: string | ExtractionRegexInput, what = 'regex'): CompiledRegex {
  const spec: ExtractionRegexInput = typeof input === 'string' ? { pattern: input } : input;
  const flags = spec.flags ?? '';
  const label = `${what} ${JSON.stringify(spec.pattern.slice(0, 200))}`;
  if (spec.pattern.length === 0) throw new ExtractionConfigError(`${label} is empty`);
  if (/[gy]/.test(flags)) throw new ExtractionConfigError(`${label}: flags "g" and "y" are not allowed`);
  let re: RegExp;
  try {
    re = new RegExp(spec.pattern, flags);
  } catch (e) {
    throw new ExtractionConfigError(`${label} is not a valid regular expression: ${(e as Error).message}`);
  }
  const groups = captureGroupCount(re);
  if (groups !== 1) {
    throw new ExtractionConfigError(`${label} must have exactly one capture group (it has ${groups})`);
  }
  if (re.test('')) throw new ExtractionConfigError(`${label} matches an empty line`);
  return { source: spec.pattern, re, format: spec.format ?? 'hex' };
}

function checkKeys(keys: string[], what: string): string[] {
  for (const k of keys) {
    if (typeof k !== 'string' || k.trim() === '') throw new ExtractionConfigError(`${what} contains an empty field name`);
  }
  return [...keys];
}

/** Validate raw settings into a config; throws ExtractionConfigError with a readable message. */
export function compileExtractionConfig(input: ExtractionConfigInput = {}): ExtractionConfig {
  const steps = input.steps ?? [...EXTRACTION_STEPS];
  for (const s of steps) {
    if (!(EXTRACTION_STEPS as readonly string[]).includes(s)) {
      throw new ExtractionConfigError(`unknown extraction step "${String(s)}" (expected one of ${EXTRACTION_STEPS.join(', ')})`);
    }
  }
  if (new Set(steps).size !== steps.length) throw new ExtractionConfigError('extraction steps must not repeat');
  const withDefaults = input.defaultRegexes ?? true;
  const traceRegexes = (input.traceRegexes ?? []).map((r, i) => compileExtractionRegex(r, `trace regex #${i + 1}`));
  const spanRegexes = (input.spanRegexes ?? []).map((r, i) => compileExtractionRegex(r, `span regex #${i + 1}`));
  if (withDefaults) {
    traceRegexes.push(...BUILTIN_TRACE_REGEXES.map((r) => compileExtractionRegex(r, 'built-in trace regex')));
    spanRegexes.push(...BUILTIN_SPAN_REGEXES.map((r) => compileExtractionRegex(r, 'built-in span regex')));
  }
  return Object.freeze({
    steps: Object.freeze([...steps]),
    traceKeys: Object.freeze(checkKeys(input.traceKeys ?? [...DEFAULT_TRACE_KEYS], 'traceKeys')),
    spanKeys: Object.freeze(checkKeys(input.spanKeys ?? [...DEFAULT_SPAN_KEYS], 'spanKeys')),
    requestIdKeys: Object.freeze(checkKeys(input.requestIdKeys ?? [...DEFAULT_REQUEST_ID_KEYS], 'requestIdKeys')),
    traceRegexes: Object.freeze(traceRegexes),
    spanRegexes: Object.freeze(spanRegexes),
  });
}

/** Every step in the documented order, the usual field names, and the §6.4 regexes. */
export const DEFAULT_EXTRACTION: ExtractionConfig = compileExtractionConfig();

/**
 * `dd.trace_id` / `dd_trace_id` (Loki-sanitized), also as a nested JSON path such as
 * `ctx.dd.trace_id`, hold unsigned 64-bit decimals.
 */
export const isDecimalKey = (key: string): boolean => /(?:^|\.)dd[._][^.]*$/.test(key);
