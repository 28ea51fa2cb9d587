import { z } from 'zod';

/**
 * OTLP JSON trace shapes (ResourceSpans → ScopeSpans → Span), shared by every backend that
 * answers in OTLP JSON: Jaeger /api/v3 (lib/sources/jaeger/README.md §4.5) and Tempo
 * /api/traces, /api/v2/traces (lib/sources/tempo/README.md §2). AnyValue stays `unknown`
 * here and is converted in ./normalize.ts. Ids may be hex (any case) or base64 bytes.
 */

const kvV3 = z.object({ key: z.string(), value: z.unknown() });
export type KVv3 = z.infer<typeof kvV3>;
const int64 = z.union([z.string().regex(/^\d+$/, 'must be decimal nanoseconds'), z.number()]);

export const spanV3Schema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().optional(),
  name: z.string().default(''),
  kind: z.union([z.number(), z.string()]).optional(),
  startTimeUnixNano: int64.optional(),
  endTimeUnixNano: int64.optional(),
  attributes: z.array(kvV3).nullish(),
  events: z.array(z.object({ timeUnixNano: int64.optional(), name: z.string().optional(), attributes: z.array(kvV3).nullish() })).nullish(),
  links: z.array(z.object({ traceId: z.string(), spanId: z.string() })).nullish(),
  status: z.object({ code: z.union([z.number(), z.string()]).optional(), message: z.string().optional() }).nullish(),
});
export type SpanV3 = z.infer<typeof spanV3Schema>;

export const resourceSpansSchema = z.object({
  resource: z.object({ attributes: z.array(kvV3).nullish() }).nullish(),
  scopeSpans: z.array(z.object({ scope: z.object({ name: z.string().optional(), version: z.string().optional() }).nullish(), spans: z.array(spanV3Schema).nullish() })).nullish(),
});
export type ResourceSpans = z.infer<typeof resourceSpansSchema>;
