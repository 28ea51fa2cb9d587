/**
 * What the header's search box accepts (issue 16): a trace id in any form `parseTraceInput`
 * knows, or a link someone pasted from another tool — a Jaeger UI trace page
 * (`…/trace/<id>`, `?uiFind=<span id>`) or a Grafana Explore URL whose query is a trace id
 * (`?left=…` or `?panes=…` JSON). Anything else gets a message that says what is wrong.
 */
import { canonicalSpanId, parseTraceInput } from './ids';

export type TracePaste = { ok: true; traceId: string; spanId: string | null } | { ok: false; message: string };

const MAX_INPUT = 8_192;
/** Keys of Grafana's pane JSON (Jaeger, Tempo, Zipkin data sources) that hold a trace id query. */
const QUERY_KEYS = new Set(['query', 'traceId', 'traceID', 'trace_id']);

/** Why a text is not a trace id, in words. */
function idProblem(s: string): string {
  const bad = /[^0-9a-fA-F]/.exec(s);
  if (bad) return `Not a trace id: "${bad[0]}" at position ${bad.index + 1} is not a hex digit. Paste 16 or 32 hex digits, a traceparent, an uber-trace-id, or a Jaeger or Grafana trace link.`;
  if (s.length > 32) return `Not a trace id: it has ${s.length} hex digits, a trace id has at most 32.`;
  return 'Not a trace id: all zeros is the "no trace" id.';
}

/** Trace ids found in Grafana pane JSON: strings under the query keys, depth-first. */
function idsInPanes(value: unknown, key: string | null, out: string[], depth = 0): void {
  if (depth > 8 || out.length > 0) return;
  if (typeof value === 'string') {
    if (key !== null && QUERY_KEYS.has(key) && parseTraceInput(value)) out.push(value);
  } else if (Array.isArray(value)) {
    // The old `left=["now-1h","now","Jaeger",{"query":"…"}]` form keeps its query in an object.
    for (const v of value) idsInPanes(v, key, out, depth + 1);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) idsInPanes(v, k, out, depth + 1);
  }
}

function fromUrl(url: URL): TracePaste {
  const segments = url.pathname.split('/').filter(Boolean);
  const at = segments.lastIndexOf('trace');
  if (at >= 0 && segments[at + 1]) {
    let raw: string;
    try {
      raw = decodeURIComponent(segments[at + 1]);
    } catch {
      raw = segments[at + 1];
    }
    const id = parseTraceInput(raw);
    if (!id) return { ok: false, message: `This link's trace id "${raw.slice(0, 40)}" is not one: ${idProblem(raw).replace(/^Not a trace id: /, '')}` };
    // Jaeger UI highlights the span named in uiFind; several (space-separated) mean no single span.
    const find = url.searchParams.get('uiFind')?.trim() ?? '';
    return { ok: true, traceId: id.traceId, spanId: id.spanId ?? (/^[0-9a-fA-F]{1,16}$/.test(find) ? canonicalSpanId(find) : null) };
  }
  for (const k of ['traceId', 'traceID', 'trace_id']) {
    const id = parseTraceInput(url.searchParams.get(k) ?? '');
    if (id) return { ok: true, ...id };
  }
  for (const k of ['panes', 'left', 'right']) {
    const json = url.searchParams.get(k);
    if (!json) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      continue;
    }
    const found: string[] = [];
    idsInPanes(parsed, null, found);
    const id = found.length ? parseTraceInput(found[0]) : null;
    if (id) return { ok: true, ...id };
  }
  return { ok: false, message: 'This link names no trace: paste a Jaeger UI trace link (…/trace/<id>) or a Grafana Explore link whose query is a trace id.' };
}

export function parseTracePaste(input: string): TracePaste {
  const s = input.trim();
  if (!s) return { ok: false, message: 'Paste a trace id, a traceparent, or a Jaeger or Grafana trace link.' };
  if (s.length > MAX_INPUT) return { ok: false, message: 'That is too long to be a trace id or a trace link.' };
  const id = parseTraceInput(s);
  if (id) return { ok: true, ...id };
  if (/^https?:\/\//i.test(s) || s.startsWith('/')) {
    try {
      return fromUrl(new URL(s, 'http://pasted.invalid'));
    } catch {
      return { ok: false, message: 'That looks like a link but is not a valid URL.' };
    }
  }
  if (/^[0-9a-fA-F]{2}-/.test(s) && s.split('-').length === 4) return { ok: false, message: 'Not a valid traceparent: expected 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>, lowercase.' };
  if (s.includes(':')) return { ok: false, message: 'Not a valid uber-trace-id: expected <trace id>:<span id>:<parent id>:<flags> in hex.' };
  return { ok: false, message: idProblem(s) };
}
