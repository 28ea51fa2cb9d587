import { fieldAt } from './fields';

/**
 * The subset of the Lucene `query_string` syntax the demo Elasticsearch evaluates
 * (lib/sources/elasticsearch/README.md §2.1, what Explore's query box sends): `field:value`,
 * `field:"a phrase"`, `field:*` (exists), bare words and phrases, `*` wildcards in words,
 * `AND`/`&&`, `OR`/`||`, `NOT`/`!`/`-`, parentheses; adjacent clauses are OR'ed
 * (default_operator OR). The text field (`message`) matches lower-cased word tokens, as its
 * analyzer would; every other field is a keyword and matches exactly. Ranges, fuzziness,
 * boosts and regexes are refused as a query that does not parse (`QueryStringError`).
 */

export class QueryStringError extends Error {}

export type Doc = Record<string, unknown>;
type Node = { or: Node[] } | { and: Node[] } | { not: Node } | { field: string | null; value: string; phrase: boolean };

const TOKEN = /\s*(?:(\(|\)|&&|\|\||!|\+|-(?=\S))|("(?:[^"\\]|\\.)*")|((?:[^\s()"\\:{}[\]^~/]|\\.)+:)|((?:[^\s()"\\:{}[\]^~/!]|\\.)+))/y;

function tokenize(q: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < q.length && !/^\s*$/.test(q.slice(TOKEN.lastIndex))) {
    const m = TOKEN.exec(q);
    if (!m) throw new QueryStringError(`Failed to parse query [${q}]`);
    out.push(m[0].trim());
  }
  return out;
}

export function parseQueryString(q: string): Node {
  const toks = tokenize(q);
  let i = 0;
  const fail = (): never => {
    throw new QueryStringError(`Failed to parse query [${q}]`);
  };
  const isOp = (t: string | undefined) => t === undefined || t === ')' || t === 'OR' || t === '||' || t === 'AND' || t === '&&';
  function value(field: string | null): Node {
    const t = toks[i++] ?? fail();
    if (t.startsWith('"')) return { field, value: JSON.parse(t) as string, phrase: true };
    if (t === '(' || t === ')' || t.endsWith(':') || isOp(t)) fail();
    return { field, value: t.replace(/\\(.)/g, '$1'), phrase: false };
  }
  function unary(): Node {
    const t = toks[i];
    if (t === 'NOT' || t === '!' || t === '-') {
      i++;
      return { not: unary() };
    }
    if (t === '+') i++;
    if (toks[i] === '(') {
      i++;
      const e = or();
      if (toks[i++] !== ')') fail();
      return e;
    }
    if (toks[i]?.endsWith(':')) {
      const field = toks[i++].slice(0, -1).replace(/\\(.)/g, '$1');
      if (toks[i] === '(') {
        i++;
        const vals: Node[] = [];
        while (toks[i] !== ')') {
          if (toks[i] === undefined) fail();
          if (toks[i] === 'OR' || toks[i] === '||') { i++; continue; }
          vals.push(value(field));
        }
        i++;
        return { or: vals };
      }
      return value(field);
    }
    return value(null);
  }
  function and(): Node {
    const parts = [unary()];
    while (toks[i] === 'AND' || toks[i] === '&&') {
      i++;
      parts.push(unary());
    }
    return parts.length === 1 ? parts[0] : { and: parts };
  }
  function or(): Node {
    const parts = [and()];
    while (i < toks.length && toks[i] !== ')') {
      if (toks[i] === 'OR' || toks[i] === '||') i++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0] : { or: parts };
  }
  if (!toks.length) fail();
  const n = or();
  if (i < toks.length) fail();
  return n;
}

const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
const glob = (p: string, caseless: boolean) => new RegExp(`^${p.split('*').map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, caseless ? 'i' : '');

/** Scalar leaves of a document as dotted paths (the keyword fields a `*` query searches). */
function leaves(doc: unknown, prefix = '', out: [string, string][] = []): [string, string][] {
  if (doc === null || doc === undefined) return out;
  if (Array.isArray(doc)) for (const d of doc) leaves(d, prefix, out);
  else if (typeof doc === 'object') for (const [k, v] of Object.entries(doc as Doc)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  else out.push([prefix, String(doc)]);
  return out;
}

function textMatches(text: string, value: string, phrase: boolean): boolean {
  const toks = words(text);
  const want = words(value);
  if (!want.length) return false;
  if (!phrase && want.length === 1) {
    const re = value.includes('*') ? glob(value.toLowerCase(), true) : null;
    return toks.some((t) => (re ? re.test(t) : t === want[0]));
  }
  // A phrase (or a word the analyzer splits, such as "risk-engine"): the tokens in sequence.
  for (let i = 0; i + want.length <= toks.length; i++) if (want.every((w, j) => toks[i + j] === w)) return true;
  return false;
}

function keywordMatches(v: unknown, value: string, phrase: boolean): boolean {
  const vals = (Array.isArray(v) ? v : [v]).filter((x) => x !== null && x !== undefined).map(String);
  if (!phrase && value === '*') return vals.length > 0;
  const re = !phrase && value.includes('*') ? glob(value, false) : null;
  return vals.some((x) => (re ? re.test(x) : x === value));
}

export function matchesQueryString(doc: Doc, n: Node, textField: string, defaultField: string | null): boolean {
  if ('or' in n) return n.or.some((c) => matchesQueryString(doc, c, textField, defaultField));
  if ('and' in n) return n.and.every((c) => matchesQueryString(doc, c, textField, defaultField));
  if ('not' in n) return !matchesQueryString(doc, n.not, textField, defaultField);
  const field = n.field ?? (defaultField && defaultField !== '*' ? defaultField : null);
  if (field === null) {
    // All fields: the text field by its tokens, the keywords exactly.
    return textMatches(String(fieldAt(doc, textField) ?? ''), n.value, n.phrase) || leaves(doc).some(([k, v]) => k !== textField && keywordMatches(v, n.value, n.phrase));
  }
  const v = fieldAt(doc, field);
  if (field === textField) return !n.phrase && n.value === '*' ? v !== undefined : typeof v === 'string' && textMatches(v, n.value, n.phrase);
  return keywordMatches(v, n.value, n.phrase);
}
