/**
 * mesh_only_hop: a server-side sidecar span (Envoy/Istio inbound, lib/correlate/mesh.ts) with
 * no application span under it, while the request went on downstream through the sidecar or
 * the service has no application span in the trace at all: the application did not take the
 * trace context from the request ("context lost at the service boundary", docs/anomalies.md).
 */
import type { Anomaly } from '../model/anomaly';
import type { Trace } from '../model/types';
import { isInboundMeshHop, meshServiceNames, upstreamCluster } from '../correlate/mesh';
import { analyzeTrace, type SpanNode, type TraceView } from '../correlate/trace-model';
import { toRfc3339 } from '../time/range';
import { traceLink } from './format';
import { eventId } from './ids';
import { analyzeAll, withAggregates, type TraceFinding } from './trace-aggregate';
import type { Detector, DetectorInput, DetectorOptions } from './types';

export interface MeshOnlyHop {
  sidecar: SpanNode;
  /** The service the sidecar fronts (its span's service). */
  service: string;
  upstreamCluster: string | null;
  /** Sidecar spans under it: the request went on without the application (cause context_not_propagated). */
  downstream: SpanNode[];
  cause: 'context_not_propagated' | 'no_application_span';
}

/** Pure, per trace: every inbound sidecar span without an application child, by the rule above. */
export function findMeshOnlyHops(view: TraceView): MeshOnlyHop[] {
  const appServices = new Set<string>();
  for (const n of view.spans) if (!n.meshHop) appServices.add(n.span.service);
  const out: MeshOnlyHop[] = [];
  for (const node of view.spans) {
    if (!node.meshHop || !isInboundMeshHop(node.span)) continue;
    const children = node.childKeys.map((k) => view.byKey.get(k)).filter((c): c is SpanNode => c !== undefined);
    if (children.some((c) => !c.meshHop)) continue;
    const hasAppSpan = [...meshServiceNames(node.span)].some((name) => appServices.has(name));
    if (children.length === 0 && hasAppSpan) continue; // its spans are elsewhere in the trace: an orphan/root question, not this one
    out.push({
      sidecar: node,
      service: node.span.service,
      upstreamCluster: upstreamCluster(node.span),
      downstream: children,
      cause: children.length > 0 ? 'context_not_propagated' : 'no_application_span',
    });
  }
  return out;
}

const spanRef = (n: SpanNode) => ({ spanId: n.spanId, service: n.span.service, operation: n.span.operation, upstreamCluster: upstreamCluster(n.span) });

/** Services with application spans somewhere in the input: instrumented, so a missing span is lost context. */
function instrumented(traces: readonly Trace[]): Set<string> {
  const out = new Set<string>();
  for (const t of traces) for (const n of analyzeTrace(t).spans) if (!n.meshHop) out.add(n.span.service);
  return out;
}

function detect(input: DetectorInput, options: DetectorOptions): Anomaly[] {
  const analyses = analyzeAll(input, options);
  const withApp = instrumented(analyses.map((a) => a.trace));
  const findings: TraceFinding[] = [];
  for (const a of analyses) {
    const view = analyzeTrace(a.trace);
    for (const hop of findMeshOnlyHops(view)) {
      const names = meshServiceNames(hop.sidecar.span);
      const instrumentedElsewhere = [...names].some((n) => withApp.has(n));
      const settled = !a.recent;
      const severity = settled && (hop.cause === 'context_not_propagated' || instrumentedElsewhere) ? 'warning' : 'info';
      const subject = { traceId: a.trace.traceId, spanIds: [hop.sidecar.spanId] };
      const where = hop.upstreamCluster ? ` (upstream_cluster ${hop.upstreamCluster})` : '';
      const reasoning =
        hop.cause === 'context_not_propagated'
          ? `The request went on through the sidecar to ${hop.downstream.map((d) => `${d.span.service} "${d.span.operation}"`).join(', ')} without any application span in between: the application forwarded the call but did not continue the trace (or is not instrumented).`
          : instrumentedElsewhere
            ? `${hop.service} reports application spans in other traces, so it is instrumented: here it did not take the trace context from the request headers, and its own spans (if any) went to a new trace.`
            : `${hop.service} has no application span in any trace read: it is either not instrumented or never takes the context from the request headers.`;
      const anomaly: Anomaly = {
        id: eventId('mesh_only_hop', subject, a.startMs),
        kind: 'mesh_only_hop',
        severity,
        title: `Context lost at the service boundary of ${hop.service}`,
        explanation:
          `In trace ${a.trace.traceId}, the sidecar of ${hop.service} received the request ("${hop.sidecar.span.operation}"${where}) but no application span of ${hop.service} follows it. ${reasoning}` +
          (a.recent ? ' The trace is recent: application spans may still arrive.' : ''),
        service: hop.service,
        start: toRfc3339(a.startMs),
        subject,
        evidence: {
          cause: hop.cause,
          service: hop.service,
          sidecar: spanRef(hop.sidecar),
          upstreamCluster: hop.upstreamCluster,
          downstream: hop.downstream.map(spanRef),
          instrumentedElsewhere,
          traceRecent: a.recent,
        },
        links: [traceLink(a.trace.traceId)],
      };
      findings.push({ service: hop.service, traceId: a.trace.traceId, traceStartMs: a.startMs, cause: hop.cause, spanCount: 1, anomaly });
    }
  }
  return withAggregates('mesh_only_hop', analyses, findings, input, options);
}

export const meshOnlyHopDetector: Detector = { kind: 'mesh_only_hop', detect };

