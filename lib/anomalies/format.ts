/** Wording and links shared by the detectors' explanations. */
import type { AnomalyLink } from '../model/anomaly';
import type { Labels } from '../model/types';
import { toRfc3339 } from '../time/range';
import { escapeLabelValue } from '../model/prom-text';

/** 14:02:10 (UTC) — what an on-call engineer compares with a dashboard clock. */
export const clockTime = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** 18,442 / 0.35 / 1.2e-7: readable without hiding small values. */
/** One formatter per digit count: toLocaleString builds a new one on every call, and a scan formats thousands of numbers. */
const formatters = new Map<number, Intl.NumberFormat>();
const formatter = (digits: number): Intl.NumberFormat => {
  let f = formatters.get(digits);
  if (!f) formatters.set(digits, (f = new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })));
  return f;
};

export function num(value: number, digits = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && abs < 10 ** -digits) return value.toExponential(1);
  return formatter(abs >= 100 ? 0 : digits).format(value);
}

export const pct = (fraction: number): string => `${num(fraction * 100, 1)} %`;

export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = Math.round(ms / 1000);
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  return m < 120 ? `${m} min` : `${num(m / 60, 1)} h`;
}

const LEGAL_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LEGAL_LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** `key="value"` equality matchers, sorted, values escaped, `__name__` left out. */
export function labelMatchers(labels: Labels): string[] {
  return Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${LEGAL_LABEL.test(k) ? k : JSON.stringify(k)}="${escapeLabelValue(labels[k])}"`);
}

/** A PromQL selector that matches exactly this series (labels sorted, values escaped). */
export function selector(name: string, labels: Labels): string {
  const pairs = labelMatchers(labels);
  if (LEGAL_NAME.test(name)) return `${name}{${pairs.join(',')}}`;
  return `{${[`"${escapeLabelValue(name)}"`, ...pairs].join(',')}}`;
}

export function exploreLink(label: string, query: string, fromMs: number, toMs: number): AnomalyLink {
  const params = new URLSearchParams({ query, from: toRfc3339(fromMs), to: toRfc3339(toMs) });
  return { label, href: `/explore?${params.toString()}` };
}

export function traceLink(traceId: string, label = 'Open trace'): AnomalyLink {
  return { label, href: `/trace/${encodeURIComponent(traceId)}` };
}

export const plural = (n: number, word: string, many = `${word}s`): string => `${num(n, 0)} ${n === 1 ? word : many}`;

/** "2026-03-02 14:00:00–15:00:00 UTC", or both dates when the range crosses midnight. */
export function rangeText(fromMs: number, toMs: number): string {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return day(fromMs) === day(toMs)
    ? `${day(fromMs)} ${clockTime(fromMs)}–${clockTime(toMs)} UTC`
    : `${day(fromMs)} ${clockTime(fromMs)} – ${day(toMs)} ${clockTime(toMs)} UTC`;
}
