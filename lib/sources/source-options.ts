import { z } from 'zod';
import { esIndexNames, fieldName } from '../config-schemas';

/**
 * The `options` of each source type in a provisioning file (provisioning-schema.ts
 * OPTIONS_OF_TYPE), read again by the registry when it builds the client. The environment
 * form writes the same options (lib/config-sources.ts), so both go through these schemas.
 */

export const jaegerOptions = z.object({ api: z.enum(['auto', 'v1', 'v3']).optional() }).strict();

/** Tempo: which trace-by-id API (lib/sources/tempo/README.md §2; auto asks v2, then v1). */
export const tempoOptions = z.object({ api: z.enum(['auto', 'v1', 'v2']).default('auto') }).strict();

/**
 * Elasticsearch / OpenSearch: where the log documents are and which fields mean what
 * (lib/sources/elasticsearch/README.md §1, §4); an absent field keeps the client's ECS default.
 */
export const elasticsearchOptions = z
  .object({
    index: esIndexNames.default('logs-*'),
    timestampField: fieldName.optional(),
    messageField: fieldName.optional(),
    traceIdField: fieldName.optional(),
    spanIdField: fieldName.optional(),
    requestIdFields: z.array(fieldName).max(16).optional(),
    labelFields: z.array(fieldName).max(32).optional(),
    /** A unique keyword breaking `search_after` ties (§2.2); default `_doc`. */
    tiebreaker: fieldName.optional(),
    pageSize: z.number().int().min(1).max(10_000).optional(),
    maxPages: z.number().int().min(1).max(100).optional(),
    /** Lucene queries without a field prefix search this field (else the index's `index.query.default_field`). */
    defaultField: fieldName.optional(),
  })
  .strict();
