import { describe, expect, it } from 'vitest';
import { applyFilters, classify, composeDigest, findingsForComparison, groupByService, isEmptyDigest } from './compose';
import { COUNTER_RESET, GC_STORM, ORPHANS, anomaly, scanResponse } from './test-fixtures';

const FROM = Date.parse('2026-11-23T00:00:00Z');
const TO = Date.parse('2026-11-23T08:00:00Z');
const compose = (anomalies = [GC_STORM, COUNTER_RESET, ORPHANS], previous: Parameters<typeof composeDigest>[0]['previous'] = null) =>
  composeDigest({
    schedule: { id: 's1', name: 'Morning' },
    window: { fromMs: FROM, toMs: TO },
    response: scanResponse(anomalies, FROM, TO),
    filters: {},
    previous,
    nowMs: TO,
    publicUrl: 'https://tri.example/',
  });

describe('new, still going and resolved since the last digest', () => {
  it('everything is new when there was no earlier digest', () => {
    const c = classify([GC_STORM, COUNTER_RESET], null);
    expect(c.current.map((a) => a.state)).toEqual(['new', 'new']);
    expect(c.resolved).toEqual([]);
  });
  it('matches by stable anomaly id: same id is still going, a vanished id is resolved', () => {
    const previous = findingsForComparison(compose([GC_STORM, ORPHANS]));
    const c = classify([GC_STORM, COUNTER_RESET], previous);
    expect(Object.fromEntries(c.current.map((a) => [a.id, a.state]))).toEqual({ 'gc-1': 'ongoing', 'reset-1': 'new' });
    expect(c.resolved.map((r) => r.id)).toEqual(['orphan-1']);
    const d = compose([GC_STORM, COUNTER_RESET], previous);
    expect(d.counts).toMatchObject({ total: 2, new: 1, ongoing: 1, resolved: 1 });
  });
});

describe('filters', () => {
  it('keep only the chosen services, kinds and severities at or above the minimum', () => {
    const all = [GC_STORM, COUNTER_RESET, ORPHANS];
    expect(applyFilters(all, { services: ['risk-engine', 'order-service'] }).map((a) => a.id)).toEqual(['gc-1', 'orphan-1']);
    expect(applyFilters(all, { kinds: ['counter_reset'] }).map((a) => a.id)).toEqual(['reset-1']);
    expect(applyFilters(all, { minSeverity: 'critical' }).map((a) => a.id)).toEqual(['gc-1']);
    expect(applyFilters([anomaly({ id: 'x', kind: 'leak' })], { services: ['worker'] })).toEqual([]);
  });
});

describe('grouping', () => {
  it('puts the service with the worst finding first, findings worst first inside', () => {
    const info = anomaly({ id: 'i', kind: 'leak', severity: 'info', service: 'payment-gateway', start: '2026-11-23T00:30:00.000Z' });
    const groups = groupByService([GC_STORM, COUNTER_RESET, info, ORPHANS].map((a) => ({ ...a, state: 'new' as const, snapshotUrl: null })));
    expect(groups.map((g) => g.service)).toEqual(['risk-engine', 'payment-gateway', 'order-service']);
    expect(groups[1].findings.map((f) => f.id)).toEqual(['reset-1', 'i']);
  });
});

describe('the composed digest', () => {
  it('links every finding to the snapshot, trace findings to their own', () => {
    const d = composeDigest({
      schedule: { id: 's1', name: 'Morning' },
      window: { fromMs: FROM, toMs: TO },
      response: scanResponse([GC_STORM, ORPHANS], FROM, TO),
      filters: {},
      previous: null,
      nowMs: TO,
      publicUrl: 'https://tri.example',
      snapshots: { digest: 'https://tri.example/s/window', byAnomaly: { 'orphan-1': 'https://tri.example/s/trace' } },
    });
    const byId = Object.fromEntries(d.groups.flatMap((g) => g.findings).map((f) => [f.id, f.snapshotUrl]));
    expect(byId).toEqual({ 'gc-1': 'https://tri.example/s/window', 'orphan-1': 'https://tri.example/s/trace' });
    expect(d.liveUrl).toBe('https://tri.example/anomalies?from=2026-11-23T00%3A00%3A00.000Z&to=2026-11-23T08%3A00%3A00.000Z');
  });
  it('is empty with no findings and nothing resolved, and says which sources failed', () => {
    const response = scanResponse([], FROM, TO);
    response.sources.loki = { status: 'timeout', message: 'no answer in 15 s', ms: 15000 };
    const d = composeDigest({ schedule: { id: 's', name: 'n' }, window: { fromMs: FROM, toMs: TO }, response, filters: {}, previous: null, nowMs: TO, publicUrl: 'http://x' });
    expect(isEmptyDigest(d)).toBe(true);
    expect(d.warnings).toEqual(['loki: timeout (no answer in 15 s)']);
  });
});
