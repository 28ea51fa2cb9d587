import { getConfig, type AppConfig } from '../config';
import { getSourceLists } from '../sources';
import { firstClients, logsSources, selectSources, type SourceSelection } from '../sources/registry';
import { investigationContext, type InvestigationConfig, type InvestigationContext } from './context';
import { logsNotLokiMessage, notConfiguredMessages } from './source-call';
import { DEFAULT_RED_FAMILIES } from '../anomalies/red';

/** The process configuration's part that investigations read (lib/config.ts, read once). */
export function investigationConfig(cfg: Pick<AppConfig, 'demo'> & Partial<Pick<AppConfig, 'detection' | 'tracesBackend' | 'logsBackend'>>): InvestigationConfig {
  const backends = cfg.tracesBackend && cfg.logsBackend ? { tracesBackend: cfg.tracesBackend, logsBackend: cfg.logsBackend } : undefined;
  const out: InvestigationConfig = { notConfigured: notConfiguredMessages(cfg.demo, backends) };
  if (cfg.detection) {
    out.counters = { filter: cfg.detection.counterFilter };
    out.redFamilies = cfg.detection.redFamilies;
  }
  return out;
}

/**
 * The context of one request (docs/architecture.md, "One investigation context"): the
 * process's clients (the ones `selection` picks, default the first of each kind) and configuration, `nowMs` as the request reads it, and the request's
 * signal, so a closed tab cancels what only it was waiting for.
 */
export function requestContext(opts: { signal?: AbortSignal; nowMs?: number; config?: AppConfig; selection?: SourceSelection } = {}): InvestigationContext {
  // Throws UnknownSourceError for a name no source has; routes check the selection first (lib/api/source-params.ts).
  const sources = selectSources(getSourceLists(), opts.selection ?? {});
  const config = investigationConfig(opts.config ?? getConfig());
  // Per-source settings of the chosen (first) source from a provisioning file.
  const metrics = sources.prometheus[0];
  if (metrics?.redFamilies?.length) config.redFamilies = [...(config.redFamilies ?? DEFAULT_RED_FAMILIES), ...metrics.redFamilies];
  const logs = logsSources(sources)[0];
  if (logs?.extraction) config.extraction = logs.extraction;
  // LogQL-only views have no Loki to ask when every chosen logs source is an Elasticsearch.
  if (!sources.loki.length && sources.elasticsearch.length) config.notConfigured.loki = logsNotLokiMessage(sources.elasticsearch.map((s) => s.name));
  return investigationContext({ clients: firstClients(sources), sources, nowMs: opts.nowMs ?? Date.now(), signal: opts.signal, config });
}
