import { describe, expect, it } from 'vitest';
import { logWithoutTraceContextDetector } from './log-context';
import { missingTraceDetector, stillArriving } from './missing-trace';
import { deepFreeze, emptyInput, logLine, MIN, span, T0, traceOf } from './test-helpers';
import { DEFAULT_DETECTOR_OPTIONS as OPTS } from './types';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const traces = [traceOf([span(TRACE, { service: 'order-service', startMs: 5 * MIN })])];

describe('log_without_trace_context', () => {
  const lines = (service: string, withId: number, without: number) => [
    ...Array.from({ length: withId }, (_, i) => logLine(service, T0 + i * 1000, TRACE)),
    ...Array.from({ length: without }, (_, i) => logLine(service, T0 + 100_000 + i * 1000, null, `<script>receipt ${i}</script>`)),
  ];

  it('flags a service with spans whose lines mostly lack a trace id, with examples and counts', () => {
    const input = emptyInput({ traces, logs: lines('order-service', 10, 30) });
    const [a] = logWithoutTraceContextDetector.detect(input, OPTS);
    expect(a.kind).toBe('log_without_trace_context');
    expect(a.service).toBe('order-service');
    expect(a.evidence).toMatchObject({ linesTotal: 40, linesWithoutTraceId: 30, share: 0.75 });
    const examples = a.evidence.examples as { text: string; ts: string }[];
    expect(examples).toHaveLength(5);
    expect(examples[0].text).toBe('<script>receipt 0</script>');
    expect(a.subject.logRefs).toHaveLength(5);
    expect(a.title).toBe('order-service: 75 % of log lines have no trace id');
  });

  it('stays quiet below the share threshold, below the line floor, or without spans', () => {
    expect(logWithoutTraceContextDetector.detect(emptyInput({ traces, logs: lines('order-service', 90, 10) }), OPTS)).toEqual([]);
    expect(logWithoutTraceContextDetector.detect(emptyInput({ traces, logs: lines('order-service', 2, 10) }), OPTS)).toEqual([]);
    expect(logWithoutTraceContextDetector.detect(emptyInput({ traces, logs: lines('batch-job', 0, 50) }), OPTS)).toEqual([]);
  });

  it('is stable and does not mutate its input', () => {
    const input = deepFreeze(emptyInput({ traces, logs: lines('order-service', 0, 25) }));
    expect(logWithoutTraceContextDetector.detect(input, OPTS)[0].id).toBe(logWithoutTraceContextDetector.detect(input, OPTS)[0].id);
  });
});

describe('missing_trace', () => {
  const dead = 'abcdef0123456789abcdef0123456789';
  const exemplar = {
    seriesLabels: { __name__: 'http_request_duration_seconds_bucket', service: 'checkout', le: '0.5' },
    labels: { trace_id: dead },
    traceId: dead,
    spanId: null,
    value: 0.42,
    tsMs: T0 + 10 * MIN,
  };

  it('calls an exemplar pointing at an absent trace a dead exemplar link', () => {
    const [a] = missingTraceDetector.detect(emptyInput({ exemplars: [exemplar], missingTraceIds: [dead] }), OPTS);
    expect(a.kind).toBe('missing_trace');
    expect(a.evidence.cause).toBe('dead_exemplar_link');
    expect(a.service).toBe('checkout');
    expect(a.subject.traceId).toBe(dead);
    expect(a.links.map((l) => l.href)).toContain(`/trace/${dead}`);
    expect(a.links[1].href).toMatch(/^\/explore\?query=http_request_duration_seconds_bucket/);
  });

  it('says sampled out for a logged id, and late arrival when it was seen moments ago', () => {
    const old = logLine('order-service', T0 + MIN, dead);
    expect(missingTraceDetector.detect(emptyInput({ logs: [old], missingTraceIds: [dead] }), OPTS)[0].evidence.cause).toBe('sampled_out');
    const fresh = logLine('order-service', T0 + 59 * MIN + 30_000, dead);
    const [a] = missingTraceDetector.detect(emptyInput({ logs: [fresh], missingTraceIds: [dead] }), OPTS);
    expect(a.evidence.cause).toBe('late_arrival');
    expect(a.explanation).toMatch(/Look again in a minute/);
  });

  it('makes no finding of an id that nothing in the range names (a lookup, perhaps with a typo, came back empty)', () => {
    expect(missingTraceDetector.detect(emptyInput({ missingTraceIds: [dead] }), OPTS)).toEqual([]);
  });

  it('calls an id that exemplars have named for longer than the late-arrival window a dead link, however recently it was named again', () => {
    const nowMs = T0 + 60 * MIN;
    const sightings = [{ ...exemplar, tsMs: nowMs - 40 * MIN }, { ...exemplar, tsMs: nowMs - 20_000 }];
    const [a] = missingTraceDetector.detect(emptyInput({ exemplars: sightings, missingTraceIds: [dead], nowMs }), OPTS);
    expect(a.evidence.cause).toBe('dead_exemplar_link');
    expect(a.title).toBe('Dead exemplar link: trace abcdef01… not in Jaeger');
    expect(a.explanation).toMatch(/dead link/);
    expect(a.explanation).not.toMatch(/Look again/);
    expect(stillArriving(nowMs - 40 * MIN, nowMs, OPTS.trace.lateArrivalMs)).toBe(false);
    expect(stillArriving(nowMs - 30_000, nowMs, OPTS.trace.lateArrivalMs)).toBe(true);
  });

  it('canonicalizes and de-duplicates ids (16-hex and 32-hex forms are the same trace)', () => {
    const short = '0123456789abcdef';
    const seen = { ...exemplar, traceId: short, labels: { trace_id: short } };
    const found = missingTraceDetector.detect(emptyInput({ exemplars: [seen], missingTraceIds: [short, `0000000000000000${short}`, 'not-an-id'] }), OPTS);
    expect(found).toHaveLength(1);
    expect(found[0].subject.traceId).toBe(`0000000000000000${short}`);
  });
});
