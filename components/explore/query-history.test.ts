import { describe, expect, it } from 'vitest';
import { HISTORY_MAX, addToHistory, loadHistory, parseHistory, saveHistory, searchHistory } from './query-history';

describe('query history', () => {
  it('puts the newest first and moves a repeated query to the top instead of duplicating it', () => {
    let h = addToHistory([], 'promql', 'up', 1);
    h = addToHistory(h, 'promql', 'rate(x[5m])', 2);
    h = addToHistory(h, 'promql', ' up ', 3);
    expect(h.map((e) => [e.query, e.atMs])).toEqual([['up', 3], ['rate(x[5m])', 2]]);
  });
  it('keeps the last 50 per kind without dropping the other kind', () => {
    let h = addToHistory([], 'logql', '{a="b"}', 0);
    for (let i = 1; i <= 60; i++) h = addToHistory(h, 'promql', `q${i}`, i);
    expect(h.filter((e) => e.kind === 'promql')).toHaveLength(HISTORY_MAX);
    expect(h.filter((e) => e.kind === 'promql')[0].query).toBe('q60');
    expect(h.some((e) => e.kind === 'logql')).toBe(true);
  });
  it('keeps Lucene queries (an Elasticsearch logs source) apart from LogQL, and reads them back', () => {
    const h = addToHistory(addToHistory([], 'logql', '{a="b"}', 1), 'lucene', 'service.name:checkout', 2);
    expect(searchHistory(h, 'lucene', '').map((e) => e.query)).toEqual(['service.name:checkout']);
    expect(searchHistory(h, 'logql', '').map((e) => e.query)).toEqual(['{a="b"}']);
    expect(parseHistory(JSON.stringify(h))).toEqual(h);
  });
  it('ignores blank queries', () => {
    expect(addToHistory([], 'promql', '   ', 1)).toEqual([]);
  });
  it('searches one kind by every word, case-insensitively', () => {
    const h = [
      { kind: 'promql' as const, query: 'sum(rate(HTTP_requests_total[5m]))', atMs: 1 },
      { kind: 'promql' as const, query: 'up', atMs: 2 },
      { kind: 'logql' as const, query: '{job="http"}', atMs: 3 },
    ];
    expect(searchHistory(h, 'promql', 'http rate').map((e) => e.query)).toEqual(['sum(rate(HTTP_requests_total[5m]))']);
    expect(searchHistory(h, 'logql', '')).toHaveLength(1);
  });
  it('reads damaged or foreign storage as empty and survives a storage that throws', () => {
    expect(parseHistory('not json')).toEqual([]);
    expect(parseHistory('[{"kind":"sql","query":"x","atMs":1}]')).toEqual([]);
    const throwing = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new Error('full'); } };
    expect(loadHistory(throwing)).toEqual([]);
    expect(() => saveHistory(throwing, [])).not.toThrow();
    const mem = new Map<string, string>();
    const store = { getItem: (k: string) => mem.get(k) ?? null, setItem: (k: string, v: string) => void mem.set(k, v) };
    saveHistory(store, addToHistory([], 'logql', '{a="b"}', 5));
    expect(loadHistory(store)).toEqual([{ kind: 'logql', query: '{a="b"}', atMs: 5 }]);
  });
});
