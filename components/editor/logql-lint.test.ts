import { describe, expect, it } from 'vitest';
import { logqlSyntaxErrors } from './logql-lint';

describe('logqlSyntaxErrors', () => {
  it('accepts valid log and metric queries', () => {
    expect(logqlSyntaxErrors('{app="checkout"} |= "error" | json | level="error"')).toEqual([]);
    expect(logqlSyntaxErrors('sum by (level) (count_over_time({app="a"}[5m]))')).toEqual([]);
    expect(logqlSyntaxErrors('')).toEqual([]);
  });
  it('reports an unterminated selector as incomplete, at the end of the text', () => {
    const text = '{app="checkout"';
    const problems = logqlSyntaxErrors(text);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/Incomplete query/);
    expect(problems[0].to).toBeLessThanOrEqual(text.length);
  });
  it('points at a stray token inside the query', () => {
    const text = '{app="a"} |= "x" ))) | json';
    const problems = logqlSyntaxErrors(text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0].from).toBeGreaterThanOrEqual(text.indexOf(')'));
    expect(problems[0].message).toMatch(/Syntax error near/);
  });
});
