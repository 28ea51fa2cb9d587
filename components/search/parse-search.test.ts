import { describe, expect, it } from 'vitest';
import { checkRest, FIRST_CHECKED, parseSearchHead } from './parse-search';

const result = (i: number) => ({
  traceId: i.toString(16).padStart(32, '0'),
  rootService: 'checkout',
  rootOperation: 'GET /cart',
  startMs: 1_780_000_000_000 - i,
  durationMs: 12,
  spanCount: 3,
  errorSpanCount: 0,
  services: [{ name: 'checkout', color: '#0284c7', spanCount: 3, errorCount: 0 }],
  flags: { orphanSpans: 0, roots: 1, clockSkew: 0, hasLogs: null },
  typical: null,
});
const answer = (results: unknown[]) => ({
  searched: 'service checkout',
  range: { fromMs: 0, toMs: 1 },
  apiVersion: 'v1',
  results,
  logsChecked: 0,
  sources: { jaeger: { status: 'ok', ms: 1 }, loki: { status: 'ok', ms: 1 } },
});

describe('staged check of a search answer', () => {
  it('checks the envelope and the first results at once and leaves the rest, in order, for later', async () => {
    const staged = await parseSearchHead(answer(Array.from({ length: 1_500 }, (_, i) => result(i))));
    expect(staged.answer.results).toHaveLength(FIRST_CHECKED);
    expect(staged.rest).toHaveLength(1_500 - FIRST_CHECKED);
    const rest = await checkRest(staged.rest);
    expect([...staged.answer.results, ...rest].map((r) => r.traceId)).toEqual(Array.from({ length: 1_500 }, (_, i) => result(i).traceId));
  });

  it('a small answer is checked whole at once', async () => {
    const staged = await parseSearchHead(answer([result(1), result(2)]));
    expect(staged.answer.results).toHaveLength(2);
    expect(staged.rest).toEqual([]);
  });

  it('refuses a broken envelope or first result at once, and a broken later result naming its position', async () => {
    await expect(parseSearchHead({ ...answer([]), sources: null })).rejects.toThrow();
    await expect(parseSearchHead(answer([{ ...result(0), spanCount: 'many' }]))).rejects.toThrow();
    const staged = await parseSearchHead(answer([...Array.from({ length: FIRST_CHECKED + 300 }, (_, i) => result(i))].map((r, i) => (i === FIRST_CHECKED + 250 ? { ...r, flags: null } : r))));
    await expect(checkRest(staged.rest)).rejects.toThrow(`results.${FIRST_CHECKED + 250}.flags`);
  });
});
