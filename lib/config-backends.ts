import { z } from 'zod';
import { authSchema, esIndexNames, fieldName, httpUrl, positiveInt } from './config-schemas';

/**
 * Which backend serves the trace role (Jaeger or Tempo) and the logs role (Loki or
 * Elasticsearch/OpenSearch), and their settings (README, "Configuration"). lib/config-sources.ts
 * turns them into the named source a provisioning file would list (`type: tempo`, `type: elasticsearch`).
 */

export type TracesBackend = 'jaeger' | 'tempo';
export type LogsBackend = 'loki' | 'elasticsearch';

export const backendEnvSchema = z.object({
  /** Which backend serves the trace role and which the logs role (README, "Configuration"). */
  TRACES_BACKEND: z.enum(['jaeger', 'tempo'], 'must be "jaeger" or "tempo"').default('jaeger'),
  LOGS_BACKEND: z.enum(['loki', 'elasticsearch'], 'must be "loki" or "elasticsearch"').default('loki'),
  TEMPO_URL: httpUrl.optional(),
  TEMPO_AUTH: authSchema.optional(),
  TEMPO_TIMEOUT_MS: positiveInt(15_000, 600_000),
  /** Multi-tenant Tempo: sent as X-Scope-OrgID (lib/sources/tempo/README.md §1). */
  TEMPO_TENANT: z.string().trim().min(1).optional(),
  ELASTICSEARCH_URL: httpUrl.optional(),
  ELASTICSEARCH_AUTH: authSchema.optional(),
  ELASTICSEARCH_TIMEOUT_MS: positiveInt(15_000, 600_000),
  /** Index, alias, data stream or pattern, comma lists allowed (lib/sources/elasticsearch/README.md §1). */
  ELASTICSEARCH_INDEX: esIndexNames.default('logs-*'),
  ELASTICSEARCH_TRACE_FIELD: fieldName.default('trace.id'),
  ELASTICSEARCH_TIME_FIELD: fieldName.default('@timestamp'),
  /** The demo process's Tempo and Elasticsearch emulations (`npm run demo -- --stack tempo-elastic`). */
  DEMO_TEMPO_URL: httpUrl.optional(),
  DEMO_ELASTICSEARCH_URL: httpUrl.optional(),
});

export type BackendEnv = z.infer<typeof backendEnvSchema> & { JAEGER_URL?: string; LOKI_URL?: string };

/** A URL the chosen backend would ignore is a mistake worth stopping for, naming the variable. */
export function roleMismatches(e: BackendEnv): string[] {
  const tempo = e.TRACES_BACKEND === 'tempo';
  const es = e.LOGS_BACKEND === 'elasticsearch';
  return [
    !tempo && e.TEMPO_URL ? 'TEMPO_URL: is set but TRACES_BACKEND is not "tempo"' : null,
    tempo && e.JAEGER_URL ? 'JAEGER_URL: is set but TRACES_BACKEND is "tempo" (unset one of them)' : null,
    !es && e.ELASTICSEARCH_URL ? 'ELASTICSEARCH_URL: is set but LOGS_BACKEND is not "elasticsearch"' : null,
    es && e.LOKI_URL ? 'LOKI_URL: is set but LOGS_BACKEND is "elasticsearch" (unset one of them)' : null,
  ].filter((m): m is string => m !== null);
}
