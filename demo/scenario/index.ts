/** The demo incident's data (docs/architecture.md, "The demo"): what every emulated backend serves. */
export { resolveAnchorMs } from './anchor';
export {
  DEMO_SEED, GC_STORM_OFFSET_MS, HEALTHY_SERVICES, HISTORY_MS, LEAK_START_OFFSET_MS, MISSING_TRACE_ID, PAYMENT_RESTART_OFFSET_MS,
  PLANTED, SERVICES, SERVICE_NAMES, cyclesBetween, instanceOf, missingTraceId, serviceLabels, type DemoService,
} from './story';
export { demoFamilies, processStartMs, LATENCY_BUCKETS, ROUTES, type MetricFamily, type Sample } from './metrics';
export { demoBackfill, renderOpenMetrics, sampleTimes } from './openmetrics';
export {
  traceById, searchTraces, services, operations, dependencies, tracesInRange, SLOT_MS, INGEST_LAG_MS, type DemoTraceSearch,
} from './traces';
export { logsInRange, type DemoLogLine } from './logs';
export { scrapeDemo } from './scrape';
export { rng } from './random';
