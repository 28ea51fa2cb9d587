import type { Labels } from '../model/types';

/**
 * Pure LogQL text edits for the explore page: quoting a value, the exact selector of one
 * stream (log context), a label or line filter added from a log row, the log-volume query
 * and the case-insensitive variant of `|=` filters. Quoting follows Loki's lexer
 * (/work/shared/reference/backend-apis.md §3.5: Go escapes inside double quotes).
 */

export function quoteLogQL(value: string): string {
  let out = '"';
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `{a="1", b="2"}`: the selector that matches exactly this stream (labels sorted). */
export function streamSelector(stream: Labels): string {
  const keys = Object.keys(stream).filter((k) => LABEL_NAME.test(k)).sort();
  return `{${keys.map((k) => `${k}=${quoteLogQL(stream[k])}`).join(', ')}}`;
}

/** Appends `| key="value"` (or `!=`); a key LogQL cannot name becomes a line filter instead. */
export function withLabelFilter(query: string, key: string, value: string, exclude = false): string {
  if (!LABEL_NAME.test(key)) return withLineFilter(query, value, exclude);
  return `${query.trim()} | ${key}${exclude ? '!=' : '='}${quoteLogQL(value)}`;
}

export function withLineFilter(query: string, text: string, exclude = false): string {
  return `${query.trim()} ${exclude ? '!=' : '|='} ${quoteLogQL(text)}`;
}

/** Labels the volume histogram groups by: a level under the names loggers and Loki use. */
export const VOLUME_LEVEL_LABELS = ['level', 'severity', 'detected_level', 'severity_text'] as const;

/** Lines per level per step for a log query (Grafana's "logs volume", as a plain metric query). */
export function volumeQuery(logQuery: string, stepSec: number): string {
  return `sum by (${VOLUME_LEVEL_LABELS.join(', ')}) (count_over_time(${logQuery.trim()} [${Math.max(1, Math.round(stepSec))}s]))`;
}

const CONTAINS_FILTER = /\|=\s*("(?:[^"\\]|\\.)*"|`[^`]*`)/g;
const RE2_META = /[\\.+*?()|[\]{}^$]/g;

function unquote(literal: string): string | null {
  if (literal.startsWith('`')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    return null;
  }
}

/**
 * The query with each `|= "text"` that has letters turned into `|~ "(?i)text"` (the text
 * regex-escaped), or null when there is no such filter. LogQL line filters are
 * case-sensitive (backend-apis.md §3.5), so an empty result may only be a matter of case.
 */
export function caseInsensitiveVariant(query: string): string | null {
  let changed = false;
  const out = query.replace(CONTAINS_FILTER, (whole, literal: string) => {
    const text = unquote(literal);
    if (text === null || !/\p{L}/u.test(text) || text.toLowerCase() === text.toUpperCase()) return whole;
    changed = true;
    return `|~ ${quoteLogQL(`(?i)${text.replace(RE2_META, '\\$&')}`)}`;
  });
  return changed ? out : null;
}
