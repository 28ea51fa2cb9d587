import type { CounterScanCoverage } from '../anomalies/counter-discovery';
import type { Anomaly } from '../model/anomaly';
import type { LogEntry, SourceName, SourceReport } from '../model/types';
import type { ApiExemplar, ApiTrace } from '../correlate/api-shape';

/** Public API response shapes (ARCHITECTURE.md, "Public HTTP API"). Extra fields are additive. */

export type { ApiSpan, ApiSpanEvent, ApiTrace, ApiExemplar } from '../correlate/api-shape';

export interface ApiMetric {
  name: string;
  labels: Record<string, string>;
  points: [number, number | null][];
  /** Which panel of a service this series feeds (requests, errors, latency_p99, gc_rate …). */
  panel?: string;
  service?: string;
  title?: string;
  unit?: string;
  query?: string;
}

export interface CorrelatedResponse {
  traceId: string;
  trace: ApiTrace | null;
  logs: LogEntry[];
  metrics: ApiMetric[];
  exemplars: ApiExemplar[];
  anomalies: Anomaly[];
  sources: Record<SourceName, SourceReport>;
  range: { from: string; to: string };
}

export interface AnomaliesResponse {
  anomalies: Anomaly[];
  sources: Record<SourceName, SourceReport>;
  range: { from: string; to: string };
  /** What was skipped to stay inside the query budgets. */
  skipped?: string[];
  /** What the counter-reset scan covered: names seen, counters checked, and every name left out with why. */
  counterScan?: CounterScanCoverage;
}

