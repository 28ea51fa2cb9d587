import { describe, expect, it } from 'vitest';
import { labelName } from '../../model/label-name';
import { fieldAt, hitToLogLine, toUnixNs } from './hits';
import { DEFAULT_ELASTICSEARCH_LOGS } from './client';

/** Pure hit mapping (README §4): dotted/nested fields, exact nanoseconds, bounded labels. */

describe('toUnixNs', () => {
  it('keeps nanoseconds exactly from ISO dates and reads epoch milliseconds', () => {
    expect(toUnixNs('2020-09-13T10:48:03.250123456Z')).toBe('1599994083250123456');
    expect(toUnixNs('2020-09-13T12:48:03.25+02:00')).toBe('1599994083250000000');
    expect(toUnixNs('2020-09-13T12:48:03+0200')).toBe('1599994083000000000');
    expect(toUnixNs('2020-09-13T10:48:03.5')).toBe('1599994083500000000');
    expect(toUnixNs(1_599_994_083_250)).toBe('1599994083250000000');
    expect(toUnixNs('1599994083250')).toBe('1599994083250000000');
    expect(toUnixNs(1_599_994_083_250.5)).toBe('1599994083250500000');
  });

  it('refuses what is not a date', () => {
    for (const bad of ['', 'yesterday', '2020-13-45T99:99:99Z', -5, NaN, null, {}, '1969-12-31T23:59:59Z']) expect(toUnixNs(bad)).toBeNull();
  });
});

describe('fieldAt', () => {
  it('reads a dotted path through any split of the document', () => {
    const doc = { 'trace.id': 'a', service: { name: 'cart' }, log: { 'origin.file': { line: 3 } }, 'http.request': { id: 'r' } };
    expect(fieldAt(doc, 'trace.id')).toBe('a');
    expect(fieldAt(doc, 'service.name')).toBe('cart');
    expect(fieldAt(doc, 'log.origin.file.line')).toBe(3);
    expect(fieldAt(doc, 'http.request.id')).toBe('r');
    expect(fieldAt(doc, 'nope.x')).toBeUndefined();
    expect(fieldAt({ __proto__: { polluted: 1 } } as unknown, 'polluted')).toBeUndefined();
  });
});

describe('hitToLogLine', () => {
  it('bounds hostile documents: huge values cut, at most 64 parsed fields, deep nesting ignored', () => {
    let deep: Record<string, unknown> = { leaf: 'x' };
    for (let i = 0; i < 50; i++) deep = { d: deep };
    const source: Record<string, unknown> = { '@timestamp': 1, message: '<script>alert(1)</script>', 'service.name': 'x'.repeat(5000), deep };
    for (let i = 0; i < 500; i++) source[`f${i}`] = i;
    const line = hitToLogLine({ _id: '1', _source: source }, DEFAULT_ELASTICSEARCH_LOGS)!;
    expect(line.line).toBe('<script>alert(1)</script>'); // text, rendered as text by the UI
    expect(line.stream.service_name).toHaveLength(1025);
    expect(Object.keys(line.parsed)).toHaveLength(64);
    expect(Object.keys(line.parsed).some((k) => k.startsWith('deep'))).toBe(false);
  });

  it('drops a hit without a usable time and names labels as Loki would', () => {
    expect(hitToLogLine({ _source: { message: 'x' } }, DEFAULT_ELASTICSEARCH_LOGS)).toBeNull();
    expect(labelName('kubernetes.pod.name')).toBe('kubernetes_pod_name');
  });
});
