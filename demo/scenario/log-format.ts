import type { Labels } from '../../lib/model/types';

/** How each demo service writes a log line (a mix, so every extraction path is exercised). */

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface LogEvent {
  tsNs: bigint;
  service: string;
  level: Level;
  msg: string;
  fields: Record<string, string | number | boolean>;
  traceId: string | null;
  spanId: string | null;
}

export interface FormattedLine {
  line: string;
  structuredMetadata: Labels;
}

function iso(tsNs: bigint): string {
  return new Date(Number(tsNs / 1_000_000n)).toISOString();
}

function logfmtValue(v: string | number | boolean): string {
  const s = String(v);
  return /^[^\s"=\\]+$/.test(s) ? s : JSON.stringify(s);
}

const JAVA_LOGGER: Record<string, string> = {
  'risk-engine': 'c.s.risk.ScoreController',
  'notification-service': 'c.s.notify.NotificationController',
};

export function formatLine(e: LogEvent, format: string): FormattedLine {
  const ids = e.traceId && e.spanId ? { trace_id: e.traceId, span_id: e.spanId } : null;
  switch (format) {
    case 'json':
      return { line: JSON.stringify({ ts: iso(e.tsNs), level: e.level, msg: e.msg, ...e.fields, ...(ids ?? {}) }), structuredMetadata: {} };
    case 'logfmt': {
      const pairs: [string, string | number | boolean][] = [['ts', iso(e.tsNs)], ['level', e.level], ['msg', e.msg], ...Object.entries(e.fields)];
      if (ids) pairs.push(['traceID', ids.trace_id], ['spanID', ids.span_id]);
      return { line: pairs.map(([k, v]) => `${k}=${logfmtValue(v)}`).join(' '), structuredMetadata: {} };
    }
    case 'spring': {
      const obj: Record<string, unknown> = {
        '@timestamp': iso(e.tsNs), level: e.level.toUpperCase(), logger_name: JAVA_LOGGER[e.service] ?? 'c.s.App',
        thread_name: 'http-nio-8080-exec-3', message: `${e.msg}${Object.entries(e.fields).map(([k, v]) => ` ${k}=${v}`).join('')}`,
      };
      if (ids) Object.assign(obj, { traceId: ids.trace_id, spanId: ids.span_id });
      return { line: JSON.stringify(obj), structuredMetadata: {} };
    }
    default: {
      // Plain text; trace context travels as OTLP structured metadata, not in the line.
      const fields = Object.entries(e.fields).map(([k, v]) => ` ${k}=${logfmtValue(v)}`).join('');
      const logger = JAVA_LOGGER[e.service];
      const line = logger
        ? `${iso(e.tsNs)} ${e.level.toUpperCase().padEnd(5)} [http-nio-8080-exec-7] ${logger} - ${e.msg}${fields}`
        : `${iso(e.tsNs)} ${e.level.toUpperCase()} ${e.msg}${fields}`;
      return { line, structuredMetadata: ids ?? {} };
    }
  }
}
