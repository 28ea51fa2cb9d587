import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baselineFromEnv, pairedSummary } from './baseline';

const visits = (rows: number[], idles: number[]) => rows.map((firstRowMs, i) => ({ firstRowMs, idleMs: idles[i] }));

describe('pairedSummary (our build against a baseline, round by round)', () => {
  it('takes medians of the per-round differences and ratios, so a slow round moves both builds alike', () => {
    // Round 3 was slow for both; the medians of each build alone would compare 2,000 against 2,050.
    const s = pairedSummary(
      { root: '/b', commit: 'abc1234' },
      { ours: visits([1_000, 1_900, 4_000, 2_000, 2_100], [1_300, 2_400, 5_000, 2_500, 2_600]), base: visits([1_100, 2_050, 4_400, 2_000, 2_300], [1_500, 2_500, 5_500, 2_600, 2_700]) },
    );
    expect(s.firstRowMs).toBe(2_050);
    expect(s.runsMs).toEqual([1_100, 2_050, 4_400, 2_000, 2_300]);
    expect(s.pairedFirstRowDiffMs).toBe(-150); // −100, −150, −400, 0, −200
    expect(s.pairedFirstRowRatio).toBe(0.91); // 0.909, 0.909, 0.913, 0.927, 1
    expect(s.roundsOursFirstRowFaster).toBe(4);
    expect(s.pairedIdleDiffMs).toBe(-100);
    expect(s.rounds).toBe(5);
  });
});

describe('baselineFromEnv', () => {
  it('is null without BENCH_BASELINE, and says why a checkout without a build cannot serve', () => {
    expect(baselineFromEnv({})).toBeNull();
    const dir = mkdtempSync(path.join(tmpdir(), 'baseline-'));
    expect(baselineFromEnv({ BENCH_BASELINE: dir })).toEqual({ skipped: expect.stringContaining('no .next/BUILD_ID') });
    mkdirSync(path.join(dir, '.next'));
    writeFileSync(path.join(dir, '.next/BUILD_ID'), 'x');
    expect(baselineFromEnv({ BENCH_BASELINE: dir })).toEqual({ skipped: expect.stringContaining('node_modules/.bin/next') });
  });
});
