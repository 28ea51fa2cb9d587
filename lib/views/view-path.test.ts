import { describe, expect, it } from 'vitest';
import { TimeRangeError } from '../time/range';
import { hasRelativeRange, parseViewPath, pinViewPath, ViewPathError } from './view-path';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const q = (path: string) => new URL(path, 'http://x').searchParams;

describe('parseViewPath', () => {
  it('accepts each view kind and normalizes the query string', () => {
    expect(parseViewPath('/trace/4bf92f3577b34da6a3ce929d0e0e4736?from=now-1h#x').path).toBe('/trace/4bf92f3577b34da6a3ce929d0e0e4736?from=now-1h');
    expect(parseViewPath('/explore?query=up').kind).toBe('explore');
    expect(parseViewPath('/anomalies').kind).toBe('anomalies');
    expect(parseViewPath('/?from=now-6h').kind).toBe('overview');
  });

  it('refuses paths that would leave the site or are not views', () => {
    for (const bad of ['https://evil.example/trace/x', '//evil.example/trace/x', '/\\evil.example', 'trace/abc', '', '/views', '/api/v1/views', '/s/abc']) {
      expect(() => parseViewPath(bad), bad).toThrow(ViewPathError);
    }
    expect(() => parseViewPath(`/explore?query=${'x'.repeat(5000)}`)).toThrow(/longer than/);
  });
});

describe('pinViewPath ("share as of now")', () => {
  it('turns relative from/to into the absolute times they mean now, keeping other parameters', () => {
    const pinned = pinViewPath('/anomalies?from=now-6h&to=now&kind=gc_storm', NOW);
    expect(q(pinned).get('from')).toBe('2026-11-23T06:00:00.000Z');
    expect(q(pinned).get('to')).toBe('2026-11-23T12:00:00.000Z');
    expect(q(pinned).get('kind')).toBe('gc_storm');
    expect(pinned.startsWith('/anomalies?')).toBe(true);
  });

  it('pins the default last hour when a range view has no range', () => {
    const pinned = pinViewPath('/explore?query=up', NOW);
    expect(q(pinned).get('from')).toBe('2026-11-23T11:00:00.000Z');
    expect(q(pinned).get('to')).toBe('2026-11-23T12:00:00.000Z');
  });

  it('leaves absolute times and a trace view without a range untouched', () => {
    expect(pinViewPath('/anomalies?from=2026-11-20T00:00:00Z&to=1763683200', NOW)).toBe('/anomalies?from=2026-11-20T00%3A00%3A00Z&to=1763683200');
    expect(pinViewPath('/trace/abc?span=01', NOW)).toBe('/trace/abc?span=01');
    expect(q(pinViewPath('/trace/abc?from=now-15m', NOW)).get('from')).toBe('2026-11-23T11:45:00.000Z');
  });

  it('is idempotent: a pinned path no longer moves with the clock', () => {
    const pinned = pinViewPath('/?from=now-2d', NOW);
    expect(hasRelativeRange('/?from=now-2d')).toBe(true);
    expect(hasRelativeRange(pinned)).toBe(false);
    expect(pinViewPath(pinned, NOW + 86_400_000)).toBe(pinned);
  });

  it('rejects an unparseable time', () => {
    expect(() => pinViewPath('/anomalies?from=yesterday', NOW)).toThrow(TimeRangeError);
  });
});
