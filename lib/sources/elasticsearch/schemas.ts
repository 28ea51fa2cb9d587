import { z } from 'zod';

/**
 * The parts of an Elasticsearch / OpenSearch `_search` answer the client reads
 * (lib/sources/elasticsearch/README.md §2.3). `_source` stays unknown: hits.ts reads it.
 * `hits.total` is `{value, relation}` since ES 7 / OpenSearch, a bare number before.
 */

const total = z.union([z.number(), z.object({ value: z.number(), relation: z.string().optional() })]);

export const hitSchema = z.object({
  _index: z.string().optional(),
  _id: z.string().optional(),
  _source: z.record(z.string(), z.unknown()).nullish(),
  sort: z.array(z.unknown()).nullish(),
});
export type EsHit = z.infer<typeof hitSchema>;

const shards = z.object({ total: z.number().optional(), successful: z.number().optional(), skipped: z.number().optional(), failed: z.number().optional(), failures: z.array(z.unknown()).nullish() }).nullish();

export const searchResponseSchema = z.object({
  timed_out: z.boolean().optional(),
  _shards: shards,
  hits: z.object({ total: total.nullish(), hits: z.array(hitSchema) }),
});
export type EsSearchResponse = z.infer<typeof searchResponseSchema>;

/** `GET /` (the root "info" API): `{"name","cluster_name","version":{"number","distribution"?},"tagline"}`; OpenSearch adds `distribution: "opensearch"`. */
export const rootInfoSchema = z.object({ version: z.object({ number: z.string(), distribution: z.string().optional() }) });

/**
 * The answer to a volume query (query.ts `volumeQuery`, README §2.3): `aggregations.t.buckets`
 * of the date histogram (`key` is epoch ms), each with its terms sub-aggregation `g` when one
 * was asked. A terms key is a string for keyword fields, a number or boolean for others.
 */
export const volumeResponseSchema = z.object({
  timed_out: z.boolean().optional(),
  _shards: shards,
  aggregations: z.object({
    t: z.object({
      buckets: z.array(
        z.object({
          key: z.number(),
          doc_count: z.number(),
          g: z.object({ sum_other_doc_count: z.number().optional(), buckets: z.array(z.object({ key: z.union([z.string(), z.number(), z.boolean()]), doc_count: z.number() })) }).optional(),
        }),
      ),
    }),
  }),
});
