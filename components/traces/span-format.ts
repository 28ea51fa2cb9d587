/** Durations and offsets as an SRE reads them in a waterfall. */

const trim = (n: number, digits: number) => Number(n.toFixed(digits)).toString();

export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  const abs = Math.abs(ms);
  if (abs < 1) return `${trim(ms * 1000, 0)} µs`;
  if (abs < 1000) return `${trim(ms, abs < 10 ? 2 : abs < 100 ? 1 : 0)} ms`;
  if (abs < 60_000) return `${trim(ms / 1000, 2)} s`;
  const m = Math.floor(abs / 60_000);
  const s = Math.round((abs % 60_000) / 1000);
  return `${ms < 0 ? '-' : ''}${m}m ${s}s`;
}

/** Bar geometry in percent of the trace window; a zero-length span still shows a sliver. */
export function barGeometry(startUs: number, durationMs: number, traceStartUs: number, traceDurationUs: number): { left: number; width: number } {
  const total = traceDurationUs > 0 ? traceDurationUs : 1;
  const left = Math.min(100, Math.max(0, ((startUs - traceStartUs) / total) * 100));
  const width = Math.max(0.15, Math.min(100 - left, ((durationMs * 1000) / total) * 100));
  return { left, width };
}

/** Time-axis ticks of the waterfall header: `count` evenly spaced offsets from the start. */
export function axisTicks(traceDurationUs: number, count = 5): { pct: number; label: string }[] {
  const out: { pct: number; label: string }[] = [];
  for (let i = 0; i <= count; i++) out.push({ pct: (i / count) * 100, label: formatDurationMs(((traceDurationUs / 1000) * i) / count) });
  return out;
}

/** Tag values are data: rendered as text, with their JSON type visible. */
export function tagText(value: string | number | boolean): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
