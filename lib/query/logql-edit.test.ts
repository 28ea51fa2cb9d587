import { describe, expect, it } from 'vitest';
import { caseInsensitiveVariant, quoteLogQL, streamSelector, volumeQuery, withLabelFilter, withLineFilter } from './logql-edit';

describe('quoteLogQL', () => {
  it('escapes quotes, backslashes and control characters', () => {
    expect(quoteLogQL('a"b\\c\nd\u0001')).toBe('"a\\"b\\\\c\\nd\\u0001"');
  });
});

describe('streamSelector', () => {
  it('builds the exact selector of a stream, labels sorted', () => {
    expect(streamSelector({ service_name: 'api', job: 'a"b' })).toBe('{job="a\\"b", service_name="api"}');
  });
});

describe('filters from a log row', () => {
  it('adds a label filter, or a line filter for a key LogQL cannot name', () => {
    expect(withLabelFilter('{job="a"} |= "x" ', 'level', 'error')).toBe('{job="a"} |= "x" | level="error"');
    expect(withLabelFilter('{job="a"}', 'level', 'debug', true)).toBe('{job="a"} | level!="debug"');
    expect(withLabelFilter('{job="a"}', 'http.path', '/x')).toBe('{job="a"} |= "/x"');
    expect(withLineFilter('{job="a"}', 'timeout', true)).toBe('{job="a"} != "timeout"');
  });
});

describe('volumeQuery', () => {
  it('counts lines per level label per step', () => {
    expect(volumeQuery('{job="a"} |= "x"', 60)).toBe('sum by (level, severity, detected_level, severity_text) (count_over_time({job="a"} |= "x" [60s]))');
  });
});

describe('caseInsensitiveVariant', () => {
  it('turns contains-filters with letters into case-insensitive regex filters', () => {
    expect(caseInsensitiveVariant('{job="a"} |= "error"')).toBe('{job="a"} |~ "(?i)error"');
    expect(caseInsensitiveVariant('{job="a"} |= `time out (x)` != "y"')).toBe('{job="a"} |~ "(?i)time out \\\\(x\\\\)" != "y"');
  });
  it('is null when no filter could differ by case', () => {
    expect(caseInsensitiveVariant('{job="a"} |= "404"')).toBeNull();
    expect(caseInsensitiveVariant('{job="a"}')).toBeNull();
  });
});
