import type { SourceConfig } from '@/lib/config';
import type { SourceName } from '@/lib/model/types';
import { createJaegerClient, createLokiClient, createPrometheusClient, createTransport } from '@/lib/sources';

export const sourceConfig = (name: SourceName, baseUrl: string, timeoutMs = 10_000): SourceConfig => ({ name, baseUrl, auth: null, timeoutMs, demo: false });

/** Real clients (real transport, real HTTP) against the given base URLs. */
export function realClients(urls: { prometheus?: string; loki?: string; jaeger?: string }, timeoutMs = 10_000) {
  const make = <T>(name: SourceName, url: string | undefined, build: (cfg: SourceConfig) => T): T | null => {
    if (!url) return null;
    return build(sourceConfig(name, url, timeoutMs));
  };
  return {
    prometheus: make('prometheus', urls.prometheus, (cfg) => createPrometheusClient(cfg, createTransport(cfg))),
    loki: make('loki', urls.loki, (cfg) => createLokiClient(cfg, createTransport(cfg))),
    jaeger: make('jaeger', urls.jaeger, (cfg) => createJaegerClient(cfg, createTransport(cfg))),
  };
}
