import type { SourceName } from './model/types';
import type { RedFamily } from './anomalies/red';
import type { ExtractionConfigInput } from './correlate/extraction-config';
import { readProvisioning, ProvisioningError } from './sources/provisioning';
import { SLOT_OF_KIND, type SourceType } from './sources/provisioning-schema';

/**
 * The named sources of this process (docs/architecture.md, "Sources from a provisioning
 * file"): from TRIANGULATE_CONFIG when it is set, else one per kind from the *_URL
 * variables (named after their backend: "prometheus", "loki", "jaeger").
 */

export type SourceAuth = { type: 'basic'; user: string; password: string } | { type: 'bearer'; token: string };

export interface SourceConfig {
  /** The investigation slot this source fills (metrics: prometheus, logs: loki, traces: jaeger). */
  name: SourceName;
  baseUrl: string; // no trailing slash
  auth: SourceAuth | null;
  timeoutMs: number;
  /** True when this source is the built-in demo backend. */
  demo: boolean;
  /** Headers sent with every request (`auth: {type: headers}` in a provisioning file). */
  headers?: Record<string, string>;
}

/** One named source with its per-source settings. */
export interface NamedSourceConfig extends SourceConfig {
  /** The name users pick it by (`?logsSource=`), unique in the process. */
  label: string;
  type: SourceType;
  tenant: string | null;
  /** The label naming services on this source; null: the built-in order. */
  serviceLabel: string | null;
  /** Logs: trace-id extraction rules; absent: the built-in ones. */
  traceIds?: ExtractionConfigInput;
  /** Metrics: RED families beyond the built-in ones. */
  redFamilies?: RedFamily[];
  /** Type-specific settings (validated per type in provisioning-schema.ts). */
  options: Record<string, unknown>;
}

export interface EnvSources {
  PROMETHEUS_URL?: string;
  LOKI_URL?: string;
  JAEGER_URL?: string;
  PROMETHEUS_AUTH?: SourceAuth;
  LOKI_AUTH?: SourceAuth;
  JAEGER_AUTH?: SourceAuth;
  PROMETHEUS_TIMEOUT_MS: number;
  LOKI_TIMEOUT_MS: number;
  JAEGER_TIMEOUT_MS: number;
  JAEGER_API: 'auto' | 'v1' | 'v3';
  LOKI_TENANT?: string;
  DEMO_PROMETHEUS_URL?: string;
  DEMO_LOKI_URL?: string;
  DEMO_JAEGER_URL?: string;
  TRIANGULATE_CONFIG?: string;
}

const strip = (u: string) => u.replace(/\/+$/, '');
const TYPE_OF_SLOT: Record<SourceName, SourceType> = { prometheus: 'prometheus', loki: 'loki', jaeger: 'jaeger' };

/** The env-var form: at most one source per kind. */
function fromEnv(e: EnvSources, demo: boolean): NamedSourceConfig[] {
  const one = (slot: SourceName, url: string | undefined, auth: SourceAuth | undefined, timeoutMs: number): NamedSourceConfig | null =>
    url
      ? {
          name: slot,
          label: slot,
          type: TYPE_OF_SLOT[slot],
          baseUrl: strip(url),
          auth: demo ? null : (auth ?? null),
          timeoutMs,
          demo,
          tenant: slot === 'loki' ? (e.LOKI_TENANT ?? null) : null,
          serviceLabel: null,
          options: slot === 'jaeger' ? { api: e.JAEGER_API } : {},
        }
      : null;
  const list = demo
    ? [one('prometheus', e.DEMO_PROMETHEUS_URL, undefined, e.PROMETHEUS_TIMEOUT_MS), one('loki', e.DEMO_LOKI_URL, undefined, e.LOKI_TIMEOUT_MS), one('jaeger', e.DEMO_JAEGER_URL, undefined, e.JAEGER_TIMEOUT_MS)]
    : [one('prometheus', e.PROMETHEUS_URL, e.PROMETHEUS_AUTH, e.PROMETHEUS_TIMEOUT_MS), one('loki', e.LOKI_URL, e.LOKI_AUTH, e.LOKI_TIMEOUT_MS), one('jaeger', e.JAEGER_URL, e.JAEGER_AUTH, e.JAEGER_TIMEOUT_MS)];
  return list.filter((s): s is NamedSourceConfig => s !== null);
}

/** The file form; a bad file is a list of problems, each naming file, line and field. */
function fromFile(path: string, env: Record<string, string | undefined>): NamedSourceConfig[] {
  return readProvisioning(path, env).sources.map((s) => {
    const auth = s.auth && s.auth.type !== 'headers' ? s.auth : null;
    return {
      name: SLOT_OF_KIND[s.kind],
      label: s.name,
      type: s.type,
      baseUrl: strip(s.url),
      auth,
      headers: s.auth?.type === 'headers' ? s.auth.headers : undefined,
      timeoutMs: s.timeoutMs,
      demo: false,
      tenant: s.tenant ?? null,
      serviceLabel: s.serviceLabel ?? null,
      traceIds: s.traceIds,
      redFamilies: s.redFamilies,
      options: s.options,
    };
  });
}

/** Named sources and the demo flag, or the problems. */
export function namedSources(e: EnvSources, env: Record<string, string | undefined>): { sources: NamedSourceConfig[]; demo: boolean; problems: string[] } {
  if (e.TRIANGULATE_CONFIG) {
    const both = (['PROMETHEUS_URL', 'LOKI_URL', 'JAEGER_URL'] as const).filter((v) => e[v]);
    if (both.length) return { sources: [], demo: false, problems: [`${both.join(', ')}: not used when TRIANGULATE_CONFIG is set; list the source in ${e.TRIANGULATE_CONFIG} instead`] };
    try {
      return { sources: fromFile(e.TRIANGULATE_CONFIG, env), demo: false, problems: [] };
    } catch (err) {
      if (err instanceof ProvisioningError) return { sources: [], demo: false, problems: err.problems };
      throw err;
    }
  }
  const demo = !e.PROMETHEUS_URL && !e.LOKI_URL && !e.JAEGER_URL;
  return { sources: fromEnv(e, demo), demo, problems: [] };
}

/** The first source of each slot: what a page uses when it picks none. */
export function firstOfEachSlot(sources: readonly NamedSourceConfig[]): Record<SourceName, NamedSourceConfig | null> {
  const pick = (slot: SourceName) => sources.find((s) => s.name === slot) ?? null;
  return { prometheus: pick('prometheus'), loki: pick('loki'), jaeger: pick('jaeger') };
}
