/** The built-in demo incident: public surface for the app, scripts and tests. */
export { demoAnchorMs, resolveAnchorMs } from './anchor';
export {
  DEMO_SEED, GC_STORM_OFFSET_MS, HEALTHY_SERVICES, HISTORY_MS, LEAK_START_OFFSET_MS, MISSING_TRACE_ID, PAYMENT_RESTART_OFFSET_MS,
  PLANTED, SERVICES, SERVICE_NAMES, instanceOf, missingTraceId, serviceLabels, type DemoService,
} from './story';
export { demoFamilies, processStartMs, LATENCY_BUCKETS, ROUTES, type MetricFamily, type Sample } from './metrics';
export { renderOpenMetrics, sampleTimes } from './openmetrics';
export { renderExposition, exemplarsFor, OPENMETRICS_CONTENT_TYPE, MISSING_EXEMPLAR_LE } from './exporter';
export {
  traceById, searchTraces, services, operations, dependencies, tracesInRange, SLOT_MS, INGEST_LAG_MS, type DemoTraceSearch,
} from './traces';
export { logsInRange, type DemoLogLine } from './logs';
export { handleLokiRequest } from './loki-api';
export { handleJaegerRequest } from './jaeger-api';
export type { DemoRequest, DemoResponse, DemoClock } from './demo-http';
export { parseQuery } from './logql-parser';
export { LogQLParseError } from './logql';
export { toDemoRequest, toResponse, liveClock, notFound } from './serve';
