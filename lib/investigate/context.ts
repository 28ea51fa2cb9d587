import { setMaxListeners } from 'node:events';
import type { SourceName } from '../model/types';
import { notConfiguredMessages } from './source-call';
import type { Sources } from '../sources';
import { firstClients, singleSourceLists, type SourceLists } from '../sources/registry';
import type { ExtractionConfig } from '../correlate/extraction-config';
import type { RedFamily } from '../anomalies/red';
import type { CounterScanOptions } from './scan/anomalies-counters';
import type { AnomalyBudgets } from './scan/anomalies-budgets';

/**
 * What every investigation runs with (docs/architecture.md, "One investigation context"):
 * the backend clients, the part of the configuration it reads, its clock and its budget.
 * The trace page, the anomaly scan, the service page and the explore queries all take this
 * one type; a route builds it once per request (`request-context.ts`), tests with
 * `investigationContext`.
 */
export interface InvestigationContext {
  /** The chosen backend client of each kind (the first of `sources`); null where none is configured. */
  clients: Sources;
  /**
   * The named sources the request chose per kind, in order: one (the default) or several
   * (`?logsSource=*`), which the trace investigation fans out to (docs/architecture.md,
   * "Sources from a provisioning file"). Code that reads one source uses `clients`.
   */
  sources: SourceLists;
  config: InvestigationConfig;
  /** The investigation's "now" (epoch ms): every window and detector reads this one instant. */
  nowMs: number;
  /** Monotonic milliseconds, for the per-source timings. */
  clock: () => number;
  /** The budget: aborts when the caller goes away or the time given to the work runs out (`withBudget`). */
  signal?: AbortSignal;
}

export interface InvestigationConfig {
  /** What a source that is not configured says (how to connect it). */
  notConfigured: Record<SourceName, string>;
  /** Which counters the reset scan checks (COUNTER_SCAN_INCLUDE / _EXCLUDE). */
  counters?: CounterScanOptions;
  /** RED families beyond the built-in HTTP and gRPC ones (RED_FAMILIES). */
  redFamilies?: readonly RedFamily[];
  /** How trace ids are found in log lines (defaults to the built-in patterns). */
  extraction?: ExtractionConfig;
  /** Overrides of the anomaly scan's limits. */
  budgets?: Partial<AnomalyBudgets>;
}

/** Outside demo mode a missing source says which variable connects it. */
const DEFAULT_NOT_CONFIGURED = notConfiguredMessages(false);

/** A context from its parts; what is left out has its default (no source, "Set X_URL…", performance.now). */
export function investigationContext(parts: {
  clients: Partial<Sources>;
  /** Several named sources per kind; default: each client of `clients` as the one source of its kind. */
  sources?: Partial<SourceLists>;
  nowMs: number;
  signal?: AbortSignal;
  clock?: () => number;
  config?: Omit<InvestigationConfig, 'notConfigured'> & { notConfigured?: Partial<Record<SourceName, string>> };
}): InvestigationContext {
  const single = singleSourceLists(parts.clients);
  const sources: SourceLists = { ...single, ...parts.sources };
  return {
    clients: firstClients(sources),
    sources,
    config: { ...parts.config, notConfigured: { ...DEFAULT_NOT_CONFIGURED, ...parts.config?.notConfigured } },
    nowMs: parts.nowMs,
    clock: parts.clock ?? (() => performance.now()),
    signal: parts.signal,
  };
}

/** The budget ran out: reported as a timeout of whatever was still running. */
export class BudgetExceeded extends Error {
  constructor(what: string, ms: number) {
    super(`${what}'s budget of ${ms / 1000} s ran out`);
    this.name = 'TimeoutError';
  }
}

/**
 * The context narrowed to a budget of `ms`: its signal fires at the deadline (with a
 * BudgetExceeded naming `what`) or when the caller's does. Call `done` when the work ends,
 * so the timer and the listener go away with it.
 */
export function withBudget(ctx: InvestigationContext, ms: number, what: string): { ctx: InvestigationContext; done: () => void } {
  const controller = new AbortController();
  // Every backend call in flight listens on this one signal (dozens at once, by design).
  setMaxListeners(0, controller.signal);
  const outer = ctx.signal;
  const timer = setTimeout(() => controller.abort(new BudgetExceeded(what, ms)), ms);
  const onOuter = () => controller.abort(outer?.reason);
  if (outer?.aborted) onOuter();
  else outer?.addEventListener('abort', onOuter, { once: true });
  return {
    ctx: { ...ctx, signal: controller.signal },
    done: () => {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    },
  };
}
