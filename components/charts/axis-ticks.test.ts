import { describe, expect, it } from 'vitest';
import { allIntegers, niceStep, niceTicks, tickLabels, valueAxis } from './axis-ticks';

const NBSP = '\u00a0';
const spaced = (labels: string[]) => labels.map((l) => l.replace(NBSP, ' '));

describe('niceTicks', () => {
  it('uses 1-2-5 steps and widens the domain to whole steps, so the top label is a tick', () => {
    const t = niceTicks(0, 17.2);
    expect(t.ticks).toEqual([0, 5, 10, 15, 20]);
    expect(t.domain).toEqual([0, 20]);
  });
  it('gives evenly spaced ticks where a linear split would not (no 327/255/170/85)', () => {
    const t = niceTicks(0, 340);
    for (let i = 1; i < t.ticks.length; i++) expect(t.ticks[i] - t.ticks[i - 1]).toBe(t.step);
    expect([50, 100]).toContain(t.step);
    expect(t.ticks[t.ticks.length - 1]).toBeGreaterThanOrEqual(340);
  });
  it('keeps tiny steps clean of floating-point noise', () => {
    expect(niceTicks(0, 0.00004).ticks).toEqual([0, 0.00001, 0.00002, 0.00003, 0.00004]);
    expect(niceTicks(0, 0.7).ticks).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });
  it('gives integer-valued series integer ticks (Restarts never runs 0–1.05)', () => {
    const t = niceTicks(0, 1, 5, true);
    expect(t.ticks).toEqual([0, 1]);
    expect(t.ticks.every(Number.isInteger)).toBe(true);
  });
  it('handles a flat series and negative ranges', () => {
    expect(niceTicks(0, 0).domain).toEqual([0, 1]);
    const neg = niceTicks(-3, 7);
    expect(neg.ticks[0]).toBeLessThanOrEqual(-3);
    expect(neg.ticks).toContain(0);
  });
});

describe('niceStep', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(1000, 4)).toBe(200);
    expect(niceStep(0.9, 3)).toBe(0.2);
  });
});

describe('tickLabels', () => {
  it('never repeats a label: decimals grow until the labels differ', () => {
    const labels = tickLabels([0, 0.00001, 0.00002, 0.00003], 'ratio');
    expect(spaced(labels)).toEqual(['0.000 %', '0.001 %', '0.002 %', '0.003 %']);
    expect(new Set(labels).size).toBe(labels.length);
  });
  it('scales seconds below one to ms and bytes to binary prefixes, one scale per axis', () => {
    expect(spaced(tickLabels([0, 0.1, 0.2, 0.3], 's'))).toEqual(['0 ms', '100 ms', '200 ms', '300 ms']);
    expect(spaced(tickLabels([0, 512 * 1024 * 1024, 1024 * 1024 * 1024], 'bytes'))).toEqual(['0.0 GiB', '0.5 GiB', '1.0 GiB']);
    expect(tickLabels([0, 5, 10, 15, 20], '/s')).toEqual(['0/s', '5/s', '10/s', '15/s', '20/s']);
    expect(tickLabels([0, 5000, 10000], undefined)).toEqual(['0k', '5k', '10k']);
  });
  it('keeps a number and its unit together (the chart wraps SVG text at spaces: "600" over "ms")', () => {
    expect(tickLabels([0, 0.2, 0.4, 0.6], 's')[3]).toBe(`600${NBSP}ms`);
    expect(tickLabels([0, 5, 10], 'reqps')[2]).toBe(`10${NBSP}req/s`);
  });
});

describe('valueAxis', () => {
  it('steps bytes in the binary unit it shows, so the labels are even (not 0.0/0.5/0.9/1.4 GiB)', () => {
    const axis = valueAxis(0, 1.3 * 1024 ** 3, 4, false, 'bytes');
    expect(spaced(axis.labels)).toEqual(['0.0 GiB', '0.5 GiB', '1.0 GiB', '1.5 GiB']);
    expect(axis.domain).toEqual([0, 1.5 * 1024 ** 3]);
    expect(axis.step).toBe(0.5 * 1024 ** 3);
  });
  it('matches the plain ticks for decimal units and keeps integer series on whole numbers', () => {
    expect(spaced(valueAxis(0, 0.58, 4, false, 's').labels)).toEqual(['0 ms', '200 ms', '400 ms', '600 ms']);
    expect(spaced(valueAxis(0, 17.2, 5, false, 'reqps').labels)).toEqual(['0 req/s', '5 req/s', '10 req/s', '15 req/s', '20 req/s']);
    expect(valueAxis(0, 1, 5, true).ticks).toEqual([0, 1]);
  });
});

describe('allIntegers', () => {
  it('is true only when some value exists and every finite value is whole', () => {
    expect(allIntegers([0, 1, null, 2])).toBe(true);
    expect(allIntegers([0, 0.5])).toBe(false);
    expect(allIntegers([null])).toBe(false);
  });
});

describe('valueAxis for a short chart (the log volume histogram asks for two steps)', () => {
  it('gives at most three whole-number labels whatever the tallest bar', () => {
    for (const peak of [1, 2, 7, 17, 20, 99, 950, 12_345]) {
      const axis = valueAxis(0, peak, 2, true);
      expect(axis.ticks.length, `peak ${peak}`).toBeLessThanOrEqual(3);
      expect(axis.ticks[axis.ticks.length - 1]).toBeGreaterThanOrEqual(peak);
      for (const t of axis.ticks) expect(Number.isInteger(t)).toBe(true);
    }
  });
});
