import { describe, expect, it } from 'vitest';
import { evidenceFacts, logExamples } from './evidence-facts';
import { at, finding } from './test-findings';

const REF = Date.parse(at('15:00:00'));
const facts = (...args: Parameters<typeof finding>) => Object.fromEntries(evidenceFacts(finding(...args), 'UTC', REF).map((f) => [f.label, f.value]));

describe('evidenceFacts', () => {
  it('shows a counter reset with cause, values, restart time and the rate() artifact', () => {
    const f = facts({
      id: 'r',
      kind: 'counter_reset',
      evidence: {
        cause: 'restart',
        before: { ts: at('14:24:45'), value: 18442 },
        after: { ts: at('14:25:00'), value: 12 },
        restartedAt: at('14:24:50'),
        restartSignal: 'process_start_time_seconds',
        resetsInRange: 1,
        rateArtifact: { spike: false, reason: 'rate() treats the drop as a restart.' },
      },
    });
    expect(f).toMatchObject({
      Cause: 'process restart',
      Before: '18,442 at 14:24:45 UTC',
      After: '12 at 14:25:00 UTC',
      'Restarted at': '14:24:50 UTC',
      'rate() panel': 'no visible spike — rate() treats the drop as a restart.',
    });
  });

  it('shows a GC storm with the frequency change and its latency and error impact', () => {
    const f = facts({
      id: 'g',
      kind: 'gc_storm',
      evidence: { runtime: 'jvm', baselineCollectionsPerSec: 0.2, peakCollectionsPerSec: 30, peakTimeFraction: 0.31, impact: { p99MsBefore: 120, p99MsDuring: 900, errorShareBefore: 0.01, errorShareDuring: null } },
    });
    expect(f).toMatchObject({ Runtime: 'jvm', 'GC collections/s': '0.2 → 30', 'Peak time in GC': '31 %', 'p99 latency (before → during)': '120 ms → 900 ms', '5xx share (before → during)': '1 % → ?' });
  });

  it('shows the log-context share and aggregate broken-link rates', () => {
    expect(facts({ id: 'l', kind: 'log_without_trace_context', evidence: { linesTotal: 200, linesWithoutTraceId: 150, share: 0.75, threshold: 0.2 } })).toEqual({
      'Lines without trace id': '150 of 200',
      Share: '75 % (threshold 20 %)',
    });
    expect(facts({ id: 'o', kind: 'orphan_span', evidence: { aggregate: true, tracesSampled: 40, tracesAffected: 12, brokenLinkRate: 0.3, causes: { async_context_lost: 12 } } })).toEqual({
      'Traces affected': '12 of 40 sampled',
      'Broken-link rate': '30 %',
      Causes: 'async context lost (12)',
    });
  });

  it('names the service, sidecar span and upstream cluster of a mesh_only_hop, and reads its aggregate like the other trace kinds', () => {
    const evidence = { cause: 'context_not_propagated', service: 'cart', sidecar: { spanId: 'a'.repeat(16), service: 'cart', operation: 'cart.shop.svc:8080/*', upstreamCluster: 'inbound|8080||' }, upstreamCluster: 'inbound|8080||', downstream: [{ spanId: 'b'.repeat(16), service: 'cart' }], instrumentedElsewhere: false };
    expect(facts({ id: 'm', kind: 'mesh_only_hop', evidence })).toEqual({
      'Likely cause': 'context not propagated',
      Service: 'cart',
      'Sidecar span': `cart.shop.svc:8080/* (${'a'.repeat(16)})`,
      'Upstream cluster': 'inbound|8080||',
      'Went on to': 'cart',
      'Instrumented in other traces': 'no',
    });
    expect(facts({ id: 'm', kind: 'mesh_only_hop', evidence: { aggregate: true, tracesSampled: 10, tracesAffected: 5, brokenLinkRate: 0.5, causes: { no_application_span: 5 } } })).toMatchObject({ 'Traces affected': '5 of 10 sampled' });
  });

  it('counts the span refs of a per-trace finding from evidence.spanRefs, and from the pre-rename evidence.spans of stored findings', () => {
    const refs = [{ spanId: 'a'.repeat(16), service: 'order-service', operation: 'sendReceipt', kind: 'internal' }, { spanId: 'b'.repeat(16), service: 'order-service', operation: 'audit', kind: 'internal' }];
    expect(facts({ id: 'o', kind: 'orphan_span', evidence: { cause: 'async_context_lost', missingParentId: 'f'.repeat(16), spanRefs: refs } })).toEqual({
      'Likely cause': 'async context lost',
      'Missing parent span': 'f'.repeat(16),
      Spans: '2',
    });
    expect(facts({ id: 'c', kind: 'clock_skew', evidence: { spanRefs: refs.slice(0, 1), thresholdMs: 100 } })).toMatchObject({ Spans: '1' });
    expect(facts({ id: 'old', kind: 'orphan_span', evidence: { spans: refs } })).toMatchObject({ Spans: '2' });
    // [fromMs, toMs] intervals are sparkline shading, not span references.
    expect(facts({ id: 'x', kind: 'orphan_span', evidence: { spans: [[1, 2]] } })).not.toHaveProperty('Spans');
  });

  it('leaves out fields of the wrong type instead of printing them', () => {
    expect(evidenceFacts(finding({ id: 'x', kind: 'leak', evidence: { perHour: 'lots', startLevel: null, risingShare: {} } }), 'UTC')).toEqual([]);
    expect(evidenceFacts(finding({ id: 'x', kind: 'missing_trace', evidence: { cause: 42, seenIn: 'x' } }), 'UTC')).toEqual([]);
  });
});

describe('logExamples', () => {
  it('returns example lines as plain strings and skips malformed ones', () => {
    const a = finding({ id: 'l', kind: 'log_without_trace_context', evidence: { examples: [{ ts: at('14:00:00'), text: '<img src=x onerror=alert(1)>' }, { text: 5 }, null] } });
    expect(logExamples(a)).toEqual([{ ts: at('14:00:00'), text: '<img src=x onerror=alert(1)>' }]);
  });
});
