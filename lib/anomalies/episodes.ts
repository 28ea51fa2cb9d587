/**
 * Episodes (a storm, a burst, a spike) on an evaluation grid, gap-proof (docs/anomalies.md,
 * "Episodes and gaps"). A grid point without data is a gap: it neither starts nor ends an
 * episode and never moves a baseline. Targets miss scrapes all the time (a crash, a slow
 * exporter, a backfill seam), so a storm on both sides of a gap is one storm with its
 * true start.
 */
import { mad, median } from './stats';

/** true: the condition holds; false: the data says it does not; null: no data there. */
export type Flag = boolean | null;

export interface Episode {
  first: number;
  last: number;
  /** Nothing after `last` says the condition ended (only gaps follow, or the grid ends). */
  openEnded: boolean;
}

/** Runs of `true` that carry on through gaps and end only at an explicit `false`. */
export function episodesAcrossGaps(flags: readonly Flag[]): Episode[] {
  const out: Episode[] = [];
  let first = -1;
  let last = -1;
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    if (f === true) {
      if (first < 0) first = i;
      last = i;
    } else if (f === false && first >= 0) {
      out.push({ first, last, openEnded: false });
      first = -1;
    }
  }
  if (first >= 0) out.push({ first, last, openEnded: true });
  return out;
}

/** Flag per grid point: NaN (no data) becomes a gap. */
export const flagsOf = (values: readonly number[], test: (v: number, i: number) => boolean): Flag[] =>
  values.map((v, i) => (Number.isFinite(v) ? test(v, i) : null));

export interface Baseline {
  /** The usual level: median of the points outside any candidate episode. */
  level: number;
  /** Spread (MAD) of the same points. */
  spread: number;
}

/**
 * The usual level of a signal, from the points that are not part of an episode. A first
 * pass takes the low quintile as the usual level, marks what stands out from it, and the
 * usual level is then the median of everything else. So a storm that covers most of the
 * window does not become "usual" (a plain median would), as long as the window and its
 * look-back hold a fifth of quiet points.
 */
export function baselineOf(values: readonly number[], standsOut: (v: number, base: Baseline) => boolean): Baseline {
  const known = values.filter(Number.isFinite);
  if (known.length === 0) return { level: NaN, spread: NaN };
  const sorted = Float64Array.from(known).sort();
  const low = sorted[Math.floor((sorted.length - 1) * 0.2)];
  const quiet = known.filter((v) => v <= low);
  const first: Baseline = { level: low, spread: mad(quiet.length > 1 ? quiet : known) };
  const rest = known.filter((v) => !standsOut(v, first));
  if (rest.length < Math.max(3, known.length * 0.2)) return first;
  return { level: median(rest), spread: mad(rest) };
}

/**
 * Whether an open-ended episode is still going on: its last point is within Prometheus'
 * staleness horizon (5 min) of the newest sample the range could hold. A target that went
 * silent longer ago than that stopped reporting; its episode ended with its data.
 */
export const STALENESS_MS = 5 * 60_000;

export const stillGoing = (e: Episode, lastPointMs: number, toMs: number): boolean => e.openEnded && toMs - lastPointMs <= STALENESS_MS;

/**
 * Where an episode really began, from its flags on a scrape grid (series-utils `scrapeGrid`)
 * that ends at the episode's first coarse point: the sample before the earliest scrape step
 * from which the condition held without a break (gaps aside) up to the last step that held.
 * The coarse grid's window lags a sudden start by up to a window; this does not, and it
 * reads only sample times, so every window and every `now` gets the same answer. null when
 * no single step held, or the condition already held at the grid's first point.
 */
export function onsetOnScrapes(times: readonly number[], flags: readonly Flag[]): number | null {
  let i = flags.length - 1;
  while (i >= 0 && flags[i] !== true) i--;
  if (i < 0) return null;
  while (i > 0 && flags[i - 1] !== false) i--;
  while (flags[i] !== true) i++;
  return i > 0 ? times[i - 1] : null;
}

/**
 * Whether the data shows where an episode began: an explicit "condition false" before it.
 * Otherwise it began before the samples read (or only gaps precede it), and its start is
 * wherever the window happened to begin.
 */
export const beganInData = (flags: readonly Flag[], first: number): boolean => first > 0 && flags.lastIndexOf(false, first - 1) >= 0;
