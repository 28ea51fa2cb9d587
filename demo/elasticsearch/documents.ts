import { hash32 } from '../scenario/random';
import { logsInRange, type DemoLogLine } from '../scenario/logs';

/**
 * The demo log lines as the documents a Filebeat/ECS pipeline would have indexed
 * (lib/sources/elasticsearch/README.md §4): the raw line in `message` (Filebeat's default),
 * ECS fields nested, the trace and span ids the shipper parsed out as `trace.id` / `span.id`.
 */

/** One data stream, named as Elastic's `logs-<dataset>-<namespace>` convention has it. */
export const DEMO_INDEX = 'logs-triangulate.demo-default';

export interface DemoDoc {
  _index: string;
  _id: string;
  /** Stands for Lucene's doc id: the `_doc` sort's tie-breaker. */
  docNo: number;
  tsNs: bigint;
  source: Record<string, unknown>;
}

/** Unix ns → ISO 8601 with nine fraction digits (a date_nanos field's `strict_date_optional_time_nanos`). */
export function isoNs(tsNs: bigint): string {
  const ms = Number(tsNs / 1_000_000n);
  const frac = (tsNs % 1_000_000_000n).toString().padStart(9, '0');
  return `${new Date(ms).toISOString().slice(0, 19)}.${frac}Z`;
}

function toDoc(l: DemoLogLine): DemoDoc {
  const docNo = hash32(0, 'es-doc', `${l.tsNs}|${l.service}|${l.line}`);
  return {
    _index: DEMO_INDEX,
    _id: `${l.tsNs.toString(36)}-${docNo.toString(36)}`,
    docNo,
    tsNs: l.tsNs,
    source: {
      '@timestamp': isoNs(l.tsNs),
      message: l.line,
      log: { level: l.stream.level },
      service: { name: l.service },
      kubernetes: { namespace: l.stream.namespace },
      ...(l.traceId ? { trace: { id: l.traceId } } : {}),
      ...(l.spanId ? { span: { id: l.spanId } } : {}),
      data_stream: { type: 'logs', dataset: 'triangulate.demo', namespace: 'default' },
      ecs: { version: '8.11.0' },
    },
  };
}

export function docsInRange(fromNs: bigint, toNs: bigint, anchorMs: number, nowMs: number, seed?: number): DemoDoc[] {
  return logsInRange(fromNs, toNs, anchorMs, nowMs, seed).map(toDoc);
}
