/**
 * The trace an incident links to, on the demo at every phase of its story cycle: sampled
 * as the scan samples (a few newest traces per slice and service), a five-minute storm is
 * often between samples; the incident's own search finds a trace from the storm itself.
 */
import { describe, expect, it, vi } from 'vitest';
import { scrapeDemo } from '@/demo/scenario/scrape';
import { searchTraces, services } from '@/demo/scenario/traces';
import { STORY_PERIOD_MS } from '@/demo/scenario/story';
import { runDetectors } from '../../anomalies';
import { traceBrief } from '../../incidents';
import type { JaegerClient, TraceSearch } from '../../sources/types';
import type { SourceReport } from '../../model/types';
import { DEFAULT_ANOMALY_BUDGETS, SourceCalls } from './anomalies-budgets';
import { sampleTraces } from './anomalies-traces';
import { INCIDENT_TRACE_SEARCHES, withIncidentTraces, type TraceBriefSearch } from './incident-traces';
import { incidentsOf } from './incidents';
import type { ScanResult } from './anomalies';

const ANCHOR = Date.parse('2026-03-02T15:00:00Z');
const MIN = 60_000;

/** The demo's Jaeger as a client: its search answers each window with its newest traces, like Jaeger's. */
function demoJaeger(nowMs: number): JaegerClient {
  const search = async (q: TraceSearch) => searchTraces(q, ANCHOR, nowMs);
  return {
    getTrace: async () => null,
    searchTraces: search,
    services: async () => services(),
    operations: async () => [],
    dependencies: async () => [],
    apiVersion: async () => 'v1',
  };
}

const ok = (): SourceReport => ({ status: 'ok', ms: 1 });

async function scanAt(nowMs: number): Promise<ScanResult> {
  const range = { fromMs: nowMs - 60 * MIN, toMs: nowMs };
  const jaeger = demoJaeger(nowMs);
  const traces = await sampleTraces(new SourceCalls('jaeger', jaeger, new AbortController().signal, ''), jaeger, range, DEFAULT_ANOMALY_BUDGETS);
  const { series, metadata } = scrapeDemo(ANCHOR, range.fromMs, range.toMs);
  const { anomalies } = runDetectors({ range, nowMs, series, metadata, traces, logs: [], exemplars: [], missingTraceIds: [] });
  const iso = (ms: number) => new Date(ms).toISOString();
  return { response: { anomalies, sources: { prometheus: ok(), loki: ok(), jaeger: ok() }, range: { from: iso(range.fromMs), to: iso(range.toMs) } }, traces };
}

const traceStartOf = (href: string) => Date.parse(new URL(href, 'http://x').searchParams.get('from')!) + 15 * MIN;

describe('the trace of the demo incident, at every phase of the story cycle two hours on', () => {
  const phases = Array.from({ length: STORY_PERIOD_MS / (3 * MIN) }, (_, k) => ANCHOR + 120 * MIN + k * 3 * MIN);

  it.each(phases.map((now) => [new Date(now).toISOString().slice(11, 16), now]))('at %s it ran during the GC storm', async (_, now) => {
    const jaeger = demoJaeger(now);
    const range = { fromMs: now - 60 * MIN, toMs: now };
    const { incidents } = await incidentsOf(await scanAt(now), range, (q) => jaeger.searchTraces(q).then((ts) => ts.map(traceBrief)));
    const first = incidents[0];
    const storm = first.findings.find((f) => f.kind === 'gc_storm' && f.role === 'cause_candidate')!;
    expect(storm).toBeDefined();
    const trace = first.links.find((l) => l.href.startsWith('/trace/'));
    expect(trace).toBeDefined();
    const start = traceStartOf(trace!.href);
    expect(start).toBeGreaterThanOrEqual(Date.parse(storm.start) - MIN);
    expect(start).toBeLessThanOrEqual(storm.end ? Date.parse(storm.end) : now);
  });
});

describe('looking for incident traces', () => {
  const now = ANCHOR + 130 * MIN;
  const range = { fromMs: now - 60 * MIN, toMs: now };

  it('keeps the link the sample gave when the search fails', async () => {
    const scan = await scanAt(now);
    const sampleOnly = await incidentsOf(scan, range, null);
    const failed = await incidentsOf(scan, range, () => Promise.reject(new Error('jaeger: 503')));
    expect(failed.incidents.map((i) => i.links)).toEqual(sampleOnly.incidents.map((i) => i.links));
  });

  it('does not search when the scan found Jaeger down', async () => {
    const scan = await scanAt(now);
    scan.response.sources.jaeger = { status: 'error', ms: 1, message: 'connection refused' };
    const search = vi.fn<TraceBriefSearch>(async () => []);
    await incidentsOf(scan, range, search);
    expect(search).not.toHaveBeenCalled();
  });

  it('searches only for the leading incidents, each for its lead service inside its focus window', async () => {
    const scan = await scanAt(now);
    const built = await incidentsOf(scan, range, null);
    const many = { ...built, incidents: Array.from({ length: INCIDENT_TRACE_SEARCHES + 3 }, () => built.incidents[0]) };
    const search = vi.fn<TraceBriefSearch>(async () => []);
    await withIncidentTraces(many, [], search, range.toMs);
    expect(search).toHaveBeenCalledTimes(INCIDENT_TRACE_SEARCHES);
    const storm = built.incidents[0].findings.find((f) => f.kind === 'gc_storm')!;
    expect(search.mock.calls[0][0]).toMatchObject({ service: 'risk-engine', fromMs: Date.parse(storm.start), limit: 20 });
  });
});
