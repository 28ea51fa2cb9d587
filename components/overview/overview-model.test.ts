import { describe, expect, it } from 'vitest';
import { finding } from '@/components/anomalies/test-findings';
import { anomaliesHref } from '@/lib/routes';
import { countMatrix } from './overview-model';

const list = [
  finding({ id: '1', service: 'payment-gateway', kind: 'counter_reset', severity: 'info' }),
  finding({ id: '2', service: 'payment-gateway', kind: 'counter_reset', severity: 'info' }),
  finding({ id: '3', service: 'payment-gateway', kind: 'counter_reset', severity: 'warning' }),
  finding({ id: '4', service: 'risk-engine', kind: 'gc_storm', severity: 'critical' }),
  finding({ id: '5', service: 'risk-engine', kind: 'latency_spike', severity: 'critical' }),
  finding({ id: '6', service: 'worker', kind: 'leak', severity: 'warning' }),
  finding({ id: '7', kind: 'missing_trace', severity: 'warning' }),
];

describe('countMatrix', () => {
  const m = countMatrix(list);

  it('counts findings per service and kind with the worst severity of each cell', () => {
    expect(m.cell('payment-gateway', 'counter_reset')).toEqual({ count: 3, worst: 'warning' });
    expect(m.cell('risk-engine', 'gc_storm')).toEqual({ count: 1, worst: 'critical' });
    expect(m.cell('worker', 'gc_storm')).toBeNull();
    expect(m.cell(null, 'missing_trace')).toEqual({ count: 1, worst: 'warning' });
  });

  it('totals per service and kind add up to the number of findings', () => {
    const sum = (xs: Iterable<{ count: number }>) => [...xs].reduce((n, c) => n + c.count, 0);
    expect(sum(m.byService.values())).toBe(list.length);
    expect(sum(m.byKind.values())).toBe(list.length);
    expect(m.total).toBe(list.length);
  });

  it('lists services and kinds worst first, then by count, findings without a service last among equals', () => {
    expect(m.services).toEqual(['risk-engine', 'payment-gateway', 'worker', null]);
    expect(m.kinds).toEqual(['gc_storm', 'latency_spike', 'counter_reset', 'leak', 'missing_trace']);
  });

  it('is empty for no findings', () => {
    const e = countMatrix([]);
    expect([e.services, e.kinds, e.total]).toEqual([[], [], 0]);
  });
});

describe('anomaliesHref', () => {
  it('keeps the view range and adds the service and kind filters', () => {
    const href = anomaliesHref(new URLSearchParams('from=now-6h&to=now&query=up'), { service: 'risk engine', kind: 'gc_storm' });
    const url = new URL(href, 'http://x');
    expect(url.pathname).toBe('/anomalies');
    expect(Object.fromEntries(url.searchParams)).toEqual({ from: 'now-6h', to: 'now', service: 'risk engine', kind: 'gc_storm' });
  });

  it('is the bare page when there is nothing to carry', () => {
    expect(anomaliesHref(new URLSearchParams(), { service: null })).toBe('/anomalies');
  });
});
