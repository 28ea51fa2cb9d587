import { z } from 'zod';

/** Wire shapes of the Prometheus HTTP API (lib/sources/prometheus/README.md §1). Unknown fields are ignored. */

export const labelsSchema = z.record(z.string(), z.string());
const sampleSchema = z.tuple([z.number(), z.string()]);
const histogramPairSchema = z.tuple([z.number(), z.unknown()]);

type Sample = [number, string];

const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Why `v` is not a list of `[timestamp, "value"]` pairs, or null when it is one. */
export function sampleListProblem(v: unknown): string | null {
  if (!Array.isArray(v)) return `expected an array of [timestamp, "value"] pairs, got ${describe(v)}`;
  for (let i = 0; i < v.length; i++) {
    const p: unknown = v[i];
    if (Array.isArray(p) && p.length === 2 && typeof p[0] === 'number' && Number.isFinite(p[0]) && typeof p[1] === 'string') continue;
    const shown = Array.isArray(p) ? `[${p.map(describe).join(', ')}]` : describe(p);
    return `sample ${i}: expected [timestamp (number), value (string)], got ${shown}`;
  }
  return null;
}

/**
 * A matrix' samples, checked by one loop instead of a zod tuple per pair (which dominated
 * the cost of a range query) and passed through without copying.
 */
const samplesSchema = z.custom<Sample[]>().superRefine((v, ctx) => {
  const problem = sampleListProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const vectorSchema = z.array(
  z.object({ metric: labelsSchema, value: sampleSchema.optional(), histogram: histogramPairSchema.optional() }),
);
export const matrixSchema = z.array(
  z.object({ metric: labelsSchema, values: samplesSchema.optional(), histograms: z.array(histogramPairSchema).optional() }),
);

export const queryDataSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: vectorSchema }),
  z.object({ resultType: z.literal('matrix'), result: matrixSchema }),
  z.object({ resultType: z.literal('scalar'), result: sampleSchema }),
  z.object({ resultType: z.literal('string'), result: sampleSchema }),
]);
export type QueryData = z.infer<typeof queryDataSchema>;

/** One envelope per data schema: a zod object compiles its parser on first use, so build each once. */
const envelopes = new WeakMap<z.ZodType, z.ZodType>();

export function envelopeSchema<T extends z.ZodType>(data: T) {
  const known = envelopes.get(data);
  if (known) return known as ReturnType<typeof buildEnvelope<T>>;
  const made = buildEnvelope(data);
  envelopes.set(data, made);
  return made;
}

function buildEnvelope<T extends z.ZodType>(data: T) {
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
