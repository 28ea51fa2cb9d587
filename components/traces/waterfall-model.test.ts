import { describe, expect, it } from 'vitest';
import { ancestorIds, collapseBelow, formatIdList, indexTrace, parseIdList, visibleRows } from './waterfall-model';
import { apiSpan } from './test-spans';

// root ─┬─ a ── a1
//       └─ b
// orphan o (parent "gone") ── o1
const spans = [
  apiSpan('root', null, { startUs: 0, durationMs: 10 }),
  apiSpan('a', 'root', { startUs: 1000 }),
  apiSpan('a1', 'a', { startUs: 2000 }),
  apiSpan('b', 'root', { startUs: 3000 }),
  apiSpan('o', 'gone', { startUs: 5000, durationMs: 20 }),
  apiSpan('o1', 'o', { startUs: 6000 }),
];
const ids = (rows: ReturnType<typeof visibleRows>) => rows.map((r) => `${r.kind === 'logs' ? 'logs:' : ''}${spans[r.index].spanId}@${r.depth}`);

describe('indexTrace', () => {
  it('treats spans whose parent is not in the trace as extra roots', () => {
    const idx = indexTrace({ spans });
    expect(idx.roots.map((i) => spans[i].spanId)).toEqual(['root', 'o']);
  });

  it('counts the descendants each span would hide when collapsed', () => {
    const idx = indexTrace({ spans });
    expect(Array.from(idx.descendants)).toEqual([3, 1, 0, 0, 1, 0]);
  });

  it('spans the window from the first start to the last end', () => {
    const idx = indexTrace({ spans });
    expect(idx.startUs).toBe(0);
    expect(idx.endUs).toBe(25_000);
  });

  it('never drops spans caught in a parent cycle', () => {
    const cyc = [apiSpan('x', 'y'), apiSpan('y', 'x')];
    const idx = indexTrace({ spans: cyc });
    const rows = visibleRows(idx, new Set());
    expect(rows.map((r) => cyc[r.index].spanId).sort()).toEqual(['x', 'y']);
  });

  it('keeps duplicate span ids as separate rows', () => {
    const dup = [apiSpan('r', null), apiSpan('d', 'r'), apiSpan('d', 'r')];
    expect(visibleRows(indexTrace({ spans: dup }), new Set())).toHaveLength(3);
  });
});

describe('visibleRows', () => {
  it('lists every span depth-first with its depth when nothing is collapsed', () => {
    expect(ids(visibleRows(indexTrace({ spans }), new Set()))).toEqual(['root@0', 'a@1', 'a1@2', 'b@1', 'o@0', 'o1@1']);
  });

  it('hides the subtree of a collapsed span but keeps the span itself', () => {
    const rows = visibleRows(indexTrace({ spans }), new Set(['a', 'o']));
    expect(ids(rows)).toEqual(['root@0', 'a@1', 'b@1', 'o@0']);
    expect(rows[1]).toMatchObject({ kind: 'span', collapsed: true, hasChildren: true });
  });

  it('ignores collapse of a leaf (nothing to hide)', () => {
    const rows = visibleRows(indexTrace({ spans }), new Set(['b']));
    expect(rows.find((r) => spans[r.index].spanId === 'b')).toMatchObject({ collapsed: false, hasChildren: false });
  });

  it('adds an inline-logs row right under a span with joined logs', () => {
    const rows = visibleRows(indexTrace({ spans }), new Set(), new Map([['a', 4]]));
    expect(ids(rows).slice(0, 4)).toEqual(['root@0', 'a@1', 'logs:a@1', 'a1@2']);
    expect(rows[2]).toMatchObject({ kind: 'logs', count: 4 });
  });

  it('flattens a 50,000-span chain without recursion', () => {
    const chain = Array.from({ length: 50_000 }, (_, i) => apiSpan(`s${i}`, i === 0 ? null : `s${i - 1}`));
    const rows = visibleRows(indexTrace({ spans: chain }), new Set());
    expect(rows).toHaveLength(50_000);
    expect(rows[49_999].depth).toBe(49_999);
  });
});

describe('collapse helpers', () => {
  it('collapseBelow lists the spans with children at the given depth', () => {
    expect(collapseBelow(indexTrace({ spans }), 1)).toEqual(['a']);
    expect(collapseBelow(indexTrace({ spans }), 0).sort()).toEqual(['o', 'root']);
  });

  it('ancestorIds walks up to the root', () => {
    expect(ancestorIds(indexTrace({ spans }), 2)).toEqual(['a', 'root']);
  });

  it('round-trips the collapsed URL parameter', () => {
    expect([...parseIdList(' a, b,,c ')]).toEqual(['a', 'b', 'c']);
    expect(formatIdList(new Set(['a', 'b']))).toBe('a,b');
    expect(formatIdList([])).toBeNull();
  });
});
