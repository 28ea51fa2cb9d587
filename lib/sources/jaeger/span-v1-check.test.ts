import { describe, expect, it } from 'vitest';
import { spanV1Problem } from './span-v1-check';
import { spanV1Schema, v1TracesSchema } from './schemas';

const ok = { traceID: 'abc', spanID: '1', processID: 'p1', tags: [{ key: 'a', value: 1 }] };
const variants: [string, Record<string, unknown>][] = [
  ['a minimal span', { traceID: 'a', spanID: 'b' }],
  ['a full span', { ...ok, operationName: 'GET', references: [{ refType: 'CHILD_OF', traceID: 'a', spanID: 'b' }], startTime: 1, duration: 2, logs: [{ timestamp: 3, fields: [{ key: 'event', value: 'x' }] }], process: { serviceName: 's', tags: null }, warnings: ['w'] }],
  ['null lists', { ...ok, references: null, tags: null, logs: null, warnings: null }],
  ['no trace id', { spanID: '1' }],
  ['a numeric span id', { traceID: 'a', spanID: 1 }],
  ['a null operation name', { ...ok, operationName: null }],
  ['a string start', { ...ok, startTime: '1' }],
  ['a reference without span id', { ...ok, references: [{ refType: 'CHILD_OF', traceID: 'a' }] }],
  ['references not a list', { ...ok, references: {} }],
  ['a bad tag', { ...ok, tags: [{ key: 2 }] }],
  ['a log without timestamp', { ...ok, logs: [{ fields: [] }] }],
  ['a bad log field', { ...ok, logs: [{ timestamp: 1, fields: [null] }] }],
  ['a null process id', { ...ok, processID: null }],
  ['a process without service', { ...ok, process: { tags: [] } }],
  ['a numeric warning', { ...ok, warnings: [1] }],
  ['not an object', 'span' as unknown as Record<string, unknown>],
];

describe('hand-written v1 span check', () => {
  it.each(variants)('agrees with the zod span schema on %s (verdict and path)', (_, span) => {
    const zod = spanV1Schema.safeParse(structuredClone(span));
    const problem = spanV1Problem(structuredClone(span));
    expect(problem === null).toBe(zod.success);
    if (!zod.success && problem) expect(problem.path).toEqual(zod.error.issues[0].path);
  });

  it('fills the same defaults as the schema', () => {
    const span: Record<string, unknown> = { traceID: 'a', spanID: 'b' };
    expect(spanV1Problem(span)).toBeNull();
    expect(span).toMatchObject({ operationName: '', startTime: 0, duration: 0 });
  });

  it('reports a bad span inside a trace with the full path', () => {
    const r = v1TracesSchema.safeParse({ data: [{ traceID: 'a', spans: [{ traceID: 'a', spanID: 'b' }, { ...ok, logs: [{ timestamp: 'x' }] }] }] });
    expect(r.success).toBe(false);
    if (!r.success) {
      expect(r.error.issues[0].path.join('.')).toBe('data.0.spans.1.logs.0.timestamp');
      expect(r.error.issues[0].message).toBe('expected number, got string');
    }
  });
});
