import type { SourceName } from './model/types';
import type { RedFamily } from './anomalies/red';
import type { ExtractionConfigInput } from './correlate/extraction-config';
import { readProvisioning, ProvisioningError } from './sources/provisioning';
import { KIND_OF_TYPE, SLOT_OF_KIND, type SourceType } from './sources/provisioning-schema';
import type { SourceAuth } from './config-schemas';
import { roleMismatches, type BackendEnv } from './config-backends';

export type { SourceAuth } from './config-schemas';

/**
 * The named sources of this process (docs/architecture.md, "Sources from a provisioning
 * file"): from TRIANGULATE_CONFIG when it is set, else one per kind from the environment,
 * the simple case of the same model: PROMETHEUS_URL, then LOKI_URL or ELASTICSEARCH_URL
 * (LOGS_BACKEND), then JAEGER_URL or TEMPO_URL (TRACES_BACKEND), each named after its type
 * and with the options a file entry of that type would have.
 */

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

export interface EnvSources extends BackendEnv {
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

interface EnvEntry {
  type: SourceType;
  url: string | undefined;
  demoUrl: string | undefined;
  auth: SourceAuth | undefined;
  timeoutMs: number;
  tenant?: string;
  options: Record<string, unknown>;
}

/** What each environment variable family says, as the file entry it stands for. */
function envEntries(e: EnvSources): EnvEntry[] {
  const metrics: EnvEntry = { type: 'prometheus', url: e.PROMETHEUS_URL, demoUrl: e.DEMO_PROMETHEUS_URL, auth: e.PROMETHEUS_AUTH, timeoutMs: e.PROMETHEUS_TIMEOUT_MS, options: {} };
  const logs: EnvEntry =
    e.LOGS_BACKEND === 'elasticsearch'
      ? {
          type: 'elasticsearch',
          url: e.ELASTICSEARCH_URL,
          demoUrl: e.DEMO_ELASTICSEARCH_URL,
          auth: e.ELASTICSEARCH_AUTH,
          timeoutMs: e.ELASTICSEARCH_TIMEOUT_MS,
          options: { index: e.ELASTICSEARCH_INDEX, traceIdField: e.ELASTICSEARCH_TRACE_FIELD, timestampField: e.ELASTICSEARCH_TIME_FIELD },
        }
      : { type: 'loki', url: e.LOKI_URL, demoUrl: e.DEMO_LOKI_URL, auth: e.LOKI_AUTH, timeoutMs: e.LOKI_TIMEOUT_MS, tenant: e.LOKI_TENANT, options: {} };
  const traces: EnvEntry =
    e.TRACES_BACKEND === 'tempo'
      ? { type: 'tempo', url: e.TEMPO_URL, demoUrl: e.DEMO_TEMPO_URL, auth: e.TEMPO_AUTH, timeoutMs: e.TEMPO_TIMEOUT_MS, tenant: e.TEMPO_TENANT, options: {} }
      : { type: 'jaeger', url: e.JAEGER_URL, demoUrl: e.DEMO_JAEGER_URL, auth: e.JAEGER_AUTH, timeoutMs: e.JAEGER_TIMEOUT_MS, options: { api: e.JAEGER_API } };
  return [metrics, logs, traces];
}

/** The env-var form: at most one source per kind, named after its type (demo sources get no auth). */
function fromEnv(e: EnvSources, demo: boolean): NamedSourceConfig[] {
  return envEntries(e).flatMap((x): NamedSourceConfig[] => {
    const url = demo ? x.demoUrl : x.url;
    if (!url) return [];
    const slot = SLOT_OF_KIND[KIND_OF_TYPE[x.type]];
    return [{ name: slot, label: x.type, type: x.type, baseUrl: strip(url), auth: demo ? null : (x.auth ?? null), timeoutMs: x.timeoutMs, demo, tenant: x.tenant ?? null, serviceLabel: null, options: x.options }];
  });
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

/** The variables that only the environment form reads. */
const ENV_FORM_ONLY = ['PROMETHEUS_URL', 'LOKI_URL', 'JAEGER_URL', 'TEMPO_URL', 'ELASTICSEARCH_URL', 'TRACES_BACKEND', 'LOGS_BACKEND'] as const;

/** Named sources and the demo flag, or the problems. */
export function namedSources(e: EnvSources, env: Record<string, string | undefined>): { sources: NamedSourceConfig[]; demo: boolean; problems: string[] } {
  if (e.TRIANGULATE_CONFIG) {
    // The file says each source's type and settings: the environment's would be silently ignored.
    const both = ENV_FORM_ONLY.filter((v) => env[v] !== undefined && env[v] !== '');
    if (both.length) return { sources: [], demo: false, problems: [`${both.join(', ')}: not used when TRIANGULATE_CONFIG is set; list the source in ${e.TRIANGULATE_CONFIG} instead`] };
    try {
      return { sources: fromFile(e.TRIANGULATE_CONFIG, env), demo: false, problems: [] };
    } catch (err) {
      if (err instanceof ProvisioningError) return { sources: [], demo: false, problems: err.problems };
      throw err;
    }
  }
  const mismatches = roleMismatches(e);
  if (mismatches.length) return { sources: [], demo: false, problems: mismatches };
  const demo = !e.PROMETHEUS_URL && !e.LOKI_URL && !e.JAEGER_URL && !e.TEMPO_URL && !e.ELASTICSEARCH_URL;
  return { sources: fromEnv(e, demo), demo, problems: [] };
}

/** The first source of each slot: what a page uses when it picks none. */
export function firstOfEachSlot(sources: readonly NamedSourceConfig[]): Record<SourceName, NamedSourceConfig | null> {
  const pick = (slot: SourceName) => sources.find((s) => s.name === slot) ?? null;
  return { prometheus: pick('prometheus'), loki: pick('loki'), jaeger: pick('jaeger') };
}
