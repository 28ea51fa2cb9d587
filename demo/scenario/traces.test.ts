import { describe, expect, it } from 'vitest';
import { canonicalTraceId } from '../../lib/model/ids';
import { exemplarsFor } from '../metrics/exporter';
import { demoFamilies } from './metrics';
import { logsInRange } from './logs';
import { HISTORY_MS, MISSING_TRACE_ID, PLANTED, missingTraceId } from './story';
import { decodeTraceId, traceIdFor } from './trace-ids';
import { searchTraces, services, traceById, tracesInRange } from './traces';

const ANCHOR = Date.UTC(2026, 7, 22, 12, 0, 0);
const NOW = ANCHOR + 10 * 60_000;
const MIN = 60_000;

describe('demo trace ids', () => {
  it('are 32 hex, never all zero, and decode back to their slot', () => {
    for (const slot of [0, 1, 361_234_567, 400_000_000]) {
      for (const kind of [0, 1]) {
        const id = traceIdFor(slot, kind);
        expect(id).toMatch(/^[0-9a-f]{32}$/);
        expect(canonicalTraceId(id)).toBe(id);
        expect(decodeTraceId(id)).toEqual({ slot, kind });
      }
    }
  });

  it('do not decode when altered or unknown (the sampled-out id is unknown)', () => {
    const id = traceIdFor(361_234_567, 0);
    expect(decodeTraceId(`${id.slice(0, 31)}${id[31] === '0' ? '1' : '0'}`)).toBeNull();
    expect(decodeTraceId(MISSING_TRACE_ID)).toBeNull();
    expect(traceById(MISSING_TRACE_ID, ANCHOR, NOW)).toBeNull();
  });

  it('depend on the seed', () => {
    expect(traceIdFor(5, 0, 1)).not.toBe(traceIdFor(5, 0, 2));
    expect(missingTraceId(1)).not.toBe(missingTraceId(2));
  });
});

describe('demo traces', () => {
  const window = tracesInRange(NOW - 60 * MIN, NOW, ANCHOR, NOW);

  it('are deterministic for the same anchor and seed', () => {
    const again = tracesInRange(NOW - 60 * MIN, NOW, ANCHOR, NOW).map((t) => JSON.stringify(t));
    expect(window.map((t) => JSON.stringify(t))).toEqual(again);
  });

  it('resolve by id in any case and only within the history and ingestion window', () => {
    const t = window[window.length - 1];
    expect(traceById(t.traceId.toUpperCase(), ANCHOR, NOW)?.traceId).toBe(t.traceId);
    expect(traceById(t.traceId, ANCHOR, ANCHOR - HISTORY_MS)).toBeNull(); // not yet happened
    expect(traceById(traceIdFor(Math.floor((ANCHOR - HISTORY_MS) / 5000) - 10, 0), ANCHOR, NOW)).toBeNull();
  });

  it('have orphan spans only in order-service (the background publisher)', () => {
    let orphans = 0;
    for (const t of window) {
      const ids = new Set(t.spans.map((s) => s.spanId));
      for (const s of t.spans) {
        if (s.parentSpanId && !ids.has(s.parentSpanId)) {
          orphans++;
          expect(s.service).toBe(PLANTED.orphanSpans.service);
          expect(s.operation).toBe(PLANTED.orphanSpans.operation);
        }
      }
      expect(t.spans.filter((s) => !s.parentSpanId)).toHaveLength(1);
    }
    expect(orphans).toBeGreaterThan(100);
  });

  it('make risk-engine slower and erroring during the GC storm', () => {
    const risk = (from: number, to: number) => tracesInRange(from, to, ANCHOR, NOW).flatMap((t) => t.spans.filter((s) => s.service === 'risk-engine'));
    const before = risk(ANCHOR - 60 * MIN, ANCHOR - 25 * MIN);
    const during = risk(ANCHOR - 18 * MIN, NOW);
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    expect(median(during.map((s) => s.durationUs))).toBeGreaterThan(5 * median(before.map((s) => s.durationUs)));
    expect(during.filter((s) => s.status === 'error').length / during.length).toBeGreaterThan(0.03);
    expect(before.filter((s) => s.status === 'error').length / before.length).toBeLessThan(0.02);
  });

  it('carry http tags and process tags', () => {
    const server = window[0].spans.find((s) => s.kind === 'server')!;
    expect(server.tags).toMatchObject({ 'http.method': expect.any(String), 'http.route': expect.any(String), 'http.status_code': expect.any(Number) });
    expect(server.processTags).toMatchObject({ hostname: expect.any(String), 'service.instance.id': expect.any(String) });
  });

  it('search a 1-hour window newest first, by service, operation and tag', () => {
    const found = searchTraces({ service: 'risk-engine', fromMs: NOW - 60 * MIN, toMs: NOW, limit: 50, tags: { error: 'true' } }, ANCHOR, NOW);
    expect(found.length).toBeGreaterThan(0);
    for (const t of found) expect(t.spans.some((s) => s.service === 'risk-engine' && s.tags.error === true)).toBe(true);
    const starts = found.map((t) => Math.min(...t.spans.map((s) => s.startUs)));
    expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    expect(searchTraces({ service: 'api-gateway', operation: 'GET /api/products', fromMs: NOW - 5 * MIN, toMs: NOW, limit: 3 }, ANCHOR, NOW)).toHaveLength(3);
  });

  it('list the services that report spans (worker has none)', () => {
    expect(services()).toEqual(['api-gateway', 'inventory-service', 'notification-service', 'order-service', 'payment-gateway', 'risk-engine']);
  });
});

describe('trace ids seen in logs and exemplars', () => {
  it('all resolve in the demo Jaeger, except exactly one exemplar: the sampled-out trace', () => {
    const lines = logsInRange(BigInt(NOW - 30 * MIN) * 1_000_000n, BigInt(NOW) * 1_000_000n, ANCHOR, NOW);
    const ids = new Set(lines.map((l) => l.traceId).filter((x): x is string => x !== null));
    expect(ids.size).toBeGreaterThan(100);
    for (const id of ids) expect(traceById(id, ANCHOR, NOW), id).not.toBeNull();

    const exemplarIds = demoFamilies(ANCHOR).filter((f) => f.type === 'histogram').flatMap((f) => f.metrics.flatMap((m) => [...exemplarsFor(m, NOW, ANCHOR).values()].map((e) => e.traceId)));
    const missing = exemplarIds.filter((id) => traceById(id, ANCHOR, NOW) === null);
    expect(missing).toEqual([MISSING_TRACE_ID]);
    expect(exemplarIds.length).toBeGreaterThan(5);
  });
});
