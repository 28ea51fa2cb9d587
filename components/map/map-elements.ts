import type { Edge, Node } from '@xyflow/react';
import type { Anomaly } from '@/lib/model/anomaly';
import type { ServiceEdge, ServiceGraph } from '@/lib/service-map/graph';
import { layoutGraph } from '@/lib/service-map/layout';

/** The service graph as React Flow nodes and edges, laid out by dagre. */

export interface ServiceNodeData extends Record<string, unknown> {
  name: string;
  color: string;
  /** Null while the findings are still being checked. */
  findings: { kind: string; count: number }[] | null;
  errorSpans: number;
  spans: number;
  orphanSpans: number;
}

export const edgeLabel = (e: ServiceEdge): string => {
  const err = e.errorShare === null ? '' : ` · ${(e.errorShare * 100).toFixed(e.errorShare < 0.1 ? 1 : 0)}% err`;
  const broken = e.brokenLinks > 0 ? ` · ⚠ context lost ×${e.brokenLinks}` : '';
  return `${e.calls} calls${err}${broken}`;
};

function findingsBy(anomalies: readonly Anomaly[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const a of anomalies) {
    if (!a.service) continue;
    let kinds = out.get(a.service);
    if (!kinds) out.set(a.service, (kinds = new Map()));
    kinds.set(a.kind, (kinds.get(a.kind) ?? 0) + 1);
  }
  return out;
}

export function toFlow(graph: ServiceGraph, anomalies: readonly Anomaly[] | null, colorOf: (s: string) => string): { nodes: Node<ServiceNodeData>[]; edges: Edge[] } {
  const positions = layoutGraph(graph.nodes.map((n) => n.name), graph.edges);
  const byName = new Map(graph.nodes.map((n) => [n.name, n]));
  const findings = anomalies ? findingsBy(anomalies) : null;
  const nodes: Node<ServiceNodeData>[] = positions.map((p) => {
    const n = byName.get(p.name)!;
    return {
      id: p.name,
      type: 'service',
      position: { x: p.x, y: p.y },
      data: {
        name: n.name,
        color: colorOf(n.name),
        findings: findings ? [...(findings.get(n.name) ?? new Map<string, number>())].map(([kind, count]) => ({ kind, count })) : null,
        errorSpans: n.errorSpans,
        spans: n.spans,
        orphanSpans: n.orphanSpans,
      },
    };
  });
  const edges: Edge[] = graph.edges
    .filter((e) => e.parent !== e.child)
    .map((e) => {
      const broken = e.brokenLinks > 0;
      const failing = (e.errorShare ?? 0) >= 0.05;
      return {
        id: `${e.parent}->${e.child}`,
        source: e.parent,
        target: e.child,
        label: edgeLabel(e),
        animated: false,
        data: { broken },
        className: broken ? 'edge-broken' : undefined,
        style: { stroke: broken ? '#d97706' : failing ? '#dc2626' : '#94a3b8', strokeWidth: broken || failing ? 2 : 1.2, strokeDasharray: broken ? '6 4' : undefined },
        labelStyle: { fontSize: 10, fill: broken ? '#b45309' : failing ? '#b91c1c' : '#475569' },
        labelBgStyle: { fillOpacity: 0.85 },
      };
    });
  return { nodes, edges };
}
