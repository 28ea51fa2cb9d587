import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { counterResetSeverity, errorBurstSeverity, gcStormSeverity, latencySeverity, leakSeverity, SEVERITY_RULES } from './severity';

describe('severity rules', () => {
  it('are the table docs/anomalies.md shows, row for row', () => {
    const doc = readFileSync(path.join(__dirname, '../../docs/anomalies.md'), 'utf8');
    const table = doc.split('<!-- severity-table:start -->')[1].split('<!-- severity-table:end -->')[0];
    const rows = table.trim().split('\n').slice(2);
    expect(rows).toEqual(SEVERITY_RULES.map((r) => `| ${r.kind} | ${r.critical} | ${r.warning} | ${r.info} |`));
  });

  it('rank by the episode: magnitude, duration and user impact', () => {
    expect(gcStormSeverity({ peakTimeFraction: 0.6, p99Ratio: null, errorShareRise: null })).toBe('critical');
    expect(gcStormSeverity({ peakTimeFraction: 0.1, p99Ratio: 2.5, errorShareRise: 0 })).toBe('critical');
    expect(gcStormSeverity({ peakTimeFraction: 0.1, p99Ratio: 1.2, errorShareRise: 0.01 })).toBe('warning');
    expect(latencySeverity(4, 10 * 60_000)).toBe('critical');
    expect(latencySeverity(4, 2 * 60_000)).toBe('warning');
    expect(errorBurstSeverity(0.25, 0.1, 60_000)).toBe('critical');
    expect(errorBurstSeverity(0.09, 0.08, 15 * 60_000)).toBe('critical');
    expect(errorBurstSeverity(0.09, 0.08, 5 * 60_000)).toBe('warning');
    expect(leakSeverity(1000, 100)).toBe('critical');
    expect(leakSeverity(1000, 10)).toBe('warning');
    expect(counterResetSeverity([{ cause: 'restart', falseSpike: false }])).toBe('info');
    expect(counterResetSeverity([{ cause: 'restart', falseSpike: true }])).toBe('warning');
    expect(counterResetSeverity([{ cause: 'non_monotonic', falseSpike: false }])).toBe('warning');
  });
});
