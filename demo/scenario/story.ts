import { hash32, hex8 } from './random';

/**
 * The demo incident's fixed facts. Every time is an offset from the anchor (the moment the
 * demo started), so the promtool backfill and the live exporter tell the same story.
 */

export const DEMO_SEED = 20_260_822;

const MIN = 60_000;
const HOUR = 60 * MIN;

/** How much history the demo has (backfill length, oldest trace/log). */
export const HISTORY_MS = 3 * HOUR;

/** payment-gateway restarts here: process_start_time_seconds jumps, counters restart at 0. */
export const PAYMENT_RESTART_OFFSET_MS = -35 * MIN;
/** risk-engine's GC storm starts here and is still going when the demo opens. */
export const GC_STORM_OFFSET_MS = -20 * MIN;
/** …and ends four minutes later. */
export const FIRST_STORM_END_OFFSET_MS = 4 * MIN;

/**
 * From then on the story repeats so it never ages out of the default hour, however long
 * the demo runs: every STORY_PERIOD_MS payment-gateway restarts, and REPEAT_STORM_DELAY_MS
 * later risk-engine has a GC storm of REPEAT_STORM_MS. Any hour then holds a whole cycle,
 * restart included, and storms fill under half of it — so detectors that compare with the
 * window's own median still see them.
 */
export const STORY_PERIOD_MS = 30 * MIN;
export const REPEAT_RESTART_OFFSET_MS = 8 * MIN;
export const REPEAT_STORM_DELAY_MS = 12 * MIN;
export const REPEAT_STORM_MS = 5 * MIN;
/** worker's goroutines rise steadily from here, with no plateau. */
export const LEAK_START_OFFSET_MS = -HISTORY_MS;

export type Runtime = 'go' | 'jvm';

export interface DemoService {
  name: string;
  runtime: Runtime;
  /** How its logs carry trace context (see logs.ts). */
  logFormat: 'json' | 'logfmt' | 'metadata' | 'spring';
}

export const SERVICES: readonly DemoService[] = [
  { name: 'api-gateway', runtime: 'go', logFormat: 'json' },
  { name: 'order-service', runtime: 'go', logFormat: 'json' },
  { name: 'inventory-service', runtime: 'go', logFormat: 'logfmt' },
  { name: 'payment-gateway', runtime: 'go', logFormat: 'metadata' },
  { name: 'risk-engine', runtime: 'jvm', logFormat: 'metadata' },
  { name: 'notification-service', runtime: 'jvm', logFormat: 'spring' },
  { name: 'worker', runtime: 'go', logFormat: 'logfmt' },
];

export const SERVICE_NAMES = SERVICES.map((s) => s.name);

/** Services with no planted problem: a detector that flags them is wrong. */
export const HEALTHY_SERVICES: readonly string[] = ['inventory-service', 'notification-service'];

/** The planted problems, by anomaly kind, for tests that assert "exactly these". */
export const PLANTED = {
  counterReset: { service: 'payment-gateway', offsetMs: PAYMENT_RESTART_OFFSET_MS },
  gcStorm: { service: 'risk-engine', offsetMs: GC_STORM_OFFSET_MS },
  orphanSpans: { service: 'order-service', operation: 'publishOrderEvent' },
  logWithoutTraceContext: { service: 'order-service' },
  missingTrace: { service: 'risk-engine' },
  /** The storm's callers wait on it: checkout gets slower at the entry. */
  checkoutSlowdown: { service: 'api-gateway' },
  leak: { service: 'worker', metric: 'go_goroutines', offsetMs: LEAK_START_OFFSET_MS },
} as const;

/** The trace an exemplar points at but the demo Jaeger never received (sampled out). */
export function missingTraceId(seed: number = DEMO_SEED): string {
  return [1, 2, 3, 4].map((i) => hex8(hash32(seed, 'sampled-out', i))).join('');
}

export const MISSING_TRACE_ID = missingTraceId();

export function instanceOf(service: string): string {
  return `${service}-0:8080`;
}

/** Labels every demo series of a service carries. */
export function serviceLabels(service: string): Record<string, string> {
  return { job: service, instance: instanceOf(service), service_name: service };
}

export const NAMESPACE = 'shop';

export interface StoryCycle {
  restartMs: number;
  stormStartMs: number;
  stormEndMs: number;
}

/** Cycle 0 is the one the demo opens on; cycles 1, 2, … follow every STORY_PERIOD_MS. */
function cycleAt(anchorMs: number, k: number): StoryCycle {
  if (k === 0) return { restartMs: anchorMs + PAYMENT_RESTART_OFFSET_MS, stormStartMs: anchorMs + GC_STORM_OFFSET_MS, stormEndMs: anchorMs + FIRST_STORM_END_OFFSET_MS };
  const restartMs = anchorMs + REPEAT_RESTART_OFFSET_MS + (k - 1) * STORY_PERIOD_MS;
  return { restartMs, stormStartMs: restartMs + REPEAT_STORM_DELAY_MS, stormEndMs: restartMs + REPEAT_STORM_DELAY_MS + REPEAT_STORM_MS };
}

/** The cycle whose restart is the latest at or before tMs (-1: before the first restart). */
function cycleIndex(anchorMs: number, tMs: number): number {
  if (tMs < anchorMs + PAYMENT_RESTART_OFFSET_MS) return -1;
  if (tMs < anchorMs + REPEAT_RESTART_OFFSET_MS) return 0;
  return 1 + Math.floor((tMs - anchorMs - REPEAT_RESTART_OFFSET_MS) / STORY_PERIOD_MS);
}

/** Every cycle with its restart or storm in [fromMs, toMs], oldest first. */
export function cyclesBetween(anchorMs: number, fromMs: number, toMs: number): StoryCycle[] {
  const out: StoryCycle[] = [];
  // A cycle's storm ends before the next cycle's restart, so the cycle before fromMs's may still reach into the range.
  for (let k = Math.max(0, cycleIndex(anchorMs, fromMs)); k <= cycleIndex(anchorMs, toMs); k++) {
    const c = cycleAt(anchorMs, k);
    if (c.stormEndMs >= fromMs && c.restartMs <= toMs) out.push(c);
  }
  return out;
}

export function isStorming(anchorMs: number, tMs: number): boolean {
  return cyclesBetween(anchorMs, tMs, tMs).some((c) => c.stormStartMs <= tMs && tMs < c.stormEndMs);
}

/** payment-gateway's latest restart at or before tMs, or null before the first one. */
export function lastRestartMs(anchorMs: number, tMs: number): number | null {
  const k = cycleIndex(anchorMs, tMs);
  return k < 0 ? null : cycleAt(anchorMs, k).restartMs;
}
