import { parser } from '@grafana/lezer-logql';

/**
 * Whether a LogQL expression returns log lines or samples, from Grafana's LogQL grammar, so
 * the logs endpoint asks Loki the right way at once. When the grammar cannot tell (a
 * syntax error), it answers 'log' and Loki's own parse error reaches the user.
 */
export type LogQLKind = 'log' | 'metric';

export function logqlKind(query: string): LogQLKind {
  const top = parser.parse(query).topNode.firstChild?.firstChild;
  return top?.name === 'MetricExpr' ? 'metric' : 'log';
}
