import { LABEL_NAME, promString } from '../../correlate/promql';
import { traceIdForms } from '../../model/ids';

/**
 * Building LogQL from user-controlled values (trace ids, label values, search text) without
 * letting them change the query's structure. Values are always emitted as double-quoted Go
 * strings with every special character escaped (lib/sources/loki/README.md §3.5); label names are
 * validated, never escaped.
 */

export class LogQLBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LogQLBuildError';
  }
}

export type MatchOp = '=' | '!=' | '=~' | '!~';
export type LabelFilterOp = MatchOp | '>' | '>=' | '<' | '<=' | '==';

export interface Matcher {
  name: string;
  op?: MatchOp;
  value: string;
}

/** A double-quoted LogQL string literal holding exactly `value` (a Go literal, as in PromQL). */
export const logqlString = promString;

/** Escapes RE2 metacharacters so `value` matches literally inside a regex. */
export function regexEscape(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

export function labelName(name: string): string {
  if (!LABEL_NAME.test(name)) throw new LogQLBuildError(`invalid label name ${JSON.stringify(name)}: must match [a-zA-Z_][a-zA-Z0-9_]*`);
  return name;
}

function matcherOp(op: string): MatchOp {
  if (op === '=' || op === '!=' || op === '=~' || op === '!~') return op;
  throw new LogQLBuildError(`invalid matcher operator ${JSON.stringify(op)}`);
}

/** `{k="v", …}` from a map (equality) or a list of matchers. */
export function streamSelector(matchers: Record<string, string> | Matcher[]): string {
  const list: Matcher[] = Array.isArray(matchers) ? matchers : Object.entries(matchers).map(([name, value]) => ({ name, value }));
  if (list.length === 0) throw new LogQLBuildError('a stream selector needs at least one matcher');
  // Loki rejects selectors whose every matcher also matches the empty string (§3.5).
  if (!list.some((m) => (m.op ?? '=') === '=' && m.value !== '') && !list.some((m) => m.op === '=~' && m.value !== '' && m.value !== '.*')) {
    throw new LogQLBuildError('a stream selector needs at least one matcher that does not match the empty string');
  }
  return `{${list.map((m) => `${labelName(m.name)}${matcherOp(m.op ?? '=')}${logqlString(m.value)}`).join(', ')}}`;
}

/** `|= "value"`: lines containing the text, matched literally. */
export function lineContains(value: string): string {
  return `|= ${logqlString(value)}`;
}

/** `|~ "(?i)a|b"`: lines containing any of the texts, literally, optionally ignoring case. */
export function lineContainsAny(values: string[], opts: { ignoreCase?: boolean } = {}): string {
  if (values.length === 0) throw new LogQLBuildError('lineContainsAny needs at least one value');
  const alternatives = values.map(regexEscape).join('|');
  return `|~ ${logqlString(`${opts.ignoreCase ? '(?i)' : ''}${values.length > 1 ? `(${alternatives})` : alternatives}`)}`;
}

/** A label filter stage after a parser or on structured metadata: `| name="value"`. */
export function labelFilter(name: string, op: LabelFilterOp, value: string | number): string {
  if (op === '>' || op === '>=' || op === '<' || op === '<=' || op === '==') {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new LogQLBuildError(`operator ${op} needs a finite number`);
    return `| ${labelName(name)} ${op} ${value}`;
  }
  return `| ${labelName(name)}${matcherOp(op)}${logqlString(String(value))}`;
}

/**
 * Lines that mention a trace id in any of its textual forms (32-hex, 16-hex, zero-trimmed),
 * any case (lib/sources/loki/README.md §3.6).
 */
export function traceIdLineFilter(canonicalTraceId: string): string {
  return lineContainsAny(traceIdForms(canonicalTraceId), { ignoreCase: true });
}

/** Join a selector and pipeline stages into one query. */
export function logQuery(selector: string, ...stages: string[]): string {
  return [selector, ...stages].join(' ');
}
