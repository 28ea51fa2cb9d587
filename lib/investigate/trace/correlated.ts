import type { CorrelatedResponse } from '../../api/types';
import { toApiTrace } from '../../correlate/api-shape';
import { toRfc3339 } from '../../time/range';
import { withBudget, type InvestigationContext } from '../context';
import { decorateTrace } from './correlated-shape';
import { investigateTrace } from './investigation';
import type { TraceView } from '../../correlate/trace-model';
import type { SourceReport } from '../../model/types';

const UNKNOWN: SourceReport = { status: 'error', message: 'the investigation ended early', ms: 0 };
const NONE = { prometheus: UNKNOWN, loki: UNKNOWN, jaeger: UNKNOWN };

/**
 * `GET /api/v1/traces/{id}/correlated`: the whole investigation as one JSON answer, for API
 * users and snapshots (lib/views); the trace page reads the same parts as a stream
 * (stream.ts). Nothing here throws for a backend failure: that source's part is empty and
 * its status says why.
 */

/** The investigation's own budget: each part gives up when it runs out. */
export const CORRELATE_BUDGET_MS = 25_000;

export { EXEMPLAR_SELECTOR, endByNow } from './investigation';

export async function correlateTrace(outer: InvestigationContext, traceId: string, range: { fromMs: number; toMs: number }): Promise<CorrelatedResponse> {
  const budget = withBudget(outer, CORRELATE_BUDGET_MS, 'the investigation');
  let view: TraceView | null = null;
  const out: Omit<CorrelatedResponse, 'trace'> = { traceId, logs: [], metrics: [], exemplars: [], anomalies: [], sources: NONE, range: { from: toRfc3339(range.fromMs), to: toRfc3339(range.toMs) } };
  try {
    for await (const p of investigateTrace(budget.ctx, traceId, range)) {
      if (p.part === 'trace') view = p.view;
      else if (p.part === 'logs') out.logs = p.logs;
      else if (p.part === 'exemplars') out.exemplars = p.exemplars;
      else if (p.part === 'metrics') out.metrics = p.metrics;
      else {
        out.anomalies = p.anomalies;
        out.sources = p.sources;
      }
    }
  } finally {
    budget.done();
  }
  const v = view as TraceView | null; // assigned inside the loop
  return { ...out, trace: v ? decorateTrace(toApiTrace(v), v, out.anomalies) : null };
}
