/**
 * Positions for the service map, by dagre's layered layout (callers left of callees), so
 * that a graph of dozens of services stays readable without hand-written placement.
 */
import dagre from '@dagrejs/dagre';

export const NODE_WIDTH = 190;
export const NODE_HEIGHT = 64;

export interface Positioned {
  name: string;
  x: number;
  y: number;
}

export function layoutGraph(nodes: readonly string[], edges: readonly { parent: string; child: string }[]): Positioned[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 110, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of edges) if (e.parent !== e.child) g.setEdge(e.parent, e.child);
  dagre.layout(g);
  // dagre gives centres; React Flow places nodes by their top-left corner.
  return nodes.map((name) => {
    const p = g.node(name);
    return { name, x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 };
  });
}
