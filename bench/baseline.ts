import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { median, round } from './pipeline';

/**
 * A second build of this app measured in the same browser bench run, visit for visit with
 * ours (docs/bench-trace-page.md, "Against a baseline build"): `BENCH_BASELINE=<checkout>`
 * names a checkout whose `.next` is built. "No worse than before" is then read from paired
 * visits seconds apart, not from two runs minutes apart on a machine whose speed drifts
 * more than the difference being measured.
 */

export interface Baseline {
  root: string;
  /** The checkout's commit, for the report. */
  commit: string | null;
}

/** The baseline named by BENCH_BASELINE, or why it cannot be used; null when none is named. */
export function baselineFromEnv(env: Record<string, string | undefined> = process.env): Baseline | { skipped: string } | null {
  const dir = env.BENCH_BASELINE;
  if (!dir) return null;
  const root = path.resolve(dir);
  if (!existsSync(path.join(root, '.next/BUILD_ID'))) return { skipped: `BENCH_BASELINE=${dir} has no .next/BUILD_ID: build it there first (npm run build)` };
  if (!existsSync(path.join(root, 'node_modules/.bin/next'))) return { skipped: `BENCH_BASELINE=${dir} has no node_modules/.bin/next` };
  const rev = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return { root, commit: rev.status === 0 ? rev.stdout.trim() : null };
}

/** Visits of both builds in run order: ours[i] and base[i] were made in the same round. */
export interface PairedVisits {
  ours: { firstRowMs: number; idleMs: number }[];
  base: { firstRowMs: number; idleMs: number }[];
}

const pairedMedian = (a: number[], b: number[], f: (x: number, y: number) => number) => median(a.map((x, i) => f(x, b[i])));

/** Our figures against the baseline's, round by round: medians of the per-round differences and ratios. */
export function pairedSummary(b: Baseline, v: PairedVisits) {
  const ours = v.ours.map((x) => x.firstRowMs);
  const base = v.base.map((x) => x.firstRowMs);
  const oursIdle = v.ours.map((x) => x.idleMs);
  const baseIdle = v.base.map((x) => x.idleMs);
  return {
    root: b.root,
    commit: b.commit,
    firstRowMs: round(median(base)),
    runsMs: base.map((x) => round(x)),
    idleMs: round(median(baseIdle)),
    idleRunsMs: baseIdle.map((x) => round(x)),
    /** Median of (ours − baseline) over the rounds: negative is faster than the baseline. */
    pairedFirstRowDiffMs: round(pairedMedian(ours, base, (x, y) => x - y)),
    pairedFirstRowRatio: round(pairedMedian(ours, base, (x, y) => x / y), 2),
    roundsOursFirstRowFaster: ours.filter((x, i) => x < base[i]).length,
    pairedIdleDiffMs: round(pairedMedian(oursIdle, baseIdle, (x, y) => x - y)),
    pairedIdleRatio: round(pairedMedian(oursIdle, baseIdle, (x, y) => x / y), 2),
    rounds: ours.length,
  };
}
