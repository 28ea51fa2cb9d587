import { z } from 'zod';
import { resourceSpansSchema } from '../otlp/schemas';

/**
 * Wire shapes of Grafana Tempo's HTTP query API (lib/sources/tempo/README.md). Tempo marshals
 * its protobuf messages with gogo jsonpb: zero values are omitted, uint64 come as decimal
 * strings, so every field is optional here and lists may be absent.
 */

const u64 = z.union([z.string().regex(/^\d+$/, 'must be a decimal integer'), z.number()]);
const resourceSpans = z.array(resourceSpansSchema).nullish();

/** `GET /api/traces/{id}`: a tempopb.Trace; before Tempo 2.6 (and still by MarshalToJSONV1) the list is `batches` (§2.1). */
export const traceV1Schema = z.object({ batches: resourceSpans, resourceSpans });

/** `GET /api/v2/traces/{id}`: tempopb.TraceByIDResponse (§2.2). `status` is omitted when COMPLETE. */
export const traceV2Schema = z.object({
  trace: z.object({ resourceSpans, batches: resourceSpans }).nullish(),
  status: z.union([z.enum(['COMPLETE', 'PARTIAL']), z.number()]).optional(),
  message: z.string().optional(),
});

const searchSpan = z.object({ spanID: z.string().optional(), name: z.string().optional(), startTimeUnixNano: u64.optional(), durationNanos: u64.optional() });
const spanSet = z.object({ spans: z.array(searchSpan).nullish(), matched: z.number().optional() });

/** `GET /api/search`: tempopb.SearchResponse (§3). */
export const searchSchema = z.object({
  traces: z
    .array(
      z.object({
        traceID: z.string(),
        rootServiceName: z.string().optional(),
        rootTraceName: z.string().optional(),
        startTimeUnixNano: u64.optional(),
        durationMs: z.number().optional(),
        spanSet: spanSet.nullish(),
        spanSets: z.array(spanSet).nullish(),
        serviceStats: z.record(z.string(), z.object({ spanCount: z.number().optional(), errorCount: z.number().optional() })).nullish(),
      }),
    )
    .nullish(),
});
export type TempoSearchResponse = z.infer<typeof searchSchema>;

/** `GET /api/v2/search/tags` (§4.1). */
export const tagsV2Schema = z.object({ scopes: z.array(z.object({ name: z.string(), tags: z.array(z.string()).nullish() })).nullish() });

/** `GET /api/v2/search/tag/{tag}/values` (§4.2). */
export const tagValuesV2Schema = z.object({ tagValues: z.array(z.object({ type: z.string().default(''), value: z.string().default('') })).nullish() });
