import { describe, expect, it } from 'vitest';
import { kvListProblem, v1TracesSchema } from './schemas';

const body = (tags: unknown) => ({ data: [{ traceID: 'abc', spans: [{ traceID: 'abc', spanID: '1', tags, processID: 'p1' }], processes: { p1: { serviceName: 's', tags: [] } } }] });

describe('v1 tag list validation', () => {
  it('accepts tags of any value type and keeps them as sent', () => {
    const tags = [{ key: 'a', type: 'string', value: 'x' }, { key: 'b', value: 1 }, { key: 'c', type: 'bool', value: true }];
    const r = v1TracesSchema.safeParse(body(tags));
    expect(r.success && r.data.data?.[0].spans?.[0].tags).toEqual(tags);
    expect(v1TracesSchema.safeParse(body(null)).success).toBe(true);
  });

  it('rejects a malformed tag with its index and the path', () => {
    for (const bad of [[{ key: 1, value: 'x' }], [null], [{ key: 'k', type: 3 }], 'tags']) {
      const r = v1TracesSchema.safeParse(body(bad));
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues[0].path.join('.')).toBe('data.0.spans.0.tags');
    }
    expect(kvListProblem([{ key: 'a' }, { key: 2 }])).toBe('tag 1: key must be a string, got number');
    expect(kvListProblem([{ key: 'k', type: 3 }])).toBe('tag 0 ("k"): type must be a string, got number');
  });
});
