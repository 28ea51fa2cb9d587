import type { ApiSpan } from '@/lib/api/types';

/** A minimal API span for tests: times in µs from 0, everything else neutral. */
export function apiSpan(spanId: string, parentSpanId: string | null, over: Partial<ApiSpan> = {}): ApiSpan {
  return {
    spanId,
    parentSpanId,
    service: 'svc',
    operation: `op-${spanId}`,
    start: new Date(0).toISOString(),
    startUs: 0,
    durationMs: 1,
    status: 'ok',
    tags: {},
    warnings: [],
    kind: 'internal',
    depth: 0,
    key: spanId,
    parentLink: parentSpanId === null ? null : 'CHILD_OF',
    ...over,
  };
}
