import { getConfig, type AppConfig } from '../config';
import type { SourceName } from '../model/types';
import type { BreakerState } from './breaker';
import { createTransport, type Transport, type TransportHealth } from './http';
import { createJaegerClient } from './jaeger/client';
import { createLokiClient } from './loki/client';
import { createPrometheusClient } from './prometheus/client';
import { TEMPO_TRANSPORT, createTempoClient } from './tempo/client';
import { tempoAsTraceClient } from './tempo/as-trace-client';
import { ELASTICSEARCH_TRANSPORT, createElasticsearchClient, type ElasticsearchClient } from './elasticsearch/client';
import { instrumentedFetch } from '../telemetry/instrumented-fetch';
import type { JaegerClient, LokiClient, PrometheusClient } from './types';

/**
 * The process's backend clients, built once from the configuration so that each source's
 * breaker and concurrency limit are shared by every request.
 */

export interface Sources {
  prometheus: PrometheusClient | null;
  /** The log source when LOGS_BACKEND=loki (null otherwise). */
  loki: LokiClient | null;
  /** The trace source: a Jaeger, or a Tempo behind the same interface (TRACES_BACKEND=tempo). */
  jaeger: JaegerClient | null;
  /** The log source when LOGS_BACKEND=elasticsearch; absent or null otherwise. */
  elasticsearch?: ElasticsearchClient | null;
}

interface Built {
  clients: Sources;
  transports: Partial<Record<SourceName, Transport>>;
}

export function buildSources(cfg: AppConfig): Built {
  const transports: Partial<Record<SourceName, Transport>> = {};
  const { prometheus: p, loki: l, jaeger: j } = cfg.sources;
  if (p) transports.prometheus = createTransport(p, { fetch: instrumentedFetch('prometheus') });
  const es = cfg.logsBackend === 'elasticsearch';
  const tempo = cfg.tracesBackend === 'tempo';
  // Tempo and Elasticsearch stand in the trace and logs roles: same breaker slot, their own names.
  if (l) transports.loki = createTransport(l, { fetch: instrumentedFetch('loki') }, es ? ELASTICSEARCH_TRANSPORT : {});
  if (j) {
    const tenant = tempo && cfg.tempoTenant ? { headers: { 'X-Scope-OrgID': cfg.tempoTenant } } : {};
    transports.jaeger = createTransport(j, { fetch: instrumentedFetch('jaeger') }, tempo ? { ...TEMPO_TRANSPORT, ...tenant } : {});
  }
  const logs = l && transports.loki;
  const traces = j && transports.jaeger;
  return {
    transports,
    clients: {
      prometheus: p && transports.prometheus ? createPrometheusClient(p, transports.prometheus) : null,
      loki: logs && !es ? createLokiClient(l, logs, { tenant: cfg.lokiTenant }) : null,
      elasticsearch: logs && es ? createElasticsearchClient(l, cfg.elasticsearch, logs) : null,
      jaeger: traces ? (tempo ? tempoAsTraceClient(createTempoClient(j, traces)) : createJaegerClient(j, traces, cfg.jaegerApi)) : null,
    },
  };
}

let built: Built | null = null;

function instance(): Built {
  built ??= buildSources(getConfig());
  return built;
}

/** The configured clients (null when a source is not configured). */
export function getSources(): Sources {
  return instance().clients;
}

/** Breaker and limiter details per configured source (failures, last error, queue). */
export function sourceHealthDetails(): Partial<Record<SourceName, TransportHealth>> {
  const out: Partial<Record<SourceName, TransportHealth>> = {};
  for (const [name, t] of Object.entries(instance().transports) as [SourceName, Transport][]) out[name] = t.health();
  return out;
}

/** Circuit-breaker state per configured source, for /api/health. */
export function sourceHealth(): Partial<Record<SourceName, BreakerState>> {
  return Object.fromEntries(Object.entries(sourceHealthDetails()).map(([name, h]) => [name, h.state]));
}

/** For tests that change the configuration. */
export function resetSourcesForTests(): void {
  built = null;
}

export { createTransport, type Transport, type TransportHealth } from './http';
export { createPrometheusClient } from './prometheus/client';
export { createLokiClient } from './loki/client';
export { createJaegerClient } from './jaeger/client';
