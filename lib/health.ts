import type { AppConfig } from './config';
import type { HealthResponse, NamedSourceHealth, SourceHealth } from './api/contract/health';
import type { SourceName } from './model/types';
import { logsSources, singleSourceLists, type FirstClients, type NamedClient, type SourceLists } from './sources/registry';
import { callSource, notConfiguredMessage, withDeadline } from './investigate/source-call';

export type { HealthResponse, SourceHealth } from './api/contract/health';

export interface HealthDeps {
  config: AppConfig;
  /** Every named source (lib/sources/registry.ts); each is probed by its type (lib/sources/probes.ts). */
  sources?: SourceLists;
  /** Or one client per kind (tests): probed as the backend its slot names. */
  clients?: Partial<FirstClients>;
  /** Breaker state by slot (the first source of each). */
  breakers?: Partial<Record<SourceName, string>>;
  timeoutMs?: number;
}

/** Probe one source within the shared signal. Never throws. */
async function probe(s: NamedClient<unknown>, signal: AbortSignal): Promise<NamedSourceHealth> {
  const { value, report } = await callSource(s.probe ?? null, () => withDeadline(s.probe!({ signal }), signal), `${s.name} has no health probe`);
  return { name: s.name, backend: s.type, ...report, ...(value?.version ? { version: value.version } : {}), ...(value?.api ? { api: value.api } : {}) };
}

/**
 * Probe every configured source in parallel with a short timeout (docs/api.md,
 * "Operations"). Each slot reports its first source (the default a page uses); with several
 * sources of a kind, `sources` lists each one's own status. Never throws.
 */
export async function checkHealth({ config, sources, clients = {}, breakers = {}, timeoutMs = 3_000 }: HealthDeps): Promise<HealthResponse> {
  const signal = AbortSignal.timeout(timeoutMs);
  const lists = sources ?? singleSourceLists(clients);
  const bySlot: Record<SourceName, NamedClient<unknown>[]> = { prometheus: lists.prometheus, loki: logsSources(lists), jaeger: lists.jaeger };
  const probed = await Promise.all(
    (Object.entries(bySlot) as [SourceName, NamedClient<unknown>[]][]).map(async ([slot, list]) => [slot, await Promise.all(list.map((s) => probe(s, signal)))] as const),
  );
  const backends = { tracesBackend: config.tracesBackend ?? 'jaeger', logsBackend: config.logsBackend ?? 'loki' } as const;
  const slotHealth = (slot: SourceName, all: readonly NamedSourceHealth[]): SourceHealth => {
    const demo = config.sources[slot]?.demo ?? config.demo;
    const first = all[0];
    if (!first) {
      const backend = slot === 'jaeger' ? backends.tracesBackend : slot === 'loki' ? backends.logsBackend : 'prometheus';
      return { status: 'not_configured', ms: 0, message: notConfiguredMessage(slot, config.demo, backends), demo, backend };
    }
    const { name: _name, ...report } = first;
    return { ...report, demo, breaker: breakers[slot], ...(all.length > 1 ? { sources: [...all] } : {}) };
  };
  const out = Object.fromEntries(probed.map(([slot, all]) => [slot, slotHealth(slot, all)])) as Record<SourceName, SourceHealth>;
  const failed = probed.some(([, all]) => all.some((s) => s.status === 'error' || s.status === 'timeout'));
  const named = Object.fromEntries(probed.map(([slot, all]) => [slot, all.map((s) => s.name)])) as Record<SourceName, string[]>;
  return { status: failed ? 'degraded' : 'ok', demo: config.demo, sources: out, named };
}
