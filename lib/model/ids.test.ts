import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  canonicalSpanId,
  canonicalTraceId,
  decimalToTraceId,
  parseTraceInput,
  parseTraceparent,
  shortTraceId,
  traceIdForms,
} from './ids';

describe('canonicalTraceId', () => {
  it('pads 16-hex Jaeger v1 ids and lowercases', () => {
    expect(canonicalTraceId('A3CE929D0E0E4736')).toBe('0000000000000000a3ce929d0e0e4736');
  });
  it('treats ids with trimmed leading zeros as the same id', () => {
    expect(canonicalTraceId('f067aa0ba902b7')).toBe(canonicalTraceId('00f067aa0ba902b7'));
  });
  it('rejects non-hex, too long, empty and all-zero ids', () => {
    for (const bad of ['xyz', '4bf92f3577b34da6a3ce929d0e0e47361', '', '   ', '0000', 'g'.repeat(16), '12 34']) {
      expect(canonicalTraceId(bad)).toBeNull();
    }
  });
  it('is idempotent and case-insensitive for any 128-bit id', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: (1n << 128n) - 1n }), (n) => {
        const hex = n.toString(16);
        const c = canonicalTraceId(hex)!;
        expect(c).toHaveLength(32);
        expect(canonicalTraceId(c)).toBe(c);
        expect(canonicalTraceId(hex.toUpperCase())).toBe(c);
        expect(canonicalTraceId(shortTraceId(c))).toBe(c);
        for (const form of traceIdForms(c)) expect(canonicalTraceId(form)).toBe(c);
      }),
    );
  });
});

describe('span ids and decimal ids', () => {
  it('pads span ids to 16 hex', () => {
    expect(canonicalSpanId('ABC')).toBe('0000000000000abc');
    expect(canonicalSpanId('0000000000000000')).toBeNull();
    expect(canonicalSpanId('12345678901234567')).toBeNull();
  });
  it('converts Datadog decimal trace ids', () => {
    expect(decimalToTraceId('1311768467294899695')).toBe('000000000000000012345678abcdefef'.replace('12345678abcdefef', (1311768467294899695n).toString(16).padStart(16, '0')));
    expect(decimalToTraceId('18446744073709551616')).toBeNull(); // 2^64 overflows
    expect(decimalToTraceId('0')).toBeNull();
  });
});

describe('traceparent', () => {
  it('parses a valid header and the sampled flag', () => {
    expect(parseTraceparent('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toEqual({
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      sampled: true,
    });
  });
  it('rejects version ff, uppercase and zero ids', () => {
    expect(parseTraceparent('ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01')).toBeNull();
    expect(parseTraceparent('00-0AF7651916CD43DD8448EB211C80319C-b7ad6b7169203331-01')).toBeNull();
    expect(parseTraceparent(`00-${'0'.repeat(32)}-b7ad6b7169203331-01`)).toBeNull();
    expect(parseTraceparent(`00-0af7651916cd43dd8448eb211c80319c-${'0'.repeat(16)}-01`)).toBeNull();
  });
});

describe('parseTraceInput (search box)', () => {
  it('accepts bare ids, traceparent (any case) and uber-trace-id', () => {
    expect(parseTraceInput(' 4BF92F3577B34DA6A3CE929D0E0E4736 ')).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: null });
    expect(parseTraceInput('00-0AF7651916CD43DD8448EB211C80319C-B7AD6B7169203331-01')?.spanId).toBe('b7ad6b7169203331');
    expect(parseTraceInput('5b8aa5a2d2c872e8:5b8aa5a2d2c872e8:0:1')).toEqual({
      traceId: '00000000000000005b8aa5a2d2c872e8',
      spanId: '5b8aa5a2d2c872e8',
    });
  });
  it('rejects garbage', () => {
    expect(parseTraceInput('<script>alert(1)</script>')).toBeNull();
    expect(parseTraceInput('')).toBeNull();
  });
});
