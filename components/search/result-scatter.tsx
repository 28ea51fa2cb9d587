'use client';

import { useRouter } from 'next/navigation';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useTimeZone } from '@/components/settings/time-zone';
import { formatDurationMs } from '@/components/traces/span-format';
import type { SearchResult } from '@/lib/search/results';
import { traceHref } from '@/lib/routes';
import { formatAxisTick, formatDateTime } from '@/lib/time/format';

interface Dot {
  t: number;
  d: number;
  traceId: string;
  label: string;
}

/** Duration over start time of every result; a click opens that trace. Failing traces are red. */
export function ResultScatter({ results, fromMs, toMs }: { results: SearchResult[]; fromMs: number; toMs: number }) {
  const router = useRouter();
  const zone = useTimeZone();
  const toDot = (r: SearchResult): Dot => ({ t: r.startMs, d: r.durationMs, traceId: r.traceId, label: `${r.rootService ?? '?'}: ${r.rootOperation ?? '?'}` });
  const ok = results.filter((r) => r.errorSpanCount === 0).map(toDot);
  const failing = results.filter((r) => r.errorSpanCount > 0).map(toDot);
  const open = (dot: unknown) => {
    const p = (dot as { payload?: Dot } | undefined)?.payload;
    if (p) router.push(traceHref(p.traceId, null, p.t));
  };
  return (
    <div className="mb-4 h-48 rounded border border-slate-200 p-2 dark:border-slate-800" data-testid="search-scatter" data-points={results.length}>
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
          <XAxis dataKey="t" type="number" domain={[fromMs, toMs]} tickFormatter={(v: number) => formatAxisTick(v, toMs - fromMs, zone)} fontSize={11} />
          <YAxis dataKey="d" type="number" tickFormatter={(v: number) => formatDurationMs(v)} fontSize={11} width={64} />
          <Tooltip
            cursor={{ strokeDasharray: '3 3' }}
            content={({ payload }) => {
              const p = payload?.[0]?.payload as Dot | undefined;
              return p ? (
                <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs dark:bg-slate-900">
                  <div>{p.label}</div>
                  <div>{formatDurationMs(p.d)} · {formatDateTime(p.t, zone, { precision: 'ms', referenceMs: toMs })}</div>
                </div>
              ) : null;
            }}
          />
          <Scatter name="ok" data={ok} fill="#0284c7" onClick={open} cursor="pointer" isAnimationActive={false} />
          <Scatter name="errors" data={failing} fill="#dc2626" onClick={open} cursor="pointer" isAnimationActive={false} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
