import { z } from 'zod';

/** Wire shapes of the Loki HTTP API (lib/sources/loki/README.md §3.2–3.3). */

const labels = z.record(z.string(), z.string());
/** Unix nanoseconds as a decimal string; a double cannot hold them. */
export const nsSchema = z.string().regex(/^\d{1,20}$/, 'timestamp must be decimal nanoseconds');

/** Third tuple element: categorized `{structuredMetadata?, parsed?}`, or a flat metadata map. */
const entryMeta = z.record(z.string(), z.union([z.string(), labels]));
export const entrySchema = z.tuple([nsSchema, z.string()], entryMeta);

export const streamSchema = z.object({ stream: labels, values: z.array(entrySchema) });
const sample = z.tuple([z.number(), z.string()]);

export const lokiDataSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('streams'), result: z.array(streamSchema), encodingFlags: z.array(z.string()).optional() }),
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: labels, values: z.array(sample) })) }),
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: labels, value: sample })) }),
  z.object({ resultType: z.literal('scalar'), result: sample }),
]);
export type LokiData = z.infer<typeof lokiDataSchema>;
export type LokiStream = z.infer<typeof streamSchema>;

export const queryResponseSchema = z.object({
  status: z.string(),
  data: lokiDataSchema,
  warnings: z.array(z.string()).nullish(),
});

export const listResponseSchema = z.object({ status: z.string(), data: z.array(z.string()).nullish() });
export const seriesResponseSchema = z.object({ status: z.string(), data: z.array(labels).nullish() });
export const buildinfoSchema = z.union([z.object({ version: z.string() }), z.object({ data: z.object({ version: z.string() }) })]);
