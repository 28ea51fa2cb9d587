import type { AppConfig } from './config';
import type { HealthResponse, SourceHealth } from './api/contract/health';
import type { SourceName } from './model/types';
import type { JaegerClient, LokiClient, PrometheusClient } from './sources/types';
import type { ElasticsearchClient } from './sources/elasticsearch/client';
import { callSource, notConfiguredMessage, withDeadline } from './investigate/source-call';

export type { HealthResponse, SourceHealth } from './api/contract/health';

export interface HealthDeps {
  config: AppConfig;
  clients: { prometheus: PrometheusClient | null; loki: LokiClient | null; jaeger: JaegerClient | null; elasticsearch?: ElasticsearchClient | null };
  breakers?: Partial<Record<SourceName, string>>;
  timeoutMs?: number;
}

/** Probe every source in parallel with a short timeout. Never throws. */
export async function checkHealth({ config, clients, breakers = {}, timeoutMs = 3_000 }: HealthDeps): Promise<HealthResponse> {
  const signal = AbortSignal.timeout(timeoutMs);
  const backends = { tracesBackend: config.tracesBackend ?? 'jaeger', logsBackend: config.logsBackend ?? 'loki', logsConfigured: !!config.sources.loki } as const;
  const msg = (n: SourceName) => notConfiguredMessage(n, config.demo, backends);
  // The log role's client: a Loki, or an Elasticsearch (its root info API gives the version).
  const logs: { buildinfo(o: { signal: AbortSignal }): Promise<{ version: string }> } | null = clients.elasticsearch
    ? { buildinfo: (o) => clients.elasticsearch!.info(o) }
    : clients.loki;
  const [prom, loki, jaeger] = await Promise.all([
    callSource(clients.prometheus, () => withDeadline(clients.prometheus!.buildinfo({ signal }), signal), msg('prometheus')),
    callSource(logs, () => withDeadline(logs!.buildinfo({ signal }), signal), msg('loki')),
    callSource(
      clients.jaeger,
      () =>
        withDeadline(
          Promise.all([clients.jaeger!.services({ signal }), clients.jaeger!.apiVersion({ signal })]).then(([services, api]) => ({ services: services.length, api })),
          signal,
        ),
      msg('jaeger'),
    ),
  ]);
  const demo = (n: SourceName) => config.sources[n]?.demo ?? config.demo;
  const sources: Record<SourceName, SourceHealth> = {
    prometheus: { ...prom.report, version: prom.value?.version, demo: demo('prometheus'), breaker: breakers.prometheus, backend: 'prometheus' },
    loki: { ...loki.report, version: loki.value?.version, demo: demo('loki'), breaker: breakers.loki, backend: backends.logsBackend },
    jaeger: { ...jaeger.report, api: jaeger.value?.api, demo: demo('jaeger'), breaker: breakers.jaeger, backend: backends.tracesBackend },
  };
  const degraded = Object.values(sources).some((s) => s.status === 'error' || s.status === 'timeout');
  return { status: degraded ? 'degraded' : 'ok', demo: config.demo, sources };
}
