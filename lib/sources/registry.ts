import type { NamedSourceConfig } from '../config';
import type { SourceName } from '../model/types';
import type { RedFamily } from '../anomalies/red';
import { compileExtractionConfig, type ExtractionConfig } from '../correlate/extraction-config';
import { createTransport, type Transport } from './http';
import { createJaegerClient } from './jaeger/client';
import { createLokiClient } from './loki/client';
import { createPrometheusClient } from './prometheus/client';
import { TEMPO_TRANSPORT, createTempoClient } from './tempo/client';
import { tempoAsTraceClient } from './tempo/as-trace-client';
import { ELASTICSEARCH_TRANSPORT, createElasticsearchClient, type ElasticsearchClient } from './elasticsearch/client';
import { instrumentedFetch } from '../telemetry/instrumented-fetch';
import type { SourceKind, SourceType } from './provisioning-schema';
import { elasticsearchOptions, jaegerOptions, tempoOptions } from './source-options';
import type { JaegerClient, LokiClient, PrometheusClient } from './types';
import { PROBES, type HealthProbe } from './probes';

/**
 * One client per named source (docs/architecture.md, "Sources from a provisioning file"),
 * each with its own transport, so a down source trips only its own breaker. Pages pick a
 * source per kind by name, or all of a kind with `*` (`selectSources`).
 */

export interface NamedClient<C> {
  /** The source's name (unique in the process). */
  name: string;
  type: SourceType;
  client: C;
  /** The label naming services here; null: the built-in order. */
  serviceLabel: string | null;
  /** Logs: how trace ids are found in this source's lines. */
  extraction?: ExtractionConfig;
  /** Metrics: the RED families beyond the built-in ones. */
  redFamilies?: RedFamily[];
  /** Place in the configuration, so a kind served by two lists (Loki, Elasticsearch) keeps its order; absent: 0. */
  position?: number;
  /** /api/health's probe of this source, by its type (probes.ts). */
  probe?: HealthProbe;
}

export interface SourceLists {
  prometheus: NamedClient<PrometheusClient>[];
  /** Logs sources that speak LogQL. */
  loki: NamedClient<LokiClient>[];
  /** Traces sources: Jaegers, and Tempos behind the same interface (tempo/as-trace-client.ts). */
  jaeger: NamedClient<JaegerClient>[];
  /** Logs sources that are Elasticsearch/OpenSearch: the trace page's logs, Explore's Lucene box, health. */
  elasticsearch: NamedClient<ElasticsearchClient>[];
}

/** The list each type's clients go to. */
type ListOf = { prometheus: 'prometheus'; loki: 'loki'; jaeger: 'jaeger'; tempo: 'jaeger'; elasticsearch: 'elasticsearch' };
export const LIST_OF_TYPE: ListOf = { prometheus: 'prometheus', loki: 'loki', jaeger: 'jaeger', tempo: 'jaeger', elasticsearch: 'elasticsearch' };
type ClientOf = { prometheus: PrometheusClient; loki: LokiClient; jaeger: JaegerClient; elasticsearch: ElasticsearchClient };

interface TypeWiring<T extends SourceType> {
  /** Transport settings of a backend that is not its role's usual one (display name, liveness path). */
  transport?: { displayName: string; livenessPath: string };
  /** Headers the type sends on every request (a Tempo tenant). */
  headers?: (cfg: NamedSourceConfig) => Record<string, string> | undefined;
  build(cfg: NamedSourceConfig, t: Transport): { client: ClientOf[ListOf[T]]; probe: HealthProbe };
}

const withProbe = <C>(client: C, probe: (c: C) => HealthProbe) => ({ client, probe: probe(client) });
const tenantHeader = (cfg: NamedSourceConfig) => (cfg.tenant ? { 'X-Scope-OrgID': cfg.tenant } : undefined);

/** How each type's client and health probe are built (options validated by provisioning-schema.ts). */
const FACTORIES: { [T in SourceType]: TypeWiring<T> } = {
  prometheus: { build: (cfg, t) => withProbe(createPrometheusClient(cfg, t), PROBES.prometheus) },
  loki: { build: (cfg, t) => withProbe(createLokiClient(cfg, t, { tenant: cfg.tenant }), PROBES.loki) },
  jaeger: { build: (cfg, t) => withProbe(createJaegerClient(cfg, t, jaegerOptions.parse(cfg.options).api ?? 'auto'), PROBES.jaeger) },
  tempo: {
    transport: TEMPO_TRANSPORT,
    headers: tenantHeader,
    build: (cfg, t) => {
      const tempo = createTempoClient(cfg, t, tempoOptions.parse(cfg.options).api);
      return { client: tempoAsTraceClient(tempo), probe: PROBES.tempo(tempo) };
    },
  },
  elasticsearch: {
    transport: ELASTICSEARCH_TRANSPORT,
    build: (cfg, t) => withProbe(createElasticsearchClient(cfg, elasticsearchOptions.parse(cfg.options), t), PROBES.elasticsearch),
  },
};

export interface Registry {
  lists: SourceLists;
  /** Transports by source name, for health. */
  transports: Map<string, { slot: SourceName; transport: Transport }>;
}

export function buildRegistry(sources: readonly NamedSourceConfig[]): Registry {
  const lists: SourceLists = { prometheus: [], loki: [], jaeger: [], elasticsearch: [] };
  const transports: Registry['transports'] = new Map();
  sources.forEach((cfg, position) => {
    const wiring = FACTORIES[cfg.type] as TypeWiring<SourceType>;
    // Messages name the backend; a named source also says which one ("eu-logs (elasticsearch)").
    const displayName = cfg.label === cfg.type ? wiring.transport?.displayName : `${cfg.label} (${cfg.type})`;
    const options = { displayName, livenessPath: wiring.transport?.livenessPath, headers: wiring.headers?.(cfg) };
    const transport = createTransport(cfg, { fetch: instrumentedFetch(cfg.name) }, options);
    transports.set(cfg.label, { slot: cfg.name, transport });
    const { client, probe } = wiring.build(cfg, transport);
    const entry: NamedClient<unknown> = {
      name: cfg.label,
      type: cfg.type,
      client,
      serviceLabel: cfg.serviceLabel,
      extraction: cfg.traceIds ? compileExtractionConfig(cfg.traceIds) : undefined,
      redFamilies: cfg.redFamilies,
      position,
      probe,
    };
    (lists[LIST_OF_TYPE[cfg.type]] as NamedClient<unknown>[]).push(entry);
  });
  return { lists, transports };
}

/** `name`, or `*` for every source of the kind; absent: the first. */
export type SourceSelection = Partial<Record<SourceKind, string>>;

export class UnknownSourceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnknownSourceError';
  }
}

/** Every logs source in configuration order, whichever list holds it. */
export function logsSources(lists: SourceLists): NamedClient<LokiClient | ElasticsearchClient>[] {
  const all: NamedClient<LokiClient | ElasticsearchClient>[] = [...lists.loki, ...lists.elasticsearch];
  return all.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
}

/** The sources a request asked for, per slot; throws UnknownSourceError naming a name no source has. */
export function selectSources(lists: SourceLists, selection: SourceSelection): SourceLists {
  const pick = <C>(kind: SourceKind, all: NamedClient<C>[]): NamedClient<C>[] => {
    const want = selection[kind];
    if (!want) return all.slice(0, 1);
    if (want === '*') return all;
    const names = want.split(',').map((n) => n.trim()).filter(Boolean);
    return names.map((n) => {
      const found = all.find((s) => s.name.toLowerCase() === n.toLowerCase());
      if (!found) {
        const known = all.map((s) => s.name).join(', ') || 'none configured';
        throw new UnknownSourceError(`${kind}Source: no ${kind} source is named "${n}" (known: ${known})`);
      }
      return found;
    });
  };
  // One logs kind over two lists: the first logs source is the default whatever its type.
  const logs = pick('logs', logsSources(lists));
  return {
    prometheus: pick('metrics', lists.prometheus),
    loki: logs.filter((s): s is NamedClient<LokiClient> => s.type === 'loki'),
    jaeger: pick('traces', lists.jaeger),
    elasticsearch: logs.filter((s): s is NamedClient<ElasticsearchClient> => s.type === 'elasticsearch'),
  };
}

export interface FirstClients {
  prometheus: PrometheusClient | null;
  loki: LokiClient | null;
  jaeger: JaegerClient | null;
  /** Optional so contexts built from Loki, Jaeger and Prometheus clients alone (tests) need not name it. */
  elasticsearch?: ElasticsearchClient | null;
}

/** The first of each list: the client single-source code paths use. */
export function firstClients(lists: SourceLists): FirstClients {
  return { prometheus: lists.prometheus[0]?.client ?? null, loki: lists.loki[0]?.client ?? null, jaeger: lists.jaeger[0]?.client ?? null, elasticsearch: lists.elasticsearch[0]?.client ?? null };
}

/** One unnamed-by-config client per kind as lists (tests, and contexts built from clients alone): each named after its backend. */
export function singleSourceLists(clients: Partial<FirstClients>): SourceLists {
  const only = <C>(name: Exclude<SourceType, 'tempo'>, c: C | null | undefined, probe: (c: C) => HealthProbe): NamedClient<C>[] =>
    c ? [{ name, type: name, client: c, serviceLabel: null, probe: probe(c) }] : [];
  return {
    prometheus: only('prometheus', clients.prometheus, PROBES.prometheus),
    loki: only('loki', clients.loki, PROBES.loki),
    jaeger: only('jaeger', clients.jaeger, PROBES.jaeger),
    elasticsearch: only('elasticsearch', clients.elasticsearch, PROBES.elasticsearch),
  };
}
