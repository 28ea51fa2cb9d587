import { z } from 'zod';

/** Wire shapes of the Prometheus HTTP API (backend-apis.md §1). Unknown fields are ignored. */

export const labelsSchema = z.record(z.string(), z.string());
const sampleSchema = z.tuple([z.number(), z.string()]);
const histogramPairSchema = z.tuple([z.number(), z.unknown()]);

export const vectorSchema = z.array(
  z.object({ metric: labelsSchema, value: sampleSchema.optional(), histogram: histogramPairSchema.optional() }),
);
export const matrixSchema = z.array(
  z.object({ metric: labelsSchema, values: z.array(sampleSchema).optional(), histograms: z.array(histogramPairSchema).optional() }),
);

export const queryDataSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: vectorSchema }),
  z.object({ resultType: z.literal('matrix'), result: matrixSchema }),
  z.object({ resultType: z.literal('scalar'), result: sampleSchema }),
  z.object({ resultType: z.literal('string'), result: sampleSchema }),
]);
export type QueryData = z.infer<typeof queryDataSchema>;

export function envelopeSchema<T extends z.ZodType>(data: T) {
  return z.object({
    status: z.enum(['success', 'error']),
    data: data.optional(),
    errorType: z.string().optional(),
    error: z.string().optional(),
    warnings: z.array(z.string()).optional(),
    infos: z.array(z.string()).optional(),
  });
}

export const stringListSchema = z.array(z.string()).nullable();
export const seriesListSchema = z.array(labelsSchema).nullable();

export const metadataSchema = z.record(
  z.string(),
  z.array(z.object({ type: z.string(), help: z.string().default(''), unit: z.string().default('') })),
);

export const exemplarsSchema = z
  .array(
    z.object({
      seriesLabels: labelsSchema,
      exemplars: z.array(z.object({ labels: labelsSchema, value: z.string(), timestamp: z.number() })).nullable(),
    }),
  )
  .nullable();

export const buildinfoSchema = z.object({ version: z.string() });
