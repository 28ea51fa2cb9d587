import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Anomaly } from '@/lib/model/anomaly';
import { TimeSeriesChart } from './time-series-chart';

const storm: Anomaly = {
  id: 's',
  kind: 'gc_storm',
  severity: 'warning',
  title: 'GC storm',
  explanation: 'e',
  service: 'risk-engine',
  start: new Date(1000).toISOString(),
  end: new Date(5000).toISOString(),
  subject: {},
  evidence: {},
  links: [],
};

const render = (points: [number, number | null][], labels: Record<string, string>, title?: string) =>
  renderToStaticMarkup(createElement(TimeSeriesChart, { series: [{ name: 'm', labels, points }], fromMs: 0, toMs: 10_000, anomalies: [storm], title }));

describe('TimeSeriesChart notes and legend', () => {
  it('never says "Shaded: GC storm" on a chart with no data', () => {
    const html = render([], { service: 'risk-engine' });
    expect(html).toContain('No data in this window');
    expect(html).not.toContain('GC storm');
  });
  it('says it on data of the storm’s service, and not on an unrelated series', () => {
    expect(render([[2000, 1], [3000, 2]], { service: 'risk-engine' })).toContain('Shaded: GC storm.');
    expect(render([[2000, 1], [3000, 2]], { job: 'node' })).not.toContain('GC storm');
  });
  it('leaves out a legend that would only repeat the panel title, and shows shared labels once', () => {
    const html = renderToStaticMarkup(
      createElement(TimeSeriesChart, { series: [{ name: 'm', labels: {}, points: [[1, 1]], title: 'Restarts' }], fromMs: 0, toMs: 10, title: 'Restarts' }),
    );
    expect(html).not.toContain('chart-legend-item');
    const two = renderToStaticMarkup(
      createElement(TimeSeriesChart, {
        series: [
          { name: 'm', labels: { job: 'api', code: '200' }, points: [[1, 1]] },
          { name: 'm', labels: { job: 'api', code: '500' }, points: [[1, 2]] },
        ],
        fromMs: 0,
        toMs: 10,
      }),
    );
    expect(two).toContain('data-testid="chart-legend-shared"');
    expect(two).toContain('>job=api<');
    expect(two).toContain('>code=200<');
  });
});
