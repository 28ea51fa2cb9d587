import type { AppConfig } from './config';
import type { HealthResponse, SourceHealth } from './api/contract/health';
import type { SourceName } from './model/types';
import type { JaegerClient, LokiClient, PrometheusClient } from './sources/types';
import { callSource, notConfiguredMessage, withDeadline } from './investigate/source-call';

export type { HealthResponse, SourceHealth } from './api/contract/health';

export interface HealthDeps {
  config: AppConfig;
  clients: { prometheus: PrometheusClient | null; loki: LokiClient | null; jaeger: JaegerClient | null };
  breakers?: Partial<Record<SourceName, string>>;
  timeoutMs?: number;
}

/** Probe every source in parallel with a short timeout. Never throws. */
export async function checkHealth({ config, clients, breakers = {}, timeoutMs = 3_000 }: HealthDeps): Promise<HealthResponse> {
  const signal = AbortSignal.timeout(timeoutMs);
  const msg = (n: SourceName) => notConfiguredMessage(n, config.demo);
  const [prom, loki, jaeger] = await Promise.all([
    callSource(clients.prometheus, () => withDeadline(clients.prometheus!.buildinfo({ signal }), signal), msg('prometheus')),
    callSource(clients.loki, () => withDeadline(clients.loki!.buildinfo({ signal }), signal), msg('loki')),
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
    prometheus: { ...prom.report, version: prom.value?.version, demo: demo('prometheus'), breaker: breakers.prometheus },
    loki: { ...loki.report, version: loki.value?.version, demo: demo('loki'), breaker: breakers.loki },
    jaeger: { ...jaeger.report, api: jaeger.value?.api, demo: demo('jaeger'), breaker: breakers.jaeger },
  };
  const degraded = Object.values(sources).some((s) => s.status === 'error' || s.status === 'timeout');
  const all = config.namedSources ?? [];
  const namesOf = (n: SourceName) => all.filter((s) => s.name === n).map((s) => s.label);
  return { status: degraded ? 'degraded' : 'ok', demo: config.demo, sources, named: { prometheus: namesOf('prometheus'), loki: namesOf('loki'), jaeger: namesOf('jaeger') } };
}
