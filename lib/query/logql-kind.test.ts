import { describe, expect, it } from 'vitest';
import { logqlKind } from './logql-kind';

describe('logqlKind', () => {
  it.each([
    ['{job="a"}', 'log'],
    ['{job="a"} |= "x" | json | level="error"', 'log'],
    ['count_over_time({job="a"}[5m])', 'metric'],
    ['sum by (level) (rate({job="a"} | logfmt [1m])) / 2', 'metric'],
    ['{job="a" | json', 'log'],
  ])('%s is a %s query', (q, kind) => {
    expect(logqlKind(q)).toBe(kind);
  });
});
