import { shortTraceId } from '@/lib/model/ids';

/**
 * Splits a log line into plain text and the places where its trace or span id appears, so
 * the list can render ids as links while everything else stays text (never HTML). Ids are
 * found in every form a logger writes them: canonical, Jaeger's short form, leading zeros
 * trimmed, any case, and Datadog decimal.
 */

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'trace'; text: string; traceId: string }
  | { kind: 'span'; text: string; traceId: string; spanId: string };

/** Trimmed hex shorter than this would match ordinary words and numbers. */
const MIN_FORM_LENGTH = 8;

function hexForms(canonical: string, short: string): string[] {
  const forms = new Set([canonical, short]);
  const trimmed = canonical.replace(/^0+/, '');
  if (trimmed.length >= MIN_FORM_LENGTH) forms.add(trimmed);
  // Datadog logs 64-bit ids in decimal.
  if (/^0{16}/.test(canonical) || canonical.length === 16) forms.add(BigInt(`0x${canonical}`).toString(10));
  return [...forms].filter((f) => f.length >= MIN_FORM_LENGTH);
}


export function lineSegments(line: string, traceId: string | null, spanId: string | null): Segment[] {
  if (!traceId) return line ? [{ kind: 'text', text: line }] : [];
  const kindOf = new Map<string, 'trace' | 'span'>();
  for (const f of hexForms(traceId, shortTraceId(traceId))) kindOf.set(f.toLowerCase(), 'trace');
  if (spanId) for (const f of hexForms(spanId, spanId)) if (!kindOf.has(f)) kindOf.set(f.toLowerCase(), 'span');
  // Longest first, so a 32-hex id is not cut at its 16-hex tail.
  const alternatives = [...kindOf.keys()].sort((a, b) => b.length - a.length);
  const re = new RegExp(`(?<![0-9A-Za-z])(?:${alternatives.join('|')})(?![0-9A-Za-z])`, 'gi');

  const out: Segment[] = [];
  let last = 0;
  for (const m of line.matchAll(re)) {
    const at = m.index;
    if (at > last) out.push({ kind: 'text', text: line.slice(last, at) });
    const kind = kindOf.get(m[0].toLowerCase())!;
    out.push(kind === 'trace' ? { kind, text: m[0], traceId } : { kind, text: m[0], traceId, spanId: spanId! });
    last = at + m[0].length;
  }
  if (last < line.length) out.push({ kind: 'text', text: line.slice(last) });
  return out;
}

/** A label value that is the entry's trace or span id becomes a link too. */
export function labelLink(value: string, traceId: string | null, spanId: string | null): Segment {
  if (!traceId) return { kind: 'text', text: value };
  const segs = lineSegments(value, traceId, spanId);
  return segs.length === 1 && segs[0].kind !== 'text' ? segs[0] : { kind: 'text', text: value };
}
