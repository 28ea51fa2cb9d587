/**
 * `GET /api/v1/traces/{id}/stream` (docs/api.md, "Investigation stream"): the trace page's one
 * request, as NDJSON: one JSON object per line, each a frame named by `frame`. The order is
 * fixed by the server: `trace` first (the waterfall's columns), then `details` (tags and
 * events by row, in slices), then `logs`, `exemplars` and `metrics` as each completes, and
 * `findings` last (with every source's final status). Each span is sent once: its
 * waterfall fields in `trace`, its tags and events in `details`.
 */
import { z } from 'zod';
import { anomaly } from './anomaly';
import { allSources, range, sourceReport } from './common';
import { apiExemplar, apiMetric, apiSpanEvent, logEntry, tags, waterfallTrace, type WaterfallTrace } from './trace';

export const NDJSON = 'application/x-ndjson';

export const traceFrame = z
  .object({ frame: z.literal('trace'), traceId: z.string(), trace: waterfallTrace.nullable(), sources: z.object({ jaeger: sourceReport }), range })
  .meta({ id: 'TraceFrame' });
export type TraceFrame = Omit<z.infer<typeof traceFrame>, 'trace'> & { trace: WaterfallTrace | null };

/** Tags and events of rows `from` … `from + tags.length − 1` of the trace frame's columns. */
export const detailsFrame = z
  .object({
    frame: z.literal('details'),
    from: z.number().int().nonnegative(),
    tags: z.array(tags),
    /** Per row; null when the span has no events. */
    events: z.array(z.array(apiSpanEvent).nullable()),
  })
  .meta({ id: 'DetailsFrame' });
export type DetailsFrame = z.infer<typeof detailsFrame>;

export const logsFrame = z.object({ frame: z.literal('logs'), logs: z.array(logEntry), sources: z.object({ loki: sourceReport }) }).meta({ id: 'LogsFrame' });
export type LogsFrame = z.infer<typeof logsFrame>;

export const exemplarsFrame = z.object({ frame: z.literal('exemplars'), exemplars: z.array(apiExemplar) }).meta({ id: 'ExemplarsFrame' });
export type ExemplarsFrame = z.infer<typeof exemplarsFrame>;

export const metricsFrame = z.object({ frame: z.literal('metrics'), metrics: z.array(apiMetric) }).meta({ id: 'MetricsFrame' });
export type MetricsFrame = z.infer<typeof metricsFrame>;

/** The last frame: the findings, why each orphan has no parent (by row), and every source's final status. */
export const findingsFrame = z
  .object({
    frame: z.literal('findings'),
    anomalies: z.array(anomaly),
    orphanReasons: z.record(z.string().regex(/^\d+$/), z.string()),
    sources: allSources,
  })
  .meta({ id: 'FindingsFrame' });
export type FindingsFrame = z.infer<typeof findingsFrame>;

/** A frame the server could not finish (the stream ends after it). */
export const errorFrame = z.object({ frame: z.literal('error'), error: z.object({ code: z.string(), message: z.string() }) }).meta({ id: 'ErrorFrame' });
export type ErrorFrame = z.infer<typeof errorFrame>;

export const streamFrame = z.discriminatedUnion('frame', [traceFrame, detailsFrame, logsFrame, exemplarsFrame, metricsFrame, findingsFrame, errorFrame]).meta({ id: 'TraceStreamFrame' });
export type StreamFrame = TraceFrame | DetailsFrame | LogsFrame | ExemplarsFrame | MetricsFrame | FindingsFrame | ErrorFrame;

/** The schema of each frame by name: the browser checks a frame with its own schema only. */
export const FRAME_SCHEMAS = {
  trace: traceFrame,
  details: detailsFrame,
  logs: logsFrame,
  exemplars: exemplarsFrame,
  metrics: metricsFrame,
  findings: findingsFrame,
  error: errorFrame,
} as const;
