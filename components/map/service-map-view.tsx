'use client';

import '@xyflow/react/dist/style.css';
import { Background, Controls, MiniMap, ReactFlow } from '@xyflow/react';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { useRangeQuery } from '@/components/shell/url-state';
import { EmptyState } from '@/components/ui/page-title';
import { useApi } from '@/components/ui/use-api';
import type { AnomaliesResponse } from '@/lib/api/types';
import { serviceColor } from '@/lib/correlate/service-colors';
import type { ServiceMapAnswer } from '@/lib/investigate/service-map';
import { serviceHref } from '@/lib/views/service-href';
import { toFlow } from './map-elements';
import { ServiceNodeView } from './service-node';

const NODE_TYPES = { service: ServiceNodeView };
const SOURCE_TEXT = {
  jaeger_dependencies: "Calls from Jaeger's dependencies endpoint; error shares and broken links from",
  sampled_traces: "Jaeger's dependencies endpoint had nothing for this range: everything here is derived from",
};

export function ServiceMapView() {
  const range = useRangeQuery();
  const router = useRouter();
  const map = useApi<ServiceMapAnswer>(`/api/v1/service-map?${range}`);
  const findings = useApi<AnomaliesResponse>(`/api/v1/anomalies?${range}`);
  const flow = useMemo(() => (map.data ? toFlow(map.data.graph, findings.data?.anomalies ?? (findings.isError ? [] : null), serviceColor) : null), [map.data, findings.data, findings.isError]);

  if (map.isLoading) return <p className="text-sm text-slate-500">Sampling traces…</p>;
  if (map.error) return <p className="text-sm text-red-600">{map.error.message}</p>;
  if (!map.data || !flow) return null;
  const { graph, sources, notes } = map.data;
  return (
    <div>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" data-testid="map-source" data-source={graph.source}>
        {SOURCE_TEXT[graph.source]} {graph.sampledTraces} sampled traces. Dashed amber edges: trace context was lost on that hop (orphan spans).
      </p>
      {sources.jaeger.status !== 'ok' ? <p className="mb-2 text-sm text-red-600">Jaeger: {sources.jaeger.message}</p> : null}
      {notes.map((n) => <p key={n} className="mb-1 text-xs text-slate-500">{n}</p>)}
      {findings.error ? <p className="mb-1 text-xs text-amber-700">Findings could not be checked: {findings.error.message}</p> : null}
      {flow.nodes.length === 0 ? (
        <EmptyState title="No services in this range">No traces were found between these times; widen the range.</EmptyState>
      ) : (
        <div className="h-[70vh] rounded border border-slate-200 dark:border-slate-800" data-testid="service-map">
          <ReactFlow
            nodes={flow.nodes}
            edges={flow.edges}
            nodeTypes={NODE_TYPES}
            fitView
            minZoom={0.1}
            nodesConnectable={false}
            onNodeClick={(_, node) => router.push(serviceHref(node.id, range))}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
            <MiniMap pannable zoomable />
          </ReactFlow>
        </div>
      )}
    </div>
  );
}
