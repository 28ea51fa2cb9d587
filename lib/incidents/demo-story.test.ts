/**
 * The incident model over the built-in demo, as the detectors see it: at the demo's start
 * and two hours later the first incident is risk-engine's GC storm behind the checkout's
 * slowdown, starting at payment-gateway's restart; orphan spans are telemetry health.
 */
import { describe, expect, it } from 'vitest';
import { scrapeDemo } from '@/demo/scenario/scrape';
import { runDetectors } from '../anomalies';
import { cyclesBetween } from '@/demo/scenario/story';
import { tracesInRange } from '@/demo/scenario/traces';
import { buildIncidents } from './build';
import { serviceGraph } from './graph';

const ANCHOR = Date.parse('2026-03-02T15:00:00Z');
const MIN = 60_000;

function incidentsAt(nowMs: number) {
  const range = { fromMs: nowMs - 60 * MIN, toMs: nowMs };
  const { series, metadata } = scrapeDemo(ANCHOR, range.fromMs, range.toMs);
  const traces = tracesInRange(range.fromMs, range.toMs, ANCHOR, nowMs);
  const { anomalies } = runDetectors({ range, nowMs, series, metadata, traces, logs: [], exemplars: [], missingTraceIds: [] });
  return buildIncidents({ findings: anomalies, graph: serviceGraph(traces), range });
}

describe.each([
  ['at the start', 3 * MIN],
  ['two hours later', 2 * 60 * MIN + 3 * MIN],
])('the demo incident %s', (_, offsetMs) => {
  const now = ANCHOR + offsetMs;
  const report = incidentsAt(now);
  const [first] = report.incidents;

  it('leads with risk-engine\'s GC storm as the cause candidate of the checkout slowdown', () => {
    expect(first.userFacing).toBe(true);
    expect(first.findings[0]).toMatchObject({ kind: 'gc_storm', service: 'risk-engine', role: 'cause_candidate' });
    const checkout = first.findings.find((f) => f.role === 'symptom' && f.service === 'api-gateway');
    expect(checkout?.reason).toContain('api-gateway calls risk-engine (via order-service → payment-gateway) in 100 % of sampled POST /api/checkout traces');
    expect(first.sentence).toMatch(/risk-engine (has been|was) in a GC storm \(\d+(\.\d)? collections\/s, usually 0\.2\/s\)/);
  });

  it('starts at the restart of its cycle, which it shows as context', () => {
    const cycle = cyclesBetween(ANCHOR, now - 60 * MIN, now).filter((c) => c.stormStartMs <= now - 5 * MIN).at(-1)!;
    expect(Date.parse(first.start)).toBeGreaterThanOrEqual(cycle.restartMs);
    expect(Date.parse(first.start)).toBeLessThan(cycle.restartMs + MIN);
    const storm = first.findings.find((f) => f.kind === 'gc_storm')!;
    expect(Math.abs(Date.parse(storm.start) - cycle.stormStartMs)).toBeLessThanOrEqual(MIN);
    expect(first.findings.filter((f) => f.kind === 'counter_reset').every((f) => f.role === 'context' && f.service === 'payment-gateway')).toBe(true);
  });

  it('links the slowest sampled trace through risk-engine and the checkout', () => {
    expect(first.links[0].href).toMatch(/^\/trace\/[0-9a-f]{32}\?from=/);
  });
});
