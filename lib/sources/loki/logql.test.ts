import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LogQLBuildError, labelFilter, lineContains, lineContainsAny, logQuery, logqlString, regexEscape, streamSelector, traceIdLineFilter } from './logql';

/** Decodes a Go double-quoted literal the way Loki's lexer does (strutil.Unquote subset we emit). */
function unquote(lit: string): string {
  expect(lit.startsWith('"') && lit.endsWith('"')).toBe(true);
  const body = lit.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') throw new Error(`unescaped quote at ${i} in ${lit}`);
    if (c === '\n' || c === '\r') throw new Error('raw newline inside a literal');
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    if (n === 'n') out += '\n';
    else if (n === 'r') out += '\r';
    else if (n === 't') out += '\t';
    else if (n === '\\' || n === '"') out += n;
    else if (n === 'u') {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else throw new Error(`unknown escape \\${n}`);
  }
  return out;
}

const HOSTILE = ['"} |= "x', 'a\\b', 'back`tick', 'line\nbreak\r\ttab', '\\"', '{job="x"}', '\u0000\u001b[31m', 'ünïcødé 🚀', '\u2028'];

describe('logqlString', () => {
  it('round-trips hostile values exactly and never ends the literal early', () => {
    for (const v of HOSTILE) expect(unquote(logqlString(v))).toBe(v);
  });

  it('round-trips any string without lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (v) => {
        expect(unquote(logqlString(v))).toBe(v);
      }),
    );
  });
});

describe('stream selectors and filters', () => {
  it('builds a selector from a map, escaping values', () => {
    expect(streamSelector({ service_name: 'checkout', env: 'p"rod' })).toBe('{service_name="checkout", env="p\\"rod"}');
  });

  it('keeps an injection attempt inside the value', () => {
    const q = logQuery(streamSelector({ app: 'x"} |= "y' }), lineContains('"} or {a=~".+'));
    expect(q).toBe('{app="x\\"} |= \\"y"} |= "\\"} or {a=~\\".+"');
  });

  it('rejects invalid label names and operators', () => {
    expect(() => streamSelector({ 'service.name': 'x' })).toThrow(LogQLBuildError);
    expect(() => streamSelector({ 'a"}': 'x' })).toThrow(LogQLBuildError);
    expect(() => labelFilter('1abc', '=', 'x')).toThrow(LogQLBuildError);
    expect(() => streamSelector([{ name: 'a', op: '=>' as never, value: 'x' }])).toThrow(LogQLBuildError);
  });

  it('rejects selectors Loki would refuse (no non-empty matcher)', () => {
    expect(() => streamSelector({})).toThrow(LogQLBuildError);
    expect(() => streamSelector([{ name: 'app', op: '=~', value: '.*' }])).toThrow(LogQLBuildError);
    expect(() => streamSelector([{ name: 'app', op: '!=', value: 'x' }])).toThrow(LogQLBuildError);
  });

  it('builds label filters for strings and numbers', () => {
    expect(labelFilter('trace_id', '=', '4bf9"2f')).toBe('| trace_id="4bf9\\"2f"');
    expect(labelFilter('status', '>=', 500)).toBe('| status >= 500');
    expect(() => labelFilter('status', '>', '5 or 1' as unknown as number)).toThrow(LogQLBuildError);
  });

  it('escapes regex metacharacters before string-escaping for |~', () => {
    expect(regexEscape('a.b*c(d)')).toBe('a\\.b\\*c\\(d\\)');
    expect(lineContainsAny(['a.b', 'c|d'], { ignoreCase: true })).toBe('|~ "(?i)(a\\\\.b|c\\\\|d)"');
  });

  it('matches every textual form of a trace id, ignoring case', () => {
    expect(traceIdLineFilter('000000000000000000f067aa0ba902b7')).toBe(
      '|~ "(?i)(000000000000000000f067aa0ba902b7|00f067aa0ba902b7|f067aa0ba902b7)"',
    );
  });
});
