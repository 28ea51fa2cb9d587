'use client';

import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import { kindName } from '@/lib/model/anomaly';
import type { ServiceNodeData } from './map-elements';

/** One service on the map: its name (text only), span error count and current findings. */
export function ServiceNodeView({ data }: NodeProps<Node<ServiceNodeData>>) {
  return (
    <div
      className="w-[190px] cursor-pointer rounded border-2 bg-white px-2 py-1 text-xs shadow-sm dark:bg-slate-900"
      style={{ borderColor: data.color }}
      data-testid="map-node"
      data-service={data.name}
      title={`${data.name}: ${data.spans} sampled spans, ${data.errorSpans} errors, ${data.orphanSpans} orphan spans`}
    >
      <Handle type="target" position={Position.Left} />
      <div className="truncate font-semibold">{data.name}</div>
      <div className="flex flex-wrap gap-1">
        {data.findings === null ? <span className="text-slate-400">checking findings…</span> : null}
        {data.findings?.length === 0 ? <span className="text-slate-400">no findings</span> : null}
        {data.findings?.map((f) => (
          <span key={f.kind} className="rounded bg-amber-100 px-1 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200" data-testid="map-node-finding">
            {kindName(f.kind)}{f.count > 1 ? ` ×${f.count}` : ''}
          </span>
        ))}
      </div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}
