import { kvListProblem } from './schemas-kv';

/**
 * Hand-written check of one Jaeger v1 span (lib/sources/jaeger/README.md §4.3), the same rules as a zod
 * object per span but without copying: spans are a big trace's many objects, and zod's
 * per-span parse was a large share of loading one. Defaults are filled in place (the
 * parsed JSON belongs to the caller that just parsed it).
 */

export interface SpanProblem {
  path: (string | number)[];
  message: string;
}

type Obj = Record<string, unknown>;
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const expected = (path: (string | number)[], what: string, v: unknown): SpanProblem => ({ path, message: `expected ${what}, got ${kind(v)}` });
const nullish = (v: unknown) => v === null || v === undefined;

function stringsProblem(v: unknown, path: (string | number)[], fields: string[]): SpanProblem | null {
  for (const f of fields) if (typeof (v as Obj)[f] !== 'string') return expected([...path, f], 'string', (v as Obj)[f]);
  return null;
}

function listProblem(v: unknown, key: string, each: (item: unknown, path: (string | number)[]) => SpanProblem | null): SpanProblem | null {
  if (nullish(v)) return null;
  if (!Array.isArray(v)) return expected([key], 'array', v);
  for (let i = 0; i < v.length; i++) {
    const p = each(v[i], [key, i]);
    if (p) return p;
  }
  return null;
}

const tagsProblem = (v: unknown, path: (string | number)[]): SpanProblem | null => {
  if (nullish(v)) return null;
  const problem = kvListProblem(v);
  return problem ? { path, message: problem } : null;
};

/** Why `s` is not a v1 span, or null when it is one (then with its defaults filled). */
export function spanV1Problem(s: unknown): SpanProblem | null {
  if (!isObj(s)) return expected([], 'object', s);
  const ids = stringsProblem(s, [], ['traceID', 'spanID']);
  if (ids) return ids;
  if (s.operationName === undefined) s.operationName = '';
  else if (typeof s.operationName !== 'string') return expected(['operationName'], 'string', s.operationName);
  for (const f of ['startTime', 'duration']) {
    if (s[f] === undefined) s[f] = 0;
    else if (typeof s[f] !== 'number' || !Number.isFinite(s[f])) return expected([f], 'number', s[f]);
  }
  const refs = listProblem(s.references, 'references', (r, path) => (isObj(r) ? stringsProblem(r, path, ['refType', 'traceID', 'spanID']) : expected(path, 'object', r)));
  if (refs) return refs;
  const tags = tagsProblem(s.tags, ['tags']);
  if (tags) return tags;
  const logs = listProblem(s.logs, 'logs', (l, path) => {
    if (!isObj(l)) return expected(path, 'object', l);
    if (typeof l.timestamp !== 'number' || !Number.isFinite(l.timestamp)) return expected([...path, 'timestamp'], 'number', l.timestamp);
    return tagsProblem(l.fields, [...path, 'fields']);
  });
  if (logs) return logs;
  if (s.processID !== undefined && typeof s.processID !== 'string') return expected(['processID'], 'string', s.processID);
  if (s.process !== undefined) {
    if (!isObj(s.process)) return expected(['process'], 'object', s.process);
    if (typeof s.process.serviceName !== 'string') return expected(['process', 'serviceName'], 'string', s.process.serviceName);
    const ptags = tagsProblem(s.process.tags, ['process', 'tags']);
    if (ptags) return ptags;
  }
  return listProblem(s.warnings, 'warnings', (w, path) => (typeof w === 'string' ? null : expected(path, 'string', w)));
}
