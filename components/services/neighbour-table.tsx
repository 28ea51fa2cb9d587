'use client';

import { ServiceLink } from '@/components/ui/service-link';
import type { ServiceEdge } from '@/lib/service-map/graph';

const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(v > 0 && v < 0.1 ? 1 : 0)}%`);

/** Callers or callees with call counts, error share and the share of sampled calls whose context was lost. */
export function NeighbourTable({ title, edges, side }: { title: string; edges: ServiceEdge[]; side: 'parent' | 'child' }) {
  return (
    <section data-testid={`service-${side === 'parent' ? 'callers' : 'callees'}`}>
      <h3 className="mb-1 text-sm font-semibold">{title}</h3>
      {edges.length === 0 ? (
        <p className="text-xs text-slate-500">none seen in this range</p>
      ) : (
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-500">
              <th>service</th>
              <th className="text-right">calls</th>
              <th className="text-right">errors</th>
              <th className="text-right" title="orphan spans attributed to this hop, per sampled call">broken links</th>
            </tr>
          </thead>
          <tbody>
            {edges.map((e) => {
              const other = side === 'parent' ? e.parent : e.child;
              const brokenRate = e.sampledCalls > 0 ? e.brokenLinks / e.sampledCalls : e.brokenLinks > 0 ? 1 : null;
              return (
                <tr key={other} className="border-t border-slate-100 dark:border-slate-800" data-neighbour={other}>
                  <td><ServiceLink name={other} /></td>
                  <td className="text-right">{e.calls}</td>
                  <td className={`text-right ${(e.errorShare ?? 0) >= 0.05 ? 'text-red-700 dark:text-red-400' : ''}`}>{pct(e.errorShare)}</td>
                  <td className={`text-right ${e.brokenLinks > 0 ? 'font-semibold text-amber-700' : ''}`}>{e.brokenLinks > 0 ? `${pct(brokenRate)} (${e.brokenLinks})` : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
