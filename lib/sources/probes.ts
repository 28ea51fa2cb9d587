import type { ElasticsearchClient } from './elasticsearch/client';
import type { CallOptions, JaegerClient, LokiClient, PrometheusClient, TempoClient } from './types';

/**
 * /api/health's probe of one source, by its type (docs/api.md, "Operations"): the request
 * each backend documents for "are you there", and what it tells besides.
 */
export type HealthProbe = (opts: CallOptions) => Promise<{ version?: string; api?: string }>;

export const PROBES = {
  /** `GET /api/v1/status/buildinfo` (lib/sources/prometheus/README.md). */
  prometheus: (c: PrometheusClient): HealthProbe => (o) => c.buildinfo(o),
  /** `GET /loki/api/v1/status/buildinfo` (lib/sources/loki/README.md). */
  loki: (c: LokiClient): HealthProbe => (o) => c.buildinfo(o),
  /** Jaeger has no version API: its services list proves it answers, and the API in use is worth showing. */
  jaeger: (c: JaegerClient): HealthProbe => async (o) => ({ api: (await Promise.all([c.services(o), c.apiVersion(o)]))[1] }),
  /** `GET /ready`, Tempo's readiness probe (lib/sources/tempo/README.md §1). */
  tempo: (c: TempoClient): HealthProbe => async (o) => (await c.ready(o), {}),
  /** `GET /`, the cluster's root info API with its version (lib/sources/elasticsearch/README.md). */
  elasticsearch: (c: ElasticsearchClient): HealthProbe => (o) => c.info(o),
};
