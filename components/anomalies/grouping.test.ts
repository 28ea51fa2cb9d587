import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareAnomalies } from '@/lib/anomalies';
import { ANOMALY_KINDS, SEVERITIES, type Anomaly } from '@/lib/model/anomaly';
import { collapseRows, compareFindings, filterFindings, groupFindings, rowFindings, rowIsOpen, rowLead, worstRows } from './grouping';
import { at, finding } from './test-findings';

const reset = (id: string, group: string | null, over: Partial<Anomaly> = {}) =>
  finding({ id, kind: 'counter_reset', service: 'payment-gateway', severity: 'info', start: at('14:25:00'), evidence: { cause: 'restart', group }, ...over });

describe('compareFindings', () => {
  it('orders like the detectors registry: severity first, then start, then id', () => {
    const arb = fc.array(
      fc.record({
        id: fc.stringMatching(/^[0-9a-f]{1,4}$/),
        severity: fc.constantFrom(...SEVERITIES),
        startMs: fc.integer({ min: 0, max: 10_000 }),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, (xs) => {
        const list = xs.map((x) => finding({ id: x.id, severity: x.severity, start: new Date(x.startMs * 1000).toISOString() }));
        expect([...list].sort(compareFindings).map((a) => a.id)).toEqual([...list].sort(compareAnomalies).map((a) => a.id));
      }),
    );
  });

  it('puts critical before warning before info, and earlier before later within a severity', () => {
    const list = [
      finding({ id: 'i', severity: 'info', start: at('14:00:00') }),
      finding({ id: 'w2', severity: 'warning', start: at('14:10:00') }),
      finding({ id: 'c', severity: 'critical', start: at('14:30:00') }),
      finding({ id: 'w1', severity: 'warning', start: at('14:05:00') }),
    ];
    expect([...list].sort(compareFindings).map((a) => a.id)).toEqual(['c', 'w1', 'w2', 'i']);
  });
});

describe('filterFindings', () => {
  const list = [
    finding({ id: 'a', severity: 'info', title: 'Orphan spans in order-service', kind: 'orphan_span', service: 'order-service' }),
    finding({ id: 'b', severity: 'critical', title: 'GC storm on risk-engine', service: 'risk-engine' }),
    finding({ id: 'c', severity: 'warning', title: 'x', explanation: 'The Counter went DOWN', kind: 'counter_reset' }),
  ];

  it('keeps findings at or above the minimum severity', () => {
    expect(filterFindings(list, { minSeverity: 'warning' }).map((a) => a.id)).toEqual(['b', 'c']);
    expect(filterFindings(list, { minSeverity: 'critical' }).map((a) => a.id)).toEqual(['b']);
    expect(filterFindings(list, { minSeverity: null }).map((a) => a.id)).toEqual(['a', 'b', 'c']);
  });

  it('matches every word case-insensitively in title, explanation, service or the kind name', () => {
    expect(filterFindings(list, { text: 'counter down' }).map((a) => a.id)).toEqual(['c']);
    expect(filterFindings(list, { text: 'RISK' }).map((a) => a.id)).toEqual(['b']);
    expect(filterFindings(list, { text: 'orphan order' }).map((a) => a.id)).toEqual(['a']);
    expect(filterFindings(list, { text: 'gc storm' }).map((a) => a.id)).toEqual(['b']);
    expect(filterFindings(list, { text: 'risk orphan' })).toEqual([]);
  });

  it('treats blank text as no filter', () => {
    expect(filterFindings(list, { text: '   ' })).toHaveLength(3);
  });
});

describe('collapseRows', () => {
  it('collapses the counter resets of one restart into one row at the place of the first', () => {
    const other = finding({ id: 'o', severity: 'warning', start: at('14:00:00') });
    const sorted = [other, reset('r1', 'pg/0@1'), reset('r2', 'pg/0@1'), reset('r3', 'pg/0@1')].sort(compareFindings);
    const rows = collapseRows(sorted);
    expect(rows.map((r) => r.type)).toEqual(['single', 'collapsed']);
    expect(rowFindings(rows[1]).map((a) => a.id)).toEqual(['r1', 'r2', 'r3']);
    expect(rowLead(rows[1]).id).toBe('r1');
  });

  it('keeps a lone reset, resets without a group, and other kinds as single rows', () => {
    const rows = collapseRows([reset('a', 'g1'), reset('b', null), reset('c', null), finding({ id: 'd', evidence: { group: 'g1' } })]);
    expect(rows.map((r) => [r.type, r.key])).toEqual([
      ['single', 'a'],
      ['single', 'b'],
      ['single', 'c'],
      ['single', 'd'],
    ]);
  });

  it('keeps two restarts apart', () => {
    const rows = collapseRows([reset('a', 'g1'), reset('b', 'g2'), reset('c', 'g1'), reset('d', 'g2')]);
    expect(rows.map((r) => rowFindings(r).map((a) => a.id))).toEqual([
      ['a', 'c'],
      ['b', 'd'],
    ]);
  });
});

describe('groupFindings', () => {
  const list = [
    finding({ id: 'leak', kind: 'leak', service: 'worker', severity: 'warning', start: at('12:00:00') }),
    finding({ id: 'gc', kind: 'gc_storm', service: 'risk-engine', severity: 'critical', start: at('14:40:00') }),
    finding({ id: 'lat', kind: 'latency_spike', service: 'risk-engine', severity: 'critical', start: at('14:41:00') }),
    finding({ id: 'err', kind: 'error_burst', service: 'risk-engine', severity: 'warning', start: at('14:41:00') }),
    finding({ id: 'gc2', kind: 'gc_storm', service: 'risk-engine', severity: 'warning', start: at('13:00:00') }),
    finding({ id: 'free', kind: 'missing_trace', severity: 'info', start: at('14:00:00') }),
    reset('r1', 'g'),
    reset('r2', 'g'),
  ];
  const groups = groupFindings(list);

  it('orders services by their worst, earliest finding', () => {
    expect(groups.map((g) => g.service)).toEqual(['risk-engine', 'worker', null, 'payment-gateway']);
    expect(groups.map((g) => g.worst)).toEqual(['critical', 'warning', 'info', 'info']);
  });

  it('orders kinds inside a service the same way, and findings inside a kind', () => {
    const risk = groups[0];
    expect(risk.kinds.map((k) => k.kind)).toEqual(['gc_storm', 'latency_spike', 'error_burst']);
    expect(risk.kinds[0].rows.map((r) => r.key)).toEqual(['gc', 'gc2']);
    expect(risk.count).toBe(4);
  });

  it('counts collapsed resets as the findings they hold', () => {
    const pg = groups.find((g) => g.service === 'payment-gateway')!;
    expect(pg.count).toBe(2);
    expect(pg.kinds[0].rows).toHaveLength(1);
    expect(pg.kinds[0].count).toBe(2);
  });

  it('loses and duplicates no finding, whatever the input', () => {
    const arb = fc.array(
      fc.record({
        service: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
        kind: fc.constantFrom(...ANOMALY_KINDS),
        severity: fc.constantFrom(...SEVERITIES),
        group: fc.option(fc.constantFrom('g1', 'g2'), { nil: null }),
        startMs: fc.integer({ min: 0, max: 1000 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (xs) => {
        const input = xs.map((x, i) => finding({ id: `f${i}`, ...x, start: new Date(x.startMs * 1000).toISOString(), evidence: { group: x.group } }));
        const ids = groupFindings(input).flatMap((g) => g.kinds.flatMap((k) => k.rows.flatMap(rowFindings))).map((a) => a.id);
        expect([...ids].sort()).toEqual(input.map((a) => a.id).sort());
      }),
    );
  });

  it('returns no groups for no findings', () => expect(groupFindings([])).toEqual([]));
});

describe('worstRows', () => {
  it('takes the worst rows across services, a collapsed restart counting once', () => {
    const list = [reset('r1', 'g', { severity: 'warning' }), reset('r2', 'g', { severity: 'warning' }), reset('r3', 'g', { severity: 'warning' }), finding({ id: 'c', severity: 'critical' }), finding({ id: 'i', severity: 'info' })];
    const rows = worstRows(list, 2);
    expect(rows.map((r) => r.key)).toEqual(['c', 'group:g']);
  });
});

describe('rowIsOpen', () => {
  it('opens a row by its key or by the id of any finding in it', () => {
    const [row] = collapseRows([reset('r1', 'g'), reset('r2', 'g')]);
    expect(rowIsOpen(row, 'group:g')).toBe(true);
    expect(rowIsOpen(row, 'r2')).toBe(true);
    expect(rowIsOpen(row, 'x')).toBe(false);
    expect(rowIsOpen(row, null)).toBe(false);
  });
});
