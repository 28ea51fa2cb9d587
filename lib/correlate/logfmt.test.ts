import { describe, expect, it } from 'vitest';
import { parseLogfmt } from './logfmt';

describe('parseLogfmt', () => {
  it('reads bare and quoted values with escapes, and bare keys as empty', () => {
    const m = parseLogfmt('level=info msg="say \\"hi\\"\\n" path=/a?b=c debug  dur=3ms');
    expect(Object.fromEntries(m)).toEqual({ level: 'info', msg: 'say "hi"\n', path: '/a?b=c', debug: '', dur: '3ms' });
  });

  it('treats key=value text inside a quoted value as data, and keeps the first of repeated keys', () => {
    const m = parseLogfmt('msg="trace_id=abc" trace_id=def trace_id=ghi');
    expect(m.get('trace_id')).toBe('def');
  });

  it('never throws on malformed input', () => {
    for (const bad of ['"', '=', '==x', 'a="unterminated', 'a=\\', '"x" y=1', 'k="\\u12"']) expect(() => parseLogfmt(bad)).not.toThrow();
    expect(parseLogfmt('"x" y=1').get('y')).toBe('1');
  });
});
