import { z } from 'zod';
import { sourceReport } from './common';
import { apiMetric } from './trace';

/** Trace search, service pages and the service map (docs/search-api.md). */

const msRange = z.object({ fromMs: z.number(), toMs: z.number() });

export const searchResult = z
  .object({
    traceId: z.string(),
    rootService: z.string().nullable(),
    rootOperation: z.string().nullable(),
    startMs: z.number(),
    durationMs: z.number(),
    spanCount: z.number().int(),
    errorSpanCount: z.number().int(),
    services: z.array(z.object({ name: z.string(), color: z.string(), spanCount: z.number().int(), errorCount: z.number().int() })),
    flags: z.object({
      orphanSpans: z.number().int(),
      /** Spans without any parent reference: more than one means the trace is split. */
      roots: z.number().int(),
      clockSkew: z.number().int(),
      /** Null: not checked (beyond the first results, or Loki failed). */
      hasLogs: z.boolean().nullable(),
    }),
    /** Duration against the median of results with the same root operation (at least 3). */
    typical: z.object({ medianMs: z.number(), ratio: z.number(), sampleSize: z.number().int() }).nullable(),
  })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof searchResult>;

export const traceSearchAnswer = z
  .object({
    searched: z.string(),
    range: msRange,
    apiVersion: z.enum(['v1', 'v3']).nullable(),
    results: z.array(searchResult),
    logsChecked: z.number().int(),
    sources: z.object({ jaeger: sourceReport, loki: sourceReport }),
  })
  .meta({ id: 'TraceSearch' });
export type TraceSearchAnswer = z.infer<typeof traceSearchAnswer>;

export const serviceList = z.object({ services: z.array(z.string()) }).meta({ id: 'ServiceList' });
export const operationList = z.object({ service: z.string(), operations: z.array(z.string()) }).meta({ id: 'OperationList' });

export const graphSource = z.enum(['jaeger_dependencies', 'sampled_traces']);
export const serviceEdge = z
  .object({
    parent: z.string(),
    child: z.string(),
    calls: z.number(),
    sampledCalls: z.number(),
    sampledErrors: z.number(),
    errorShare: z.number().nullable(),
    /** Orphan spans attributed to this hop (context lost between caller and callee). */
    brokenLinks: z.number(),
  })
  .meta({ id: 'ServiceEdge' });
export const serviceNode = z.object({ name: z.string(), spans: z.number(), errorSpans: z.number(), orphanSpans: z.number() }).meta({ id: 'ServiceNode' });
export const serviceGraph = z.object({ source: graphSource, sampledTraces: z.number().int(), nodes: z.array(serviceNode), edges: z.array(serviceEdge) });

export const serviceMapAnswer = z
  .object({ graph: serviceGraph, range: msRange, sources: z.object({ jaeger: sourceReport }), notes: z.array(z.string()) })
  .meta({ id: 'ServiceMap' });
export type ServiceMapAnswer = z.infer<typeof serviceMapAnswer>;

export const servicePageAnswer = z
  .object({
    service: z.string(),
    range: msRange,
    panels: z.array(apiMetric),
    logVolume: z
      .object({ levelLabel: z.string(), stepSec: z.number(), levels: z.array(z.string()), buckets: z.array(z.object({ t: z.number(), counts: z.record(z.string(), z.number()) })) })
      .nullable(),
    graph: z.object({ source: graphSource, node: serviceNode.nullable(), callers: z.array(serviceEdge), callees: z.array(serviceEdge) }),
    slowest: z.array(searchResult),
    failing: z.array(searchResult),
    sources: z.object({ prometheus: sourceReport, loki: sourceReport, jaeger: sourceReport }),
    warnings: z.array(z.string()),
  })
  .meta({ id: 'ServiceOverview' });
export type ServicePageAnswer = z.infer<typeof servicePageAnswer>;
