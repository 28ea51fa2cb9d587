import { getConfig, type AppConfig } from '../config';
import type { SourceName } from '../model/types';
import type { BreakerState } from './breaker';
import type { Transport, TransportHealth } from './http';
import { buildRegistry, firstClients, type FirstClients, type Registry, type SourceLists } from './registry';

/**
 * The process's backend clients, built once from the configuration so that each source's
 * breaker and concurrency limit are shared by every request.
 */

/** The first client of each list (a Tempo sits in `jaeger` behind the same interface). */
export type Sources = FirstClients;

interface Built {
  clients: Sources;
  /** Every named source per slot, in configuration order. */
  lists: SourceLists;
  transports: Partial<Record<SourceName, Transport>>;
  /** Every named source's transport, by name. */
  named: Registry['transports'];
}

export function buildSources(cfg: Pick<AppConfig, 'namedSources'>): Built {
  const registry = buildRegistry(cfg.namedSources);
  const transports: Partial<Record<SourceName, Transport>> = {};
  // The first source of each slot answers for the slot in /api/health's single-source shape.
  for (const { slot, transport } of registry.transports.values()) transports[slot] ??= transport;
  return { clients: firstClients(registry.lists), lists: registry.lists, transports, named: registry.transports };
}

let built: Built | null = null;

function instance(): Built {
  built ??= buildSources(getConfig());
  return built;
}

/** The first configured client of each kind (null when none is configured). */
export function getSources(): Sources {
  return instance().clients;
}

/** Every named source of each kind (docs/architecture.md, "Sources from a provisioning file"). */
export function getSourceLists(): SourceLists {
  return instance().lists;
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
