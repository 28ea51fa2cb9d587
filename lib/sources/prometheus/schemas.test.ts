import { describe, expect, it } from 'vitest';
import { envelopeSchema, queryDataSchema, sampleListProblem } from './schemas';

const matrix = (values: unknown) => ({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { job: 'a' }, values }] } });

describe('matrix samples validation', () => {
  it('accepts [timestamp, "value"] pairs and passes them through unchanged', () => {
    const values = [[1_700_000_000.5, '1'], [1_700_000_015, 'NaN']];
    const r = envelopeSchema(queryDataSchema).safeParse(matrix(values));
    expect(r.success).toBe(true);
    expect(r.success && r.data.data?.resultType === 'matrix' && r.data.data.result[0].values).toEqual(values);
  });

  it('rejects a wrong pair with its index, what was found, and the path', () => {
    for (const bad of [[[1, '1'], ['x', 1]], [[1, '1', 'extra']], [[1]], [null], 'nope', [[Number.NaN, '1']]]) {
      const r = envelopeSchema(queryDataSchema).safeParse(matrix(bad));
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues[0].path.join('.')).toBe('data.result.0.values');
    }
    expect(sampleListProblem([[1, '1'], ['x', 1]])).toBe('sample 1: expected [timestamp (number), value (string)], got [string, number]');
    expect(sampleListProblem({})).toBe('expected an array of [timestamp, "value"] pairs, got object');
    expect(sampleListProblem([])).toBeNull();
  });
});
