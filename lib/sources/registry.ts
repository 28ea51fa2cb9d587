import type { NamedSourceConfig } from '../config';
import type { SourceName } from '../model/types';
import type { RedFamily } from '../anomalies/red';
import { compileExtractionConfig, type ExtractionConfig } from '../correlate/extraction-config';
import { createTransport, type Transport } from './http';
import { createJaegerClient, type JaegerApiMode } from './jaeger/client';
import { createLokiClient } from './loki/client';
import { createPrometheusClient } from './prometheus/client';
import { instrumentedFetch } from '../telemetry/instrumented-fetch';
import { KIND_OF_SLOT, type SourceKind, type SourceType } from './provisioning-schema';
import type { JaegerClient, LokiClient, PrometheusClient } from './types';

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
}

export interface SourceLists {
  prometheus: NamedClient<PrometheusClient>[];
  loki: NamedClient<LokiClient>[];
  jaeger: NamedClient<JaegerClient>[];
}

type ClientOf = { prometheus: PrometheusClient; loki: LokiClient; jaeger: JaegerClient };

/** How each type's client is built; a type whose client another module wires fills its entry. */
const FACTORIES: { [T in SourceType]: ((cfg: NamedSourceConfig, t: Transport) => ClientOf[SourceName]) | null } = {
  prometheus: (cfg, t) => createPrometheusClient(cfg, t),
  loki: (cfg, t) => createLokiClient(cfg, t, { tenant: cfg.tenant }),
  jaeger: (cfg, t) => createJaegerClient(cfg, t, (cfg.options.api as JaegerApiMode | undefined) ?? 'auto'),
  tempo: null,
  elasticsearch: null,
};

export interface Registry {
  lists: SourceLists;
  /** Transports by source name, for health. */
  transports: Map<string, { slot: SourceName; transport: Transport }>;
}

/** A type the file's schema knows whose client is not wired in this build: stops start-up like any bad configuration (instrumentation.ts). */
export class UnsupportedSourceType extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedSourceType';
  }
}

export function buildRegistry(sources: readonly NamedSourceConfig[]): Registry {
  const lists: SourceLists = { prometheus: [], loki: [], jaeger: [] };
  const transports: Registry['transports'] = new Map();
  for (const cfg of sources) {
    const factory = FACTORIES[cfg.type];
    if (!factory) throw new UnsupportedSourceType(`source "${cfg.label}": type ${cfg.type} is not supported by this build`);
    const transport = createTransport(cfg, { fetch: instrumentedFetch(cfg.name) }, { displayName: cfg.label === cfg.name ? undefined : `${cfg.label} (${cfg.type})` });
    transports.set(cfg.label, { slot: cfg.name, transport });
    const entry = {
      name: cfg.label,
      type: cfg.type,
      client: factory(cfg, transport),
      serviceLabel: cfg.serviceLabel,
      extraction: cfg.traceIds ? compileExtractionConfig(cfg.traceIds) : undefined,
      redFamilies: cfg.redFamilies,
    };
    (lists[cfg.name] as NamedClient<unknown>[]).push(entry);
  }
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

/** The sources a request asked for, per slot; throws UnknownSourceError naming a name no source has. */
export function selectSources(lists: SourceLists, selection: SourceSelection): SourceLists {
  const pick = <C>(slot: SourceName, all: NamedClient<C>[]): NamedClient<C>[] => {
    const want = selection[KIND_OF_SLOT[slot]];
    if (!want) return all.slice(0, 1);
    if (want === '*') return all;
    const names = want.split(',').map((n) => n.trim()).filter(Boolean);
    return names.map((n) => {
      const found = all.find((s) => s.name.toLowerCase() === n.toLowerCase());
      if (!found) {
        const known = all.map((s) => s.name).join(', ') || 'none configured';
        throw new UnknownSourceError(`${KIND_OF_SLOT[slot]}Source: no ${KIND_OF_SLOT[slot]} source is named "${n}" (known: ${known})`);
      }
      return found;
    });
  };
  return { prometheus: pick('prometheus', lists.prometheus), loki: pick('loki', lists.loki), jaeger: pick('jaeger', lists.jaeger) };
}

/** The first of each list: the client single-source code paths use. */
export function firstClients(lists: SourceLists): { prometheus: PrometheusClient | null; loki: LokiClient | null; jaeger: JaegerClient | null } {
  return { prometheus: lists.prometheus[0]?.client ?? null, loki: lists.loki[0]?.client ?? null, jaeger: lists.jaeger[0]?.client ?? null };
}

/** One unnamed-by-config client per kind as lists (tests, and contexts built from clients alone): each named after its backend. */
export function singleSourceLists(clients: { prometheus?: PrometheusClient | null; loki?: LokiClient | null; jaeger?: JaegerClient | null }): SourceLists {
  const only = <C>(slot: SourceName, c: C | null | undefined): NamedClient<C>[] => (c ? [{ name: slot, type: slot, client: c, serviceLabel: null }] : []);
  return { prometheus: only('prometheus', clients.prometheus), loki: only('loki', clients.loki), jaeger: only('jaeger', clients.jaeger) };
}
