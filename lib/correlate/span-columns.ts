import type { SpanKind, SpanStatus, TagValue } from '../model/types';
import { rfc3339Formatter } from '../time/range';
import { apiDurationMs, apiParentSpanId, apiWarnings, type ApiSpan } from './api-shape';
import type { TraceView } from './trace-model';
import type { SpanColumns } from '../api/contract/trace';

/**
 * The waterfall's spans as columns: one array per field, repeated strings (services,
 * operations, process keys) once in a table, the parent as a row index. A 50,000-span trace
 * is then a few MB of JSON instead of twelve, which is what the first paint waits for: the
 * server builds and compresses less and the browser parses less. Tags and events are not
 * here (they come with the full investigation); every other ApiSpan field round-trips.
 */
export type { SpanColumns } from '../api/contract/trace';

const STATUSES: readonly SpanStatus[] = ['ok', 'error', 'unset'];
const KINDS: readonly SpanKind[] = ['server', 'client', 'producer', 'consumer', 'internal', 'unspecified'];
const LINKS: readonly ApiSpan['parentLink'][] = [null, 'CHILD_OF', 'FOLLOWS_FROM'];
// Bits: status 0–1, kind 2–4, parent link 5–6, critical 7, orphan 8, duplicate 9, mesh hop 10.
const FLAG = { kindShift: 2, linkShift: 5, critical: 1 << 7, orphan: 1 << 8, duplicate: 1 << 9, meshHop: 1 << 10 };

/**
 * The view's spans as columns, in the order and with the values of `toApiTrace` (api-shape.ts
 * derives both), without building the API spans first. `keyOf` is the process table the
 * trace's `processes` come from.
 */
export function encodeViewColumns(view: TraceView, keyOf: (service: string, tags: Record<string, TagValue>) => string | undefined): SpanColumns {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const ref = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const nodes = view.spans;
  const n = nodes.length;
  const rowOfId = new Map<string, number>();
  for (let i = 0; i < n; i++) if (!rowOfId.has(nodes[i].spanId)) rowOfId.set(nodes[i].spanId, i);
  let baseUs = Infinity;
  for (const node of nodes) baseUs = Math.min(baseUs, node.startUs);
  if (!Number.isFinite(baseUs)) baseUs = 0;

  const cols: SpanColumns = {
    strings,
    spanId: new Array<string>(n),
    parent: new Array<number>(n),
    parentIds: {},
    service: new Array<number>(n),
    operation: new Array<number>(n),
    process: new Array<number>(n),
    startUs: new Array<number>(n),
    baseUs,
    durationMs: new Array<number>(n),
    depth: new Array<number>(n),
    flags: new Array<number>(n),
    keys: {},
    warnings: {},
  };
  for (let i = 0; i < n; i++) {
    const node = nodes[i];
    const s = node.span;
    cols.spanId[i] = node.spanId;
    const parentId = apiParentSpanId(view, node);
    const p = parentId === null ? -1 : (rowOfId.get(parentId) ?? -2);
    cols.parent[i] = p;
    if (p === -2) cols.parentIds[i] = parentId!;
    cols.service[i] = ref(s.service);
    cols.operation[i] = ref(s.operation);
    const process = s.processTags ? keyOf(s.service, s.processTags) : undefined;
    cols.process[i] = process === undefined ? -1 : ref(process);
    cols.startUs[i] = node.startUs - baseUs;
    cols.durationMs[i] = apiDurationMs(node);
    cols.depth[i] = node.depth;
    cols.flags[i] =
      STATUSES.indexOf(s.status) |
      (KINDS.indexOf(s.kind) << FLAG.kindShift) |
      (LINKS.indexOf(node.parentLink) << FLAG.linkShift) |
      (node.critical ? FLAG.critical : 0) |
      (node.isOrphan ? FLAG.orphan : 0) |
      (node.isDuplicate ? FLAG.duplicate : 0) |
      (node.meshHop ? FLAG.meshHop : 0);
    if (node.key !== node.spanId) cols.keys[i] = node.key;
    const warnings = apiWarnings(node);
    if (warnings.length > 0) cols.warnings[i] = warnings;
  }
  return cols;
}

const NO_TAGS: Record<string, TagValue> = Object.freeze({}) as Record<string, TagValue>;
const NO_WARNINGS = Object.freeze([]) as unknown as string[];

/** The spans back, tags empty and without events: what the waterfall draws before the rest arrives. */
export function decodeSpanColumns(c: SpanColumns): ApiSpan[] {
  const n = c.spanId.length;
  const out = new Array<ApiSpan>(n);
  const rfc3339 = rfc3339Formatter();
  for (let i = 0; i < n; i++) {
    const p = c.parent[i];
    const f = c.flags[i];
    const startUs = c.baseUs + c.startUs[i];
    const span: ApiSpan = {
      spanId: c.spanId[i],
      parentSpanId: p >= 0 ? c.spanId[p] : p === -1 ? null : c.parentIds[i],
      service: c.strings[c.service[i]],
      operation: c.strings[c.operation[i]],
      start: rfc3339(Math.floor(startUs / 1000)),
      durationMs: c.durationMs[i],
      status: STATUSES[f & 3],
      tags: NO_TAGS,
      warnings: c.warnings[i] ?? NO_WARNINGS,
      key: c.keys[i] ?? c.spanId[i],
      startUs,
      depth: c.depth[i],
      kind: KINDS[(f >> FLAG.kindShift) & 7],
      parentLink: LINKS[(f >> FLAG.linkShift) & 3],
    };
    if (c.process[i] >= 0) span.process = c.strings[c.process[i]];
    if (f & FLAG.critical) span.critical = true;
    if (f & FLAG.orphan) span.orphan = true;
    if (f & FLAG.duplicate) span.duplicate = true;
    if (f & FLAG.meshHop) span.meshHop = true;
    out[i] = span;
  }
  return out;
}
