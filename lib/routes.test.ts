import { describe, expect, it } from 'vitest';
import { anomaliesHref, anomaliesPath, exploreHref, linkRange, rangeParams, sharePath, shareUrl, snapshotPagePath, traceHref, traceIdOfPath, tracePath, withLinkRange } from './routes';

describe('links to the app pages', () => {
  it('encodes a trace id that is not plain hex, so it stays one path segment', () => {
    expect(tracePath('ab/../x?y')).toBe('/trace/ab%2F..%2Fx%3Fy');
    expect(tracePath('4bf92f35', new URLSearchParams({ from: 'now-1h', span: '00f0' }))).toBe('/trace/4bf92f35?from=now-1h&span=00f0');
    expect(tracePath('4bf92f35', '')).toBe('/trace/4bf92f35');
  });

  it('opens a trace link from an event in a window around it', () => {
    const at = Date.parse('2026-12-04T12:00:00Z');
    expect(traceHref('abc', 'def', at)).toBe('/trace/abc?span=def&from=2026-12-04T11%3A45%3A00.000Z&to=2026-12-04T12%3A15%3A00.000Z');
    expect(traceHref('abc')).toBe('/trace/abc');
  });

  it('keeps only the range of a view, and adds filters for the anomalies page', () => {
    const view = new URLSearchParams({ from: 'now-6h', to: '', query: 'up' });
    expect(rangeParams(view).toString()).toBe('from=now-6h');
    expect(anomaliesHref(view, { service: 'a b', kind: 'gc_storm', open: 'id1' })).toBe('/anomalies?from=now-6h&service=a+b&kind=gc_storm&open=id1');
    expect(anomaliesHref(new URLSearchParams(), {})).toBe('/anomalies');
    expect(anomaliesPath(0, 60_000)).toBe('/anomalies?from=1970-01-01T00%3A00%3A00.000Z&to=1970-01-01T00%3A01%3A00.000Z');
  });

  it('puts a PromQL query into an explore link', () => {
    expect(exploreHref('rate(x{a="b"}[5m])', 0, 1000)).toBe('/explore?query=rate%28x%7Ba%3D%22b%22%7D%5B5m%5D%29&from=1970-01-01T00%3A00%3A00.000Z&to=1970-01-01T00%3A00%3A01.000Z');
  });

  it('builds share links on the public URL without doubling slashes', () => {
    expect(sharePath('tok_-1')).toBe('/s/tok_-1');
    expect(shareUrl('https://t.example/base//', 'tok')).toBe('https://t.example/base/s/tok');
    expect(snapshotPagePath('tok')).toBe('/s/tok/view');
  });
});

describe('links keep a relative range (issue 16)', () => {
  const checked = { from: '2026-12-04T10:54:50.000Z', to: '2026-12-04T11:54:50.000Z' };

  it("carries the view's own range while it follows the clock, else the checked one", () => {
    expect(linkRange(new URLSearchParams('from=now-1h&to=now'), checked)).toEqual({ from: 'now-1h', to: 'now', relative: true });
    expect(linkRange(new URLSearchParams(''), checked)).toEqual({ from: 'now-1h', to: 'now', relative: true });
    expect(linkRange(new URLSearchParams('from=now-6h&to=now-1h'), null)).toEqual({ from: 'now-6h', to: 'now-1h', relative: true });
    expect(linkRange(new URLSearchParams(`from=${checked.from}&to=${checked.to}`), checked)).toEqual({ ...checked, relative: false });
    expect(linkRange(new URLSearchParams('from=2026-12-04T10:00:00Z&to=now'), checked)).toEqual({ ...checked, relative: false });
    expect(linkRange(new URLSearchParams('from=2026-12-04T10:00:00Z'), null)).toBeNull();
  });

  it('lets a relative range replace the link\'s window, and an absolute one only fill a missing one', () => {
    const explore = '/explore?query=up&from=2026-12-04T11%3A00%3A00.000Z&to=2026-12-04T11%3A30%3A00.000Z';
    const live = new URL(withLinkRange(explore, { from: 'now-1h', to: 'now', relative: true }), 'http://x');
    expect([live.searchParams.get('query'), live.searchParams.get('from'), live.searchParams.get('to')]).toEqual(['up', 'now-1h', 'now']);
    const fixed = new URL(withLinkRange(explore, { ...checked, relative: false }), 'http://x');
    expect(fixed.searchParams.get('from')).toBe('2026-12-04T11:00:00.000Z');
    expect(withLinkRange('/trace/ab', { ...checked, relative: false })).toBe(`/trace/ab?from=${encodeURIComponent(checked.from)}&to=${encodeURIComponent(checked.to)}`);
    expect(withLinkRange('/trace/ab?span=1#x', null)).toBe('/trace/ab?span=1#x');
  });
});

describe('traceIdOfPath', () => {
  it('reads back the id tracePath encoded, and names no trace for other or malformed paths', () => {
    expect(traceIdOfPath(tracePath('ab/../x?y'))).toBe('ab/../x?y');
    expect(traceIdOfPath('/trace/4bf92f35/')).toBe('4bf92f35');
    expect(traceIdOfPath('/trace/%E0%A4%A')).toBeNull();
    expect(traceIdOfPath('/trace/a/b')).toBeNull();
    expect(traceIdOfPath('/explore')).toBeNull();
  });
});
