import { describe, expect, it } from 'vitest';
import type { ApiExemplar, ApiMetric } from '@/lib/api/types';
import { chartWindow, exemplarScaleFor, groupPanels, serviceSections } from './metric-panels-model';

const m = (service: string, panel: string, over: Partial<ApiMetric> = {}): ApiMetric => ({ name: `x_${panel}`, labels: {}, points: [], service, panel, ...over });
const ex = (service: string | null, seriesName = 'http_server_duration_seconds_bucket'): ApiExemplar => ({
  labels: {}, seriesLabels: { __name__: seriesName, ...(service ? { service } : {}) }, traceId: 'ab', spanId: null, value: 0.2, ts: '2024-01-01T00:00:00.000Z',
});

describe('groupPanels', () => {
  it('groups by service and orders panels RED first, then runtime', () => {
    const groups = groupPanels([m('b', 'heap'), m('b', 'requests'), m('a', 'latency_p99'), m('b', 'gc_rate'), m('b', 'custom')], []);
    expect(groups.map((g) => g.service)).toEqual(['a', 'b']);
    expect(groups[1].panels.map((p) => p.panel)).toEqual(['requests', 'gc_rate', 'heap', 'custom']);
    expect(groups[1].panels[0].title).toBe('Request rate');
  });

  it('puts a service\'s exemplars on its p99 panel only', () => {
    const [g] = groupPanels([m('a', 'latency_p50'), m('a', 'latency_p99', { unit: 'ms' })], [ex('a'), ex('b')]);
    expect(g.panels.map((p) => p.exemplars.length)).toEqual([0, 1]);
    expect(g.panels[1].exemplarScale).toBe(1000);
  });

  it('gives exemplars without a service to the only service', () => {
    const [g] = groupPanels([m('a', 'latency_p99')], [ex(null)]);
    expect(g.panels[0].exemplars).toHaveLength(1);
  });

  it('scales exemplars only from seconds to a ms panel', () => {
    expect(exemplarScaleFor('s', [ex('a')])).toBe(1);
    expect(exemplarScaleFor('ms', [ex('a', 'latency_ms_bucket')])).toBe(1);
  });
});

describe('chartWindow', () => {
  const trace = { fromMs: 100_000, toMs: 101_000 };
  it('covers the samples and the trace', () => {
    expect(chartWindow([m('a', 'x', { points: [[0, 1], [90_000, 1]] })], trace, { fromMs: 0, toMs: 1 })).toEqual({ fromMs: 0, toMs: 101_000 });
  });

  it('pads the trace by at least five minutes without samples', () => {
    expect(chartWindow([], trace, { fromMs: 0, toMs: 1 })).toEqual({ fromMs: 100_000 - 300_000, toMs: 101_000 + 300_000 });
  });

  it('uses the fallback with neither', () => {
    expect(chartWindow([], null, { fromMs: 5, toMs: 9 })).toEqual({ fromMs: 5, toMs: 9 });
  });
});

describe('serviceSections', () => {
  it('opens the services with findings, worst first, and collapses the rest in name order', () => {
    const groups = groupPanels([m('db', 'requests'), m('api', 'requests'), m('risk', 'gc_rate'), m('pay', 'restarts', { unit: 'count' })], []);
    const sections = serviceSections(groups, [
      { service: 'pay', severity: 'warning' },
      { service: 'risk', severity: 'info' },
      { service: 'risk', severity: 'critical' },
      { service: 'gone', severity: 'critical' },
      { severity: 'critical' },
    ]);
    expect(sections.map((s) => [s.service, s.open, s.findings, s.worst])).toEqual([
      ['risk', true, 2, 'critical'],
      ['pay', true, 1, 'warning'],
      ['api', false, 0, null],
      ['db', false, 0, null],
    ]);
  });

  it('asks for whole-number ticks on count panels only', () => {
    const [g] = groupPanels([m('a', 'restarts', { unit: 'count' }), m('a', 'error_rate', { unit: 'ratio' })], []);
    expect(g.panels.map((p) => [p.panel, p.title, p.integer])).toEqual([
      ['error_rate', 'Error rate', false],
      ['restarts', 'Restarts', true],
    ]);
  });
});
