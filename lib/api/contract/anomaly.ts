/** The anomaly record (docs/anomalies.md, "The record"). */
import { z } from 'zod';
import { labels, timestamp } from './common';

export const ANOMALY_KINDS = [
  'counter_reset',
  'gc_storm',
  'orphan_span',
  'multiple_roots',
  'missing_trace',
  'clock_skew',
  'log_without_trace_context',
  'leak',
  'error_burst',
  'latency_spike',
  'mesh_only_hop',
] as const;
export const anomalyKind = z.enum(ANOMALY_KINDS);
export type AnomalyKind = z.infer<typeof anomalyKind>;

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export const severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severity>;

export const anomalyLink = z.object({
  label: z.string(),
  /** App-relative href, e.g. `/trace/<id>?from=…` or `/explore?…`. */
  href: z.string().meta({ description: 'App-relative href, e.g. /trace/<id>?from=… or /explore?…' }),
});
export type AnomalyLink = z.infer<typeof anomalyLink>;

export const anomalySubject = z.object({
  series: z.object({ name: z.string(), labels }).optional(),
  traceId: z.string().optional(),
  spanIds: z.array(z.string()).optional(),
  logRefs: z.array(z.object({ tsNs: z.string(), service: z.string().nullable() })).optional(),
});
export type AnomalySubject = z.infer<typeof anomalySubject>;

export const anomaly = z
  .object({
    id: z.string(),
    kind: anomalyKind,
    severity,
    title: z.string(),
    explanation: z.string(),
    service: z.string().optional(),
    start: timestamp,
    end: timestamp.optional(),
    subject: anomalySubject,
    evidence: z.record(z.string(), z.unknown()),
    links: z.array(anomalyLink),
  })
  .meta({ id: 'Anomaly' });
export type Anomaly = z.infer<typeof anomaly>;
