import { z } from 'zod';
import { kvListProblem, type KVv1 } from './schemas-kv';
import { spanV1Problem } from './span-v1-check';
import { resourceSpansSchema } from '../otlp/schemas';

/**
 * Wire shapes of the Jaeger query APIs (lib/sources/jaeger/README.md §4). Values whose type varies
 * (tag values, OTLP AnyValue) are `unknown` here and converted in the normalizers.
 * Nullable lists reflect Go's nil-slice `null`.
 */

export { kvListProblem, type KVv1 } from './schemas-kv';

/**
 * Tag lists, checked by one loop rather than a zod object per tag (tags are most of a
 * trace's objects and copying them dominated validation) and passed through as they are.
 */
const kvListV1 = z.custom<KVv1[]>().superRefine((v, ctx) => {
  const problem = kvListProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const processV1 = z.object({ serviceName: z.string(), tags: kvListV1.nullish() });

export const spanV1Schema = z.object({
  traceID: z.string(),
  spanID: z.string(),
  operationName: z.string().default(''),
  references: z.array(z.object({ refType: z.string(), traceID: z.string(), spanID: z.string() })).nullish(),
  startTime: z.number().default(0),
  duration: z.number().default(0),
  tags: kvListV1.nullish(),
  logs: z.array(z.object({ timestamp: z.number(), fields: kvListV1.nullish() })).nullish(),
  processID: z.string().optional(),
  process: processV1.optional(),
  warnings: z.array(z.string()).nullish(),
});
export type SpanV1 = z.infer<typeof spanV1Schema>;

/** Spans checked by hand (span-v1-check.ts: the rules of spanV1Schema without a copy per span). */
const spanListV1 = z.custom<SpanV1[]>().superRefine((v, ctx) => {
  if (!Array.isArray(v)) return ctx.addIssue({ code: 'custom', message: `expected an array of spans, got ${v === null ? 'null' : typeof v}` });
  for (let i = 0; i < v.length; i++) {
    const problem = spanV1Problem(v[i]);
    if (problem) return ctx.addIssue({ code: 'custom', message: problem.message, path: [i, ...problem.path] });
  }
});

export const traceV1Schema = z.object({
  traceID: z.string().optional(),
  spans: spanListV1.nullish(),
  processes: z.record(z.string(), processV1).nullish(),
  warnings: z.array(z.string()).nullish(),
});
export type TraceV1 = z.infer<typeof traceV1Schema>;

export function v1Envelope<T extends z.ZodType>(data: T) {
  return z.object({
    data: data.nullish(),
    errors: z.array(z.object({ code: z.number().optional(), msg: z.string(), traceID: z.string().optional() })).nullish(),
  });
}

export const v1TracesSchema = v1Envelope(z.array(traceV1Schema));
export const v1ServicesSchema = v1Envelope(z.array(z.string()));
export const v1OperationsSchema = v1Envelope(z.array(z.object({ name: z.string(), spanKind: z.string().default('') })));
export const v1DependenciesSchema = v1Envelope(z.array(z.object({ parent: z.string(), child: z.string(), callCount: z.number() })));

export { resourceSpansSchema, spanV3Schema, type KVv3, type ResourceSpans, type SpanV3 } from '../otlp/schemas';

export const v3TracesSchema = z.object({ result: z.object({ resourceSpans: z.array(resourceSpansSchema).nullish() }).nullish() });
export const v3ServicesSchema = z.object({ services: z.array(z.string()).nullish() });
export const v3OperationsSchema = z.object({ operations: z.array(z.object({ name: z.string(), spanKind: z.string().default('') })).nullish() });

export const v3SummariesSchema = z.object({
  summaries: z
    .array(
      z.object({
        traceId: z.string(),
        rootServiceName: z.string().optional(),
        rootOperationName: z.string().optional(),
        minStartTimeUnixNano: z.string().regex(/^\d+$/).optional(),
        maxEndTimeUnixNano: z.string().regex(/^\d+$/).optional(),
        spanCount: z.number().optional(),
        errorSpanCount: z.number().optional(),
        orphanSpanCount: z.number().optional(),
        services: z.array(z.object({ name: z.string() })).nullish(),
      }),
    )
    .nullish(),
});
