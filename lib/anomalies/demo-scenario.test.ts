/**
 * The built-in demo incident (docs/architecture.md, "Demo scenario") must be explained by the
 * metric detectors: payment-gateway's restart, risk-engine's GC storm and its RED impact,
 * worker's goroutine leak — and nothing about the healthy services.
 */
import { describe, expect, it } from 'vitest';
import { HEALTHY_SERVICES } from '@/demo/scenario/story';
import { scrapeDemo } from '@/demo/scenario/scrape';
import { runDetectors } from './index';
import { expectDrawableEvidence } from './test-helpers';

const ANCHOR = Date.parse('2026-03-02T15:00:00Z');
const FROM = ANCHOR - 60 * 60_000;

describe('demo scenario', () => {
  const { series, metadata } = scrapeDemo(ANCHOR, FROM, ANCHOR);
  const { anomalies, errors } = runDetectors({
    range: { fromMs: FROM, toMs: ANCHOR }, nowMs: ANCHOR, series, metadata, traces: [], logs: [], exemplars: [], missingTraceIds: [],
  });

  it('runs every detector without errors', () => expect(errors).toEqual([]));

  it('explains payment-gateway\'s counter resets as a restart', () => {
    const resets = anomalies.filter((a) => a.kind === 'counter_reset');
    expect(resets.length).toBeGreaterThan(0);
    expect(resets.every((a) => a.service === 'payment-gateway' && a.evidence.cause === 'restart')).toBe(true);
  });

  it('finds one ongoing GC storm on risk-engine with its latency and error impact', () => {
    const storms = anomalies.filter((a) => a.kind === 'gc_storm');
    expect(storms).toHaveLength(1);
    expect(storms[0].service).toBe('risk-engine');
    expect(storms[0].end).toBeUndefined();
    const impact = storms[0].evidence.impact as { p99MsBefore: number; p99MsDuring: number };
    expect(impact.p99MsDuring).toBeGreaterThan(2 * impact.p99MsBefore);
  });

  it('finds worker\'s goroutine leak', () => {
    const leaks = anomalies.filter((a) => a.kind === 'leak');
    expect(leaks.map((a) => [a.service, a.subject.series?.name])).toEqual([['worker', 'go_goroutines']]);
  });

  it('gives every metric finding a drawable, JSON-safe sparkline (the demo storm shaded to the last scrape)', () => {
    const metricKinds = new Set(['counter_reset', 'gc_storm', 'leak', 'error_burst', 'latency_spike']);
    const drawn = anomalies.filter((a) => metricKinds.has(a.kind));
    expect(drawn.length).toBeGreaterThanOrEqual(3);
    for (const a of drawn) expectDrawableEvidence(a, { fromMs: FROM, toMs: ANCHOR });
    const storm = anomalies.find((a) => a.kind === 'gc_storm')!;
    expect(storm.evidence.spans).toEqual([[Date.parse(storm.start), ANCHOR]]);
  });

  it('says nothing about the healthy services', () => {
    expect(anomalies.filter((a) => a.service !== undefined && HEALTHY_SERVICES.includes(a.service))).toEqual([]);
  });
});
