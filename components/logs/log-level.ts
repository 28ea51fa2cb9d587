import type { Labels } from '@/lib/model/types';

/** Severity of a log line, for colour and filtering. */
export const LOG_LEVELS = ['critical', 'error', 'warn', 'info', 'debug', 'trace', 'unknown'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const LEVEL_LABELS = ['level', 'severity', 'detected_level', 'severity_text', 'lvl', 'loglevel'];

const ALIASES: Record<string, LogLevel> = {
  fatal: 'critical', panic: 'critical', crit: 'critical', critical: 'critical', emerg: 'critical', emergency: 'critical', alert: 'critical',
  error: 'error', err: 'error', eror: 'error', severe: 'error',
  warn: 'warn', warning: 'warn', wrn: 'warn',
  info: 'info', inf: 'info', information: 'info', informational: 'info', notice: 'info',
  debug: 'debug', dbg: 'debug', fine: 'debug',
  trace: 'trace', trc: 'trace', finer: 'trace', finest: 'trace',
};

/** OpenTelemetry severity numbers (1–24) to a level. */
function fromSeverityNumber(n: number): LogLevel | null {
  if (!Number.isInteger(n) || n < 1 || n > 24) return null;
  if (n <= 4) return 'trace';
  if (n <= 8) return 'debug';
  if (n <= 12) return 'info';
  if (n <= 16) return 'warn';
  if (n <= 20) return 'error';
  return 'critical';
}

export function normalizeLevel(value: string): LogLevel | null {
  const v = value.trim().toLowerCase();
  if (/^\d+$/.test(v)) return fromSeverityNumber(Number(v));
  return ALIASES[v] ?? null;
}

// key=value (logfmt) and "key":"value" (JSON) forms, then a bare upper-case word.
const FIELD = /(?:^|[\s{,])"?(?:level|lvl|severity|loglevel)"?\s*[:=]\s*"?([A-Za-z]+)/i;
const WORD = /\b(FATAL|PANIC|CRITICAL|ERROR|ERR|WARNING|WARN|INFO|DEBUG|TRACE)\b/;

/** Level from the labels (level, severity, detected_level, severity_text), else from the line. */
export function detectLevel(labels: Labels, line: string): LogLevel {
  for (const key of LEVEL_LABELS) {
    const v = labels[key];
    if (v !== undefined) {
      const level = normalizeLevel(v);
      if (level) return level;
    }
  }
  const head = line.length > 2000 ? line.slice(0, 2000) : line;
  const field = FIELD.exec(head);
  if (field) {
    const level = normalizeLevel(field[1]);
    if (level) return level;
  }
  const word = WORD.exec(head);
  if (word) return normalizeLevel(word[1]) ?? 'unknown';
  return 'unknown';
}

/** Tailwind classes per level (text colour of the badge and the row's left border). */
export const LEVEL_STYLE: Record<LogLevel, { badge: string; border: string }> = {
  critical: { badge: 'bg-red-700 text-white', border: 'border-l-red-700' },
  error: { badge: 'bg-red-100 text-red-800 dark:bg-red-900/60 dark:text-red-200', border: 'border-l-red-500' },
  warn: { badge: 'bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200', border: 'border-l-amber-500' },
  info: { badge: 'bg-sky-100 text-sky-800 dark:bg-sky-900/60 dark:text-sky-200', border: 'border-l-sky-500' },
  debug: { badge: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300', border: 'border-l-slate-400' },
  trace: { badge: 'bg-slate-50 text-slate-500 dark:bg-slate-900 dark:text-slate-400', border: 'border-l-slate-300' },
  unknown: { badge: 'bg-slate-50 text-slate-500 dark:bg-slate-900 dark:text-slate-400', border: 'border-l-transparent' },
};
