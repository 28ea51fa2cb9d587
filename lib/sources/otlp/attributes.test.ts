import { describe, expect, it } from 'vitest';
import { MAX_ATTRIBUTE_CHARS, MAX_ATTRIBUTE_DEPTH, normalizeResourceSpans } from './normalize';
import type { ResourceSpans } from './schemas';

/** One span whose attribute `nested` is the given OTLP AnyValue. */
function spanWith(value: unknown): ResourceSpans[] {
  return [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] },
      scopeSpans: [{ spans: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', name: 'op', startTimeUnixNano: '1700000000000000000', endTimeUnixNano: '1700000000100000000', attributes: [{ key: 'nested', value }] }] }],
    },
  ] as unknown as ResourceSpans[];
}

const tag = (value: unknown) => normalizeResourceSpans(spanWith(value))[0].spans[0].tags.nested;

function deep(levels: number): unknown {
  let v: unknown = { stringValue: 'x"y' };
  for (let i = 0; i < levels; i++) v = i % 2 ? { arrayValue: { values: [v, { stringValue: 'q' }] } } : { kvlistValue: { values: [{ key: 'k', value: v }] } };
  return v;
}

describe('OTLP nested attributes', () => {
  it('a 22-deep value stays small (it grew to 12.5 MB when stringified per level)', () => {
    const t = String(tag(deep(22)));
    expect(t.length).toBeLessThan(300);
    expect(() => JSON.parse(t)).not.toThrow();
    expect(t).toContain('…');
  });
  it('shallow values keep their structure as one JSON text, not JSON inside JSON', () => {
    expect(tag({ arrayValue: { values: [{ stringValue: 'a' }, { intValue: '7' }, { arrayValue: { values: [{ boolValue: true }] } }] } })).toBe('["a",7,[true]]');
    expect(JSON.parse(String(tag(deep(MAX_ATTRIBUTE_DEPTH - 1))))).toBeTruthy();
  });
  it('a wide value is cut at the length cap', () => {
    const wide = { arrayValue: { values: Array.from({ length: 5_000 }, () => ({ stringValue: 'z'.repeat(100) })) } };
    expect(String(tag(wide)).length).toBeLessThanOrEqual(MAX_ATTRIBUTE_CHARS + 1);
  });
});
