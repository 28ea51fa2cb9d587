import { describe, expect, it } from 'vitest';
import { findingLinks, isAppPath, linksAwayFrom } from './links';

const range = { from: '2026-03-02T14:00:00.000Z', to: '2026-03-02T15:00:00.000Z' };

describe('findingLinks', () => {
  it('gives trace links the checked range', () => {
    const [link] = findingLinks({ links: [{ label: 'Open trace', href: '/trace/abc123' }] }, range);
    expect(link.kind).toBe('trace');
    const url = new URL(link.href, 'http://x');
    expect(url.pathname).toBe('/trace/abc123');
    expect(url.searchParams.get('from')).toBe(range.from);
    expect(url.searchParams.get('to')).toBe(range.to);
  });

  it('keeps the query and range an explore link already has', () => {
    const href = '/explore?query=rate%28x%7Bjob%3D%22a%22%7D%5B5m%5D%29&from=2026-03-02T13%3A00%3A00.000Z&to=2026-03-02T13%3A30%3A00.000Z';
    const [link] = findingLinks({ links: [{ label: 'rate() panel', href }] }, range);
    expect(link.kind).toBe('explore');
    const url = new URL(link.href, 'http://x');
    expect(url.searchParams.get('query')).toBe('rate(x{job="a"}[5m])');
    expect(url.searchParams.get('from')).toBe('2026-03-02T13:00:00.000Z');
    expect(url.searchParams.get('to')).toBe('2026-03-02T13:30:00.000Z');
  });

  it('drops links that leave the app', () => {
    const links = findingLinks(
      { links: [{ label: 'a', href: 'https://evil.example/' }, { label: 'b', href: '//evil.example/x' }, { label: 'c', href: '/\\evil.example' }, { label: 'd', href: 'javascript:alert(1)' }] },
      range,
    );
    expect(links).toEqual([]);
  });

  it('leaves other app links untouched and works without a range', () => {
    expect(findingLinks({ links: [{ label: 'v', href: '/views?x=1' }, { label: 't', href: '/trace/ab' }] }, null)).toEqual([
      { label: 'v', href: '/views?x=1', kind: 'other' },
      { label: 't', href: '/trace/ab', kind: 'trace' },
    ]);
  });
});

describe('finding links in a view that follows the clock', () => {
  it('carry "last 1 hour" instead of the absolute times the scan resolved', () => {
    const live = { ...range, link: { from: 'now-1h', to: 'now', relative: true } };
    const links = findingLinks({ links: [{ label: 'Open trace', href: '/trace/abc123' }, { label: 'rate() panel', href: '/explore?query=up&from=2026-03-02T13%3A00%3A00.000Z&to=2026-03-02T13%3A30%3A00.000Z' }] }, live);
    for (const l of links) {
      const url = new URL(l.href, 'http://x');
      expect([url.searchParams.get('from'), url.searchParams.get('to')]).toEqual(['now-1h', 'now']);
    }
    expect(new URL(links[1].href, 'http://x').searchParams.get('query')).toBe('up');
  });
});

describe('isAppPath', () => {
  it('accepts only same-origin paths', () => {
    expect(isAppPath('/explore')).toBe(true);
    expect(isAppPath('explore')).toBe(false);
    expect(isAppPath('/\nfoo')).toBe(false);
  });
});

describe('linksAwayFrom', () => {
  it('drops the link to the trace page being shown and keeps links to other traces and pages', () => {
    const links = findingLinks(
      {
        links: [
          { label: 'Open trace', href: '/trace/4bf92f3577b34da6a3ce929d0e0e4736?from=a' },
          { label: 'Other trace', href: '/trace/00000000000000000000000000000abc' },
          { label: 'Explore', href: '/explore?query=up' },
        ],
      },
      null,
    );
    expect(linksAwayFrom(links, '4bf92f3577b34da6a3ce929d0e0e4736').map((l) => l.label)).toEqual(['Other trace', 'Explore']);
  });
});
