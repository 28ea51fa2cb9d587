import { describe, expect, it } from 'vitest';
import { legendModel, toggleVisible, tooltipRows } from './legend';

const s = (labels: Record<string, string>, extra: { name?: string; query?: string; panel?: string; title?: string } = {}) => ({ name: extra.name ?? 'm', labels, ...extra });

describe('legendModel', () => {
  it('drops the labels all series share from each entry and says them once', () => {
    const m = legendModel([s({ job: 'api', instance: 'a:1', __name__: 'm' }), s({ job: 'api', instance: 'b:1', __name__: 'm' })]);
    expect(m.names).toEqual(['instance=a:1', 'instance=b:1']);
    expect(m.shared).toBe('job=api');
  });
  it('names a series without labels after its query, never blank', () => {
    const m = legendModel([s({}, { name: '', query: 'sum(rate(http_requests_total[5m]))' })]);
    expect(m.names).toEqual(['sum(rate(http_requests_total[5m]))']);
    expect(m.shared).toBeNull();
  });
  it('prefixes the query letter when several queries share the chart, and the metric name when names differ', () => {
    const m = legendModel([s({ job: 'a' }, { name: 'x', panel: 'A' }), s({ job: 'a' }, { name: 'y', panel: 'B' })]);
    expect(m.names).toEqual(['A: x', 'B: y']);
    expect(m.shared).toBe('job=a');
  });
  it('keeps a label missing from some series as a difference', () => {
    const m = legendModel([s({ code: '500' }), s({})]);
    expect(m.names).toEqual(['code=500', 'm']);
  });
});

describe('tooltipRows', () => {
  it('sorts by value, drops gaps and bounds the row count', () => {
    const r = tooltipRows([1, null, 5, 3, NaN, 4], ['a', 'b', 'c', 'd', 'e', 'f'], 2);
    expect(r.rows.map((x) => x.name)).toEqual(['c', 'f']);
    expect(r.more).toBe(2);
  });
});

describe('toggleVisible', () => {
  it('isolates on click, restores on a second click, and toggles with a modifier', () => {
    const one = toggleVisible(null, 1, false, 3);
    expect([...one!]).toEqual([1]);
    expect(toggleVisible(one, 1, false, 3)).toBeNull();
    const two = toggleVisible(one, 2, true, 3);
    expect([...two!].sort()).toEqual([1, 2]);
    expect(toggleVisible(two, 0, true, 3)).toBeNull();
    expect([...toggleVisible(null, 0, true, 3)!].sort()).toEqual([1, 2]);
  });
});
