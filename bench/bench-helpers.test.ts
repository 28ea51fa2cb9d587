import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { keepEarlierSections } from './results-file';
import { callsByEndpoint, longestChain, type ProxiedCall } from './delay-proxy';
import { exemplarsBody, generateJaegerTrace, jaegerTracesBody, lokiStreamsBody, prometheusMatrixBody } from './payloads';
import { processParsed } from './pipeline';

const call = (backend: string, path: string, delayMs: number, startMs: number, endMs: number): ProxiedCall => ({ backend, method: 'GET', path, delayMs, startMs, endMs });

describe('longestChain (the critical path of proxied calls)', () => {
  it('chains only calls that started after the previous one ended, and picks the largest delay sum', () => {
    const calls = [
      call('jaeger', '/trace', 300, 0, 305),
      call('loki', '/labels', 200, 1, 203), // parallel with the trace
      call('loki', '/query_range', 200, 204, 420), // after labels: loki chain = 400, still running at 409
      call('prometheus', '/series', 100, 306, 408), // after the trace: 400
      call('prometheus', '/query_range', 100, 409, 511), // 500: the longest
    ];
    const chain = longestChain(calls);
    expect(chain.delaySumMs).toBe(500);
    expect(chain.steps.map((s) => `${s.backend} ${s.path}`)).toEqual(['jaeger /trace', 'prometheus /series', 'prometheus /query_range']);
    expect(chain.durationSumMs).toBe(305 + 102 + 102);
  });

  it('folds consecutive calls to one endpoint (queued behind a concurrency limit) into one counted step', () => {
    const calls = [call('p', '/q', 100, 0, 101), call('p', '/q', 100, 102, 203), call('p', '/q', 100, 204, 305)];
    expect(longestChain(calls).steps).toEqual([{ backend: 'p', path: '/q', count: 3, delayMs: 300, durationMs: 303 }]);
  });

  it('is empty for no calls, and counts calls per endpoint with ids folded', () => {
    expect(longestChain([])).toEqual({ delaySumMs: 0, durationSumMs: 0, steps: [] });
    const ids = callsByEndpoint([call('j', '/api/traces/4bf92f3577b34da6a3ce929d0e0e4736', 1, 0, 1), call('j', '/api/traces/00f067aa0ba902b700f067aa0ba902b7', 1, 0, 1)]);
    expect(ids).toEqual({ 'j /api/traces/{id}': 2 });
  });
});

describe('generated payloads', () => {
  it('are deterministic for a seed', () => {
    expect(jaegerTracesBody(generateJaegerTrace(200, 7, 1_719_990_000_000))).toBe(jaegerTracesBody(generateJaegerTrace(200, 7, 1_719_990_000_000)));
  });

  it('pass the clients’ validation and go through the whole pipeline, joining every log line', () => {
    const t = generateJaegerTrace(500, 1, 1_719_990_000_000);
    const parsed = {
      jaeger: JSON.parse(jaegerTracesBody(t)),
      loki: JSON.parse(lokiStreamsBody(t, 300, 2)),
      prometheus: JSON.parse(prometheusMatrixBody(10, 50, 3, 1_719_990_600_000)),
      exemplars: JSON.parse(exemplarsBody(t, 40, 4)),
    };
    const out = processParsed(parsed, t.traceId);
    expect(out.spans).toBe(500);
    expect(out.logs).toBe(300);
    // Lines with a span id join by it; logfmt lines with only the trace id join by time.
    expect(out.joinedBySpanId).toBeGreaterThan(150);
    expect(out.joinedBySpanId + out.joinedByTime).toBe(300);
    expect(out.points).toBe(500);
    expect(out.exemplarsInTrace).toBeGreaterThan(0);
  });
});

describe('keepEarlierSections (npm run bench -- --only …)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-results-'));
  const file = path.join(dir, 'results.json');
  const at = (t: string) => ({ generatedAt: t, machine: { cpus: 2 } });

  it('keeps the sections a partial run did not measure, each with when it was measured', () => {
    const first = keepEarlierSections(file, { browser: { firstRowMs: 1 }, search: { apiMs: 2 } }, null, at('t1'));
    writeFileSync(file, JSON.stringify({ sections: first }));
    const second = keepEarlierSections(file, { browser: { skipped: 'not run' }, search: { apiMs: 3 } }, ['search'], at('t2'));
    expect(second.browser).toEqual({ measured: at('t1'), result: { firstRowMs: 1 } });
    expect(second.search).toEqual({ measured: at('t2'), result: { apiMs: 3 } });
  });

  it('records a section as not run when no earlier file has it', () => {
    const out = keepEarlierSections(path.join(dir, 'missing.json'), { scanScale: { skipped: 'not run' } }, [], at('t3'));
    expect(out.scanScale).toEqual({ measured: at('t3'), result: { skipped: 'not run' } });
  });
});
