import { describe, expect, it } from 'vitest';
import type { ApiExemplar, ApiMetric } from '@/lib/api/types';
import type { Anomaly } from '@/lib/model/anomaly';
import { counterResetMarkers, exemplarDots, gcStormBands, seriesMatches, seriesService, thinExemplars } from './chart-markers';

const anomaly = (over: Partial<Anomaly>): Anomaly => ({
  id: 'x',
  kind: 'gc_storm',
  severity: 'warning',
  title: 't',
  explanation: 'e',
  start: new Date(1000).toISOString(),
  subject: {},
  evidence: {},
  links: [],
  ...over,
});
const metric = (name: string, labels: Record<string, string>, over: Partial<ApiMetric> = {}): ApiMetric => ({ name, labels, points: [], ...over });
const iso = (ms: number) => new Date(ms).toISOString();

describe('gcStormBands', () => {
  const storm = anomaly({ kind: 'gc_storm', service: 'risk-engine', start: iso(2000), end: iso(5000) });
  const risk = [metric('m', { service: 'risk-engine' })];

  it('shades storms of the plotted service only', () => {
    expect(gcStormBands([metric('m', { service: 'risk-engine' })], [storm], 0, 10_000)).toHaveLength(1);
    expect(gcStormBands([metric('m', { service: 'checkout' })], [storm], 0, 10_000)).toHaveLength(0);
  });

  it('shades no storm on series that name neither its service nor its instance, nor on no series at all', () => {
    expect(gcStormBands([metric('m', {})], [storm], 0, 10_000)).toHaveLength(0);
    expect(gcStormBands([], [storm], 0, 10_000)).toHaveLength(0);
  });

  it('shades a storm whose subject series has the plotted instance', () => {
    const byInstance = { ...storm, service: undefined, subject: { series: { name: 'jvm_gc_collection_seconds_count', labels: { instance: '10.0.0.7:9404' } } } };
    expect(gcStormBands([metric('up', { instance: '10.0.0.7:9404' })], [byInstance], 0, 10_000)).toHaveLength(1);
    expect(gcStormBands([metric('up', { instance: '10.0.0.8:9404' })], [byInstance], 0, 10_000)).toHaveLength(0);
  });

  it('clips to the window and runs an ongoing storm to its end', () => {
    const [b] = gcStormBands(risk, [storm], 3000, 10_000);
    expect([b.fromMs, b.toMs]).toEqual([3000, 5000]);
    const [ongoing] = gcStormBands(risk, [{ ...storm, end: undefined }], 0, 9000);
    expect(ongoing.toMs).toBe(9000);
    expect(gcStormBands(risk, [storm], 6000, 9000)).toHaveLength(0);
  });

  it('ignores other anomaly kinds', () => {
    expect(gcStormBands(risk, [{ ...storm, kind: 'leak' }], 0, 10_000)).toHaveLength(0);
  });
});

describe('counterResetMarkers', () => {
  const reset = anomaly({
    kind: 'counter_reset',
    start: iso(4000),
    subject: { series: { name: 'http_requests_total', labels: { job: 'pay', instance: 'a:1', code: '200' } } },
  });

  it('marks the reset on the exact series at the reset time', () => {
    const plotted = [metric('up', {}), metric('http_requests_total', { job: 'pay', instance: 'a:1', code: '200' })];
    expect(counterResetMarkers(plotted, [reset], 0, 10_000)).toEqual([{ tMs: 4000, seriesIndex: 1, anomaly: reset }]);
  });

  it('marks an aggregate that keeps a subset of the labels', () => {
    expect(seriesMatches(metric('http_requests_total', { job: 'pay' }), reset.subject.series!)).toBe(true);
  });

  it('does not mark a series with a different label value or name', () => {
    expect(seriesMatches(metric('http_requests_total', { instance: 'b:1' }), reset.subject.series!)).toBe(false);
    expect(seriesMatches(metric('rpc_total', { job: 'pay' }), reset.subject.series!)).toBe(false);
  });

  it('skips resets outside the window', () => {
    expect(counterResetMarkers([metric('http_requests_total', {})], [reset], 5000, 10_000)).toEqual([]);
  });
});

describe('series and exemplars', () => {
  it('seriesService prefers the explicit field, then service-like labels', () => {
    expect(seriesService(metric('m', { job: 'j' }, { service: 's' }))).toBe('s');
    expect(seriesService(metric('m', { job: 'j' }))).toBe('j');
    expect(seriesService(metric('m', {}))).toBeNull();
  });

  it('exemplarDots keeps finite exemplars inside the window, scaled', () => {
    const e = (ts: number, value: number): ApiExemplar => ({ labels: {}, seriesLabels: {}, traceId: 'ab', spanId: null, value, ts: iso(ts) });
    const dots = exemplarDots([e(1000, 0.5), e(99_000, 1), e(2000, Infinity)], 0, 10_000, 1000);
    expect(dots.map((d) => [d.tMs, d.value])).toEqual([[1000, 500]]);
  });
});

describe('thinExemplars', () => {
  const ex = (traceId: string, traceExists?: boolean): ApiExemplar => ({ labels: {}, seriesLabels: {}, traceId, spanId: null, value: 0, ts: iso(0), traceExists });
  it('keeps the highest value per time slot and leaves sparse sets alone', () => {
    const dots = Array.from({ length: 1000 }, (_, i) => ({ tMs: i * 10, value: (i * 37) % 101, exemplar: ex(String(i)) }));
    const kept = thinExemplars(dots, 0, 10_000, 50);
    expect(kept.length).toBeLessThanOrEqual(50);
    expect(kept.length).toBeGreaterThan(40);
    for (let i = 1; i < kept.length; i++) expect(kept[i].tMs).toBeGreaterThan(kept[i - 1].tMs);
    const slot = dots.filter((d) => d.tMs < 200);
    expect(kept[0].value).toBe(Math.max(...slot.map((d) => d.value)));
    expect(thinExemplars(dots.slice(0, 10), 0, 10_000, 50)).toHaveLength(10);
  });
  it('prefers a live trace over a dead link of the same value', () => {
    const dots = [
      { tMs: 1, value: 5, exemplar: ex('dead', false) },
      { tMs: 2, value: 5, exemplar: ex('live') },
      { tMs: 9000, value: 1, exemplar: ex('other') },
    ];
    expect(thinExemplars(dots, 0, 10_000, 2).map((d) => d.exemplar.traceId)).toEqual(['live', 'other']);
  });
});
