import { describe, expect, it } from 'vitest';
import { cutSeriesText } from './series-cap';

const series = (i: number, labels: Record<string, string> = {}) => ({ metric: { __name__: 'up', instance: `h${i}`, ...labels }, values: [[1, String(i)]] });
const answer = (n: number, extra: object = {}) => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: Array.from({ length: n }, (_, i) => series(i)) }, ...extra });

describe('cutting a Prometheus answer to its first series before parsing', () => {
  it('keeps exactly the first `limit` series, as valid JSON, and leaves answers within the limit alone', () => {
    const text = answer(1_000, { warnings: ['w'] });
    const cut = JSON.parse(cutSeriesText(text, 10));
    expect(cut.data.result).toEqual(Array.from({ length: 10 }, (_, i) => series(i)));
    expect(cut.status).toBe('success');
    expect(cutSeriesText(answer(10), 10)).toBe(answer(10));
    expect(cutSeriesText(text, 0)).toBe(text);
  });
  it('is not fooled by label values that look like series, or by a label named metric', () => {
    const tricky = JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [series(0, { msg: '{"metric":{"x":"y"}}' }), series(1, { metric: 'm' }), series(2)] } });
    expect(JSON.parse(cutSeriesText(tricky, 2)).data.result).toEqual(JSON.parse(tricky).data.result.slice(0, 2));
  });
  it('leaves layouts it does not know whole (the parsed result is cut instead)', () => {
    const reordered = JSON.stringify({ data: { result: [series(0), series(1)], resultType: 'matrix' }, status: 'success' });
    expect(cutSeriesText(reordered, 1)).toBe(reordered);
    const valuesFirst = JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [0, 1, 2].map((i) => ({ values: [], metric: { i: String(i) } })) } });
    expect(cutSeriesText(valuesFirst, 1)).toBe(valuesFirst);
  });
});
