import { getConfig, type AppConfig } from '../config';
import { getSources } from '../sources';
import { investigationContext, type InvestigationConfig, type InvestigationContext } from './context';
import { notConfiguredMessages } from './source-call';

/** The process configuration's part that investigations read (lib/config.ts, read once). */
export function investigationConfig(cfg: Pick<AppConfig, 'demo'> & Partial<Pick<AppConfig, 'detection' | 'tracesBackend' | 'logsBackend' | 'sources'>>): InvestigationConfig {
  const backends = cfg.tracesBackend && cfg.logsBackend ? { tracesBackend: cfg.tracesBackend, logsBackend: cfg.logsBackend, logsConfigured: !!cfg.sources?.loki } : undefined;
  const out: InvestigationConfig = { notConfigured: notConfiguredMessages(cfg.demo, backends) };
  if (cfg.detection) {
    out.counters = { filter: cfg.detection.counterFilter };
    out.redFamilies = cfg.detection.redFamilies;
  }
  return out;
}

/**
 * The context of one request (docs/architecture.md, "One investigation context"): the
 * process's clients and configuration, `nowMs` as the request reads it, and the request's
 * signal, so a closed tab cancels what only it was waiting for.
 */
export function requestContext(opts: { signal?: AbortSignal; nowMs?: number; config?: AppConfig } = {}): InvestigationContext {
  return investigationContext({
    clients: getSources(),
    nowMs: opts.nowMs ?? Date.now(),
    signal: opts.signal,
    config: investigationConfig(opts.config ?? getConfig()),
  });
}
