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
/** risk-engine's GC storm starts here and keeps going. */
export const GC_STORM_OFFSET_MS = -20 * MIN;
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
export const HEALTHY_SERVICES: readonly string[] = ['api-gateway', 'inventory-service', 'notification-service'];

/** The planted problems, by anomaly kind, for tests that assert "exactly these". */
export const PLANTED = {
  counterReset: { service: 'payment-gateway', offsetMs: PAYMENT_RESTART_OFFSET_MS },
  gcStorm: { service: 'risk-engine', offsetMs: GC_STORM_OFFSET_MS },
  orphanSpans: { service: 'order-service', operation: 'publishOrderEvent' },
  logWithoutTraceContext: { service: 'order-service' },
  missingTrace: { service: 'risk-engine' },
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
