import { performance } from 'node:perf_hooks';
import { analyzeTrace } from '@/lib/correlate/trace-model';
import { joinExemplars, joinLogs } from '@/lib/correlate/join';
import { toApiTrace } from '@/lib/correlate/api-shape';
import { mergeLines } from '@/lib/investigate/trace/trace-logs';
import { normalizeTracesV1 } from '@/lib/sources/jaeger/normalize-v1';
import { v1TracesSchema } from '@/lib/sources/jaeger/schemas';
import { normalizeStreams } from '@/lib/sources/loki/normalize';
import { queryResponseSchema } from '@/lib/sources/loki/schemas';
import { normalizeExemplars, normalizeQueryData } from '@/lib/sources/prometheus/normalize';
import { envelopeSchema, exemplarsSchema, queryDataSchema } from '@/lib/sources/prometheus/schemas';
import { exemplarsBody, generateJaegerTrace, jaegerTracesBody, lokiStreamsBody, prometheusMatrixBody } from './payloads';
import { toApiPoints } from '../lib/query/convert';
import { median } from '../lib/anomalies/stats';

/**
 * Pipeline cost relative to JSON.parse: the same steps the clients and correlateTrace run
 * after the bytes arrived (zod validation, normalization, trace analysis, log and exemplar
 * joins, the API view model, metric points in API form), timed from the parsed objects.
 */

export const PIPELINE_SIZE = { spans: 10_000, logLines: 5_000, series: 200, points: 720, exemplars: 200 };

export interface Payloads {
  traceId: string;
  texts: { jaeger: string; loki: string; prometheus: string; exemplars: string };
}

export function buildPipelinePayloads(nowMs: number): Payloads {
  const t = generateJaegerTrace(PIPELINE_SIZE.spans, 1, nowMs - 10 * 60_000);
  return {
    traceId: t.traceId,
    texts: {
      jaeger: jaegerTracesBody(t),
      loki: lokiStreamsBody(t, PIPELINE_SIZE.logLines, 2),
      prometheus: prometheusMatrixBody(PIPELINE_SIZE.series, PIPELINE_SIZE.points, 3, nowMs),
      exemplars: exemplarsBody(t, PIPELINE_SIZE.exemplars, 4),
    },
  };
}

export const STAGES = ['jaegerValidateNormalize', 'lokiValidateNormalize', 'prometheusValidateNormalizePoints', 'exemplarsValidateNormalize', 'analyzeTrace', 'joinLogs', 'joinExemplars', 'toApiTrace'] as const;
export type Stage = (typeof STAGES)[number];

type Parsed = { jaeger: unknown; loki: unknown; prometheus: unknown; exemplars: unknown };

function parseAll(p: Payloads): Parsed {
  return { jaeger: JSON.parse(p.texts.jaeger), loki: JSON.parse(p.texts.loki), prometheus: JSON.parse(p.texts.prometheus), exemplars: JSON.parse(p.texts.exemplars) };
}

function must<T>(r: { success: true; data: T } | { success: false; error: { message: string } }, what: string): T {
  if (!r.success) throw new Error(`${what} payload failed validation: ${r.error.message}`);
  return r.data;
}

/** Same conversion as lib/investigate/trace/service-series (NaN → null in the API). */

/** Everything after JSON.parse; returns counts so nothing is optimized away and the output is checked. */
export function processParsed(parsed: Parsed, traceId: string, mark: (stage: Stage) => void = () => {}) {
  const traces = normalizeTracesV1(must(v1TracesSchema.safeParse(parsed.jaeger), 'jaeger').data);
  const trace = traces.find((t) => t.traceId === traceId);
  if (!trace) throw new Error('generated trace not found after normalization');
  mark('jaegerValidateNormalize');
  const loki = must(queryResponseSchema.safeParse(parsed.loki), 'loki');
  if (loki.data.resultType !== 'streams') throw new Error('loki payload is not streams');
  const lines = mergeLines(normalizeStreams(loki.data.result, loki.data.encodingFlags, 'forward').lines);
  mark('lokiValidateNormalize');
  const prom = must(envelopeSchema(queryDataSchema).safeParse(parsed.prometheus), 'prometheus');
  const series = normalizeQueryData(prom.data!, prom.warnings ?? [], prom.infos ?? []).series;
  const points = series.map((s) => toApiPoints(s.points));
  mark('prometheusValidateNormalizePoints');
  const exemplars = normalizeExemplars(must(envelopeSchema(exemplarsSchema).safeParse(parsed.exemplars), 'exemplars').data ?? null);
  mark('exemplarsValidateNormalize');

  const view = analyzeTrace(trace);
  mark('analyzeTrace');
  const logs = joinLogs(lines, view, traceId);
  mark('joinLogs');
  const apiExemplars = joinExemplars(exemplars, view);
  mark('joinExemplars');
  const api = toApiTrace(view);
  mark('toApiTrace');
  return {
    spans: api.spans.length,
    logs: logs.length,
    joinedBySpanId: logs.filter((l) => l.joinedBy === 'span_id').length,
    joinedByTime: logs.filter((l) => l.joinedBy === 'time').length,
    exemplarsInTrace: apiExemplars.filter((e) => e.spanId !== null).length,
    points: points.reduce((n, p) => n + p.length, 0),
  };
}

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

export interface PipelineResult {
  size: typeof PIPELINE_SIZE;
  payloadMB: Record<keyof Payloads['texts'], number>;
  iterations: number;
  warmup: number;
  parseMs: number;
  processingMs: number;
  processingToParse: number;
  parsePlusProcessingToParse: number;
  goal: string;
  measuredAgainstGoal: 'processingToParse';
  output: ReturnType<typeof processParsed>;
  /** Median ms of each step inside processingMs (they add up to about processingMs). */
  stagesMs: Record<Stage, number>;
  samples: { parseMs: number[]; processingMs: number[] };
}

export function runPipelineBench(opts: { iterations?: number; warmup?: number; nowMs?: number } = {}): PipelineResult {
  const iterations = opts.iterations ?? 9;
  const warmup = opts.warmup ?? 3;
  const payloads = buildPipelinePayloads(opts.nowMs ?? Date.now());
  let output: ReturnType<typeof processParsed> | null = null;
  for (let i = 0; i < warmup; i++) output = processParsed(parseAll(payloads), payloads.traceId);
  const parseMs: number[] = [];
  const processingMs: number[] = [];
  const stageSamples = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
  for (let i = 0; i < iterations; i++) {
    // A fresh parse each time: processing must not see objects it already touched.
    let parsed: Parsed | null = null;
    parseMs.push(timeIt(() => (parsed = parseAll(payloads))));
    let last = performance.now();
    const mark = (stage: Stage) => {
      const t = performance.now();
      stageSamples[stage].push(t - last);
      last = t;
    };
    processingMs.push(timeIt(() => (output = processParsed(parsed!, payloads.traceId, mark))));
  }
  const parse = median(parseMs);
  const processing = median(processingMs);
  const mb = (s: string) => Math.round((Buffer.byteLength(s) / 1e6) * 100) / 100;
  return {
    size: PIPELINE_SIZE,
    payloadMB: { jaeger: mb(payloads.texts.jaeger), loki: mb(payloads.texts.loki), prometheus: mb(payloads.texts.prometheus), exemplars: mb(payloads.texts.exemplars) },
    iterations,
    warmup,
    parseMs: round(parse),
    processingMs: round(processing),
    processingToParse: round(processing / parse, 3),
    parsePlusProcessingToParse: round((parse + processing) / parse, 3),
    goal: '≤ 2× (processingToParse)',
    measuredAgainstGoal: 'processingToParse',
    output: output!,
    stagesMs: Object.fromEntries(STAGES.map((s) => [s, round(median(stageSamples[s]))])) as Record<Stage, number>,
    samples: { parseMs: parseMs.map((x) => round(x)), processingMs: processingMs.map((x) => round(x)) },
  };
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
export { median };

/** A copy of `o` without `keys` (for the results file). */
export function omit<T extends object>(o: T, ...keys: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k))) as Partial<T>;
}
