import { describe, expect, it } from 'vitest';
import type { ApiTrace } from '@/lib/api/types';
import { traceDownload } from './trace-download';

describe('traceDownload', () => {
  it('names the file after the trace and holds the normalized model, tags and hostile text as data', () => {
    const trace = { spans: [{ spanId: 'a1', service: 'api', operation: '<script>', tags: { 'http.target': '/x?q="y"' } }], rootSpanIds: ['a1'], orphanSpanIds: [], duplicateSpanIds: [], warnings: [], start: '2026-12-04T12:00:00Z', durationMs: 5, processes: {} } as unknown as ApiTrace;
    const { filename, json } = traceDownload('4bf92f3577b34da6a3ce929d0e0e4736', trace);
    expect(filename).toBe('trace-4bf92f3577b34da6a3ce929d0e0e4736.json');
    expect(JSON.parse(json)).toEqual({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', trace });
  });
});
