import { describe, expect, it } from 'vitest';
import { Counter, Histogram, Registry } from './registry';

describe('telemetry registry', () => {
  it('renders counters with escaped label values', () => {
    const r = new Registry();
    const c = r.register(new Counter('x_total', 'help text'));
    c.inc({ source: 'loki', outcome: 'error' });
    c.inc({ source: 'loki', outcome: 'error' }, 2);
    c.inc({ source: 'we"ird\\\n' });
    const out = r.render();
    expect(out).toContain('# TYPE x_total counter');
    expect(out).toContain('x_total{outcome="error",source="loki"} 3');
    expect(out).toContain('x_total{source="we\\"ird\\\\\\n"} 1');
  });
  it('renders cumulative histogram buckets', () => {
    const r = new Registry();
    const h = r.register(new Histogram('d_seconds', 'latency', [0.1, 1]));
    h.observe({ s: 'a' }, 0.05);
    h.observe({ s: 'a' }, 0.5);
    h.observe({ s: 'a' }, 5);
    const out = r.render();
    expect(out).toContain('d_seconds_bucket{s="a",le="0.1"} 1');
    expect(out).toContain('d_seconds_bucket{s="a",le="1"} 2');
    expect(out).toContain('d_seconds_bucket{s="a",le="+Inf"} 3');
    expect(out).toContain('d_seconds_sum{s="a"} 5.55');
    expect(out).toContain('d_seconds_count{s="a"} 3');
  });
});
