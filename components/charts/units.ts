import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

/**
 * The unit of a PromQL expression from the Prometheus naming conventions
 * (https://prometheus.io/docs/practices/naming/): a base unit from the metric name's suffix
 * (`_seconds`, `_bytes`, `_ratio`, `_percent`), `/s` for rate() of a counter, a ratio for
 * x / y of two like things, and `%` for a ratio times 100. Unknown stays unknown (no unit
 * shown) rather than guessed. The result is a unit string formatValue understands.
 */

export type ChartUnit = 's' | 'bytes' | 'ratio' | '%' | '/s' | 'bytes/s' | 'count';

/** `hundred`: the expression was multiplied by 100, so a ratio it becomes is a percentage. */
type Inferred = { unit: ChartUnit | null; hundred?: boolean } | { number: number } | null;

const BASE_SUFFIXES: [RegExp, ChartUnit][] = [
  [/_seconds$/, 's'],
  [/_bytes$/, 'bytes'],
  [/_ratio$/, 'ratio'],
  [/_percent$/, '%'],
];
const SERIES_SUFFIX = /_(total|count|sum|bucket|created)$/;

/**
 * Unit of a metric's samples, e.g. process_resident_memory_bytes → bytes. A histogram's or
 * summary's `_count` and `_bucket` count observations (no unit), its `_sum` keeps the unit.
 */
export function metricBaseUnit(name: string): ChartUnit | null {
  if (/_(count|bucket)$/.test(name)) return null;
  return observedUnit(name);
}

/** The unit of what a metric observes, whatever the series suffix (for histogram_quantile over buckets). */
function observedUnit(name: string): ChartUnit | null {
  const bare = name.replace(SERIES_SUFFIX, '');
  for (const [re, unit] of BASE_SUFFIXES) if (re.test(bare)) return unit;
  return null;
}

const perSecond = (base: ChartUnit | null): ChartUnit => (base === 's' ? 'ratio' : base === 'bytes' ? 'bytes/s' : '/s');

const RATE_FNS = new Set(['rate', 'irate', 'deriv']);
const SAME_UNIT_FNS = new Set([
  'abs', 'ceil', 'floor', 'round', 'clamp', 'clamp_max', 'clamp_min', 'sort', 'sort_desc', 'last_over_time', 'avg_over_time', 'max_over_time',
  'min_over_time', 'quantile_over_time', 'sum_over_time', 'delta', 'idelta', 'increase', 'predict_linear', 'label_replace', 'label_join', 'sgn',
]);
const COUNT_FNS = new Set(['count_over_time', 'changes', 'resets', 'absent', 'absent_over_time', 'present_over_time']);

const text = (q: string, n: SyntaxNode) => q.slice(n.from, n.to);
const exprChildren = (n: SyntaxNode): SyntaxNode[] => {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (!['FunctionIdentifier', 'AggregateOp', 'AggregateModifier', 'BoolModifier', 'MatchingModifierClause', '(', ')', ','].includes(c.name) && !/^(Add|Sub|Mul|Div|Mod|Pow|Eql|Neq|Lte|Lss|Gte|Gtr|And|Or|Unless|Atan2)$/.test(c.name)) out.push(c);
  return out;
};

function firstMetricName(q: string, n: SyntaxNode | null): string | null {
  if (!n) return null;
  if (n.name === 'VectorSelector') {
    const id = n.getChild('Identifier');
    return id ? text(q, id) : null;
  }
  for (let c = n.firstChild; c; c = c.nextSibling) {
    const name = firstMetricName(q, c);
    if (name) return name;
  }
  return null;
}

/** The bucket metric's own unit (the rate() around the buckets does not change the quantile's unit). */
function firstMetricUnit(q: string, n: SyntaxNode | null): ChartUnit | null {
  const name = firstMetricName(q, n);
  return name ? observedUnit(name) : null;
}

function infer(q: string, n: SyntaxNode | null): Inferred {
  if (!n) return null;
  switch (n.name) {
    case 'PromQL':
    case 'ParenExpr':
    case 'FunctionCallBody':
    case 'SubqueryExpr':
    case 'OffsetExpr':
    case 'StepInvariantExpr':
      return infer(q, exprChildren(n)[0] ?? null);
    case 'NumberDurationLiteral':
    case 'NumberLiteral':
      return { number: Number(text(q, n)) };
    case 'VectorSelector':
    case 'MatrixSelector': {
      const sel = n.name === 'MatrixSelector' ? n.getChild('VectorSelector') : n;
      const id = sel?.getChild('Identifier');
      const nameMatcher = /__name__\s*=\s*"([^"]+)"/.exec(sel ? text(q, sel) : '');
      const name = id ? text(q, id) : nameMatcher?.[1];
      return { unit: name ? metricBaseUnit(name) : null };
    }
    case 'AggregateExpr': {
      const op = text(q, n.getChild('AggregateOp') ?? n).toLowerCase();
      if (op === 'count' || op === 'count_values') return { unit: 'count' };
      const body = n.getChild('FunctionCallBody');
      const args = body ? exprChildren(body) : [];
      return infer(q, args[args.length - 1] ?? null);
    }
    case 'FunctionCall': {
      const fn = text(q, n.getChild('FunctionIdentifier') ?? n);
      const body = n.getChild('FunctionCallBody');
      const args = body ? exprChildren(body) : [];
      const unitOf = (i: number) => {
        const r = infer(q, args[i] ?? null);
        return r && 'unit' in r ? r.unit : null;
      };
      if (RATE_FNS.has(fn)) return { unit: perSecond(unitOf(0)) };
      if (fn === 'histogram_quantile') return { unit: firstMetricUnit(q, args[1] ?? null) };
      if (COUNT_FNS.has(fn)) return { unit: 'count' };
      if (SAME_UNIT_FNS.has(fn)) return { unit: unitOf(0) };
      return { unit: null };
    }
    case 'BinaryExpr': {
      const [lNode, rNode] = exprChildren(n);
      const op = n.getChild('Div') ? '/' : n.getChild('Mul') ? '*' : n.getChild('Add') || n.getChild('Sub') ? '+' : 'other';
      const l = infer(q, lNode ?? null);
      const r = infer(q, rNode ?? null);
      if (l && 'number' in l && r && 'number' in r) return { number: NaN };
      if (op === '/') {
        if (r && 'number' in r) return l;
        // x_sum / x_count (each maybe rated): the mean observation, in x's unit.
        const [ln, rn] = [firstMetricName(q, lNode ?? null), firstMetricName(q, rNode ?? null)];
        if (ln?.endsWith('_sum') && rn === `${ln.slice(0, -4)}_count`) return { unit: observedUnit(ln) };
        if (l && 'unit' in l && r && 'unit' in r && l.unit === r.unit) return { unit: l.hundred ? '%' : 'ratio' };
        return { unit: null };
      }
      if (op === '*') {
        const [num, other] = l && 'number' in l ? [l.number, r] : r && 'number' in r ? [r.number, l] : [null, null];
        if (num === null || !other || !('unit' in other)) return { unit: null };
        if (num === 100 && other.unit === 'ratio') return { unit: '%' };
        return num === 100 ? { ...other, hundred: true } : other;
      }
      if (op === '+') return l && 'unit' in l ? l : r;
      return l && 'unit' in l ? l : { unit: null };
    }
    default:
      return { unit: null };
  }
}

/** The unit of a PromQL or LogQL-metric expression's result, or undefined when not known. */
export function inferQueryUnit(query: string): ChartUnit | undefined {
  const tree = parser.parse(query);
  const r = infer(query, tree.topNode);
  return r && 'unit' in r && r.unit ? r.unit : undefined;
}

/** One unit for several queries on one chart: theirs when they agree. */
export function commonUnit(units: readonly (ChartUnit | undefined)[]): ChartUnit | undefined {
  const set = new Set(units);
  return set.size === 1 ? units[0] : undefined;
}

/**
 * The unit of a LogQL metric query from its outermost range function: rate → lines/s,
 * bytes_rate → bytes/s, bytes_over_time → bytes, count_over_time → a count. A division
 * or an unwrap (values of the lines' own fields) has no unit we can know.
 */
export function inferLogqlUnit(query: string): ChartUnit | undefined {
  if (/\bunwrap\b/.test(query) || /\)\s*\/\s*\w*\s*\(/.test(query)) return undefined;
  if (/\bbytes_rate\s*\(/.test(query)) return 'bytes/s';
  if (/\bbytes_over_time\s*\(/.test(query)) return 'bytes';
  if (/\brate(_counter)?\s*\(/.test(query)) return '/s';
  if (/\bcount_over_time\s*\(/.test(query)) return 'count';
  return undefined;
}
