import { SOURCE_NAMES, type SourceName, type SourceReport } from '../model/types';
import { BACKEND_DISPLAY_NAMES } from '../model/source-names';

/**
 * Run one backend call and turn its outcome into a per-source status, so a failing or
 * slow source degrades its own part of a response and never the whole request.
 */
export interface SourceOutcome<T> {
  value: T | null;
  report: SourceReport;
}

interface ErrorLike {
  kind?: string;
  message?: string;
  name?: string;
}

export function reportFromError(err: unknown, ms: number): SourceReport {
  const e = (err ?? {}) as ErrorLike;
  const kind = e.kind ?? (e.name === 'AbortError' || e.name === 'TimeoutError' ? 'timeout' : 'unreachable');
  const message = typeof e.message === 'string' && e.message ? e.message : 'request failed';
  return { status: kind === 'timeout' ? 'timeout' : 'error', kind, message, ms };
}

export async function callSource<T>(
  client: unknown | null,
  fn: () => Promise<T>,
  notConfiguredMessage = 'not configured',
  clock: () => number = () => performance.now(),
): Promise<SourceOutcome<T>> {
  if (client == null) return { value: null, report: { status: 'not_configured', message: notConfiguredMessage, ms: 0 } };
  const started = clock();
  try {
    const value = await fn();
    return { value, report: { status: 'ok', ms: Math.round(clock() - started) } };
  } catch (err) {
    return { value: null, report: reportFromError(err, Math.round(clock() - started)) };
  }
}

/** Combine several calls to the same source: worst status wins, times add up. */
export function mergeReports(reports: SourceReport[]): SourceReport {
  const order: SourceReport['status'][] = ['ok', 'not_configured', 'timeout', 'error'];
  if (reports.length === 0) return { status: 'ok', ms: 0 };
  const worst = reports.reduce((a, b) => (order.indexOf(b.status) > order.indexOf(a.status) ? b : a));
  return { ...worst, ms: Math.max(...reports.map((r) => r.ms)) };
}

/** The types the environment form configures for traces and logs (TRACES_BACKEND, LOGS_BACKEND): the variable a missing source needs. */
export interface EnvBackends {
  tracesBackend: 'jaeger' | 'tempo';
  logsBackend: 'loki' | 'elasticsearch';
}

/** The not-configured message of every source, for the scans that ask all three. */
export const notConfiguredMessages = (demo: boolean, backends?: EnvBackends): Record<SourceName, string> =>
  Object.fromEntries(SOURCE_NAMES.map((n) => [n, notConfiguredMessage(n, demo, backends)])) as Record<SourceName, string>;

export const notConfiguredMessage = (name: SourceName, demo: boolean, backends?: EnvBackends): string => {
  const type = name === 'jaeger' ? (backends?.tracesBackend ?? 'jaeger') : name === 'loki' ? (backends?.logsBackend ?? 'loki') : name;
  const display = BACKEND_DISPLAY_NAMES[type];
  if (!demo) return `Set ${type.toUpperCase()}_URL to connect ${display}.`;
  const what = `The demo ${display} is not running. \`npm run demo\` starts it`;
  return name === 'prometheus' ? `${what} (it needs Debian's prometheus package: apt-get install -y prometheus).` : `${what}.`;
};

/** What a LogQL-only view (Explore's log volume and context, trace search's "logged" marks) says when the chosen logs sources are all Elasticsearch. */
export const logsNotLokiMessage = (names: readonly string[]): string =>
  `The chosen logs source${names.length > 1 ? 's' : ''} (${names.join(', ')}) ${names.length > 1 ? 'are' : 'is'} Elasticsearch; this view reads Loki (LogQL) only.`;

/**
 * Settle with the signal's reason when it aborts, even if `work` ignores the signal: a
 * client that hangs must not hold a response past its budget.
 */
export function withDeadline<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {}); // abandoned: its own rejection must not go unhandled
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
