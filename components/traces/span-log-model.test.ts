import { describe, expect, it } from 'vitest';
import { logContextHref, logMs } from './span-log-model';

const ns = (ms: number) => `${BigInt(ms) * 1_000_000n + 123n}`;
const MS = Date.UTC(2026, 11, 4, 12, 0, 0);

describe('logContextHref', () => {
  it('opens Explore on the stream of the label that named the service, five minutes either side, cursor on the line', () => {
    const href = logContextHref({ tsNs: ns(MS), labels: { app: 'checkout', level: 'error' }, service: 'checkout' })!;
    const q = new URL(href, 'http://x').searchParams;
    expect(href.startsWith('/explore?')).toBe(true);
    expect(q.get('logql')).toBe('{app="checkout"}');
    expect(q.get('from')).toBe(new Date(MS - 300_000).toISOString());
    expect(q.get('to')).toBe(new Date(MS + 300_000).toISOString());
    expect(q.get('cursor')).toBe(String(MS));
  });

  it('escapes a hostile label value instead of letting it change the query', () => {
    const q = new URL(logContextHref({ tsNs: ns(MS), labels: { service_name: 'a"} |= "x' }, service: 'a"} |= "x' })!, 'http://x').searchParams;
    expect(q.get('logql')).toBe('{service_name="a\\"} |= \\"x"}');
  });

  it('gives no link without a service label or a valid time', () => {
    expect(logContextHref({ tsNs: ns(MS), labels: { level: 'info' }, service: null })).toBeNull();
    expect(logContextHref({ tsNs: 'x', labels: { app: 'a' }, service: 'a' })).toBeNull();
    expect(logMs({ tsNs: ns(MS) })).toBe(MS);
  });
});
