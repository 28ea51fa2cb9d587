import type { StreamFrame } from '../../api/contract/trace-stream';
import { DETAILS_SLICE, encodeSpanDetails } from '../../correlate/span-details';
import type { TraceView } from '../../correlate/trace-model';
import { toRfc3339 } from '../../time/range';
import { withBudget, type InvestigationContext } from '../context';
import { CORRELATE_BUDGET_MS } from './correlated';
import { orphanReasonsByRow } from './correlated-shape';
import { investigateTrace } from './investigation';
import { waterfallTrace } from './trace-only';

/**
 * `GET /api/v1/traces/{id}/stream`: the investigation's parts as the contract's frames
 * (lib/api/contract/trace-stream.ts), one after the other. The waterfall's columns come
 * first; each span's tags and events follow in slices, so every span is sent once and no
 * frame is a long task to build or to parse. A frame is built only when the previous one
 * has been taken by the response, so the joins never delay the waterfall's bytes.
 */
export async function* traceStreamFrames(outer: InvestigationContext, traceId: string, range: { fromMs: number; toMs: number }): AsyncGenerator<StreamFrame> {
  const budget = withBudget(outer, CORRELATE_BUDGET_MS, 'the investigation');
  let view: TraceView | null = null;
  try {
    for await (const p of investigateTrace(budget.ctx, traceId, range)) {
      if (p.part === 'trace') {
        view = p.view;
        yield {
          frame: 'trace',
          traceId,
          trace: view ? { ...waterfallTrace(view), services: view.services } : null,
          sources: { jaeger: p.report },
          range: { from: toRfc3339(range.fromMs), to: toRfc3339(range.toMs) },
        };
        const n = view?.spans.length ?? 0;
        for (let from = 0; view && from < n; from += DETAILS_SLICE) yield encodeSpanDetails(view, from, from + DETAILS_SLICE);
      } else if (p.part === 'logs') yield { frame: 'logs', logs: p.logs, sources: { loki: p.report } };
      else if (p.part === 'exemplars') yield { frame: 'exemplars', exemplars: p.exemplars };
      else if (p.part === 'metrics') yield { frame: 'metrics', metrics: p.metrics };
      else {
        const v = view as TraceView | null; // assigned by the trace part, which always comes first
        yield { frame: 'findings', anomalies: p.anomalies, orphanReasons: v ? orphanReasonsByRow(v, p.anomalies) : {}, sources: p.sources };
      }
    }
  } finally {
    budget.done();
  }
}
