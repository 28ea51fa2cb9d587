'use client';

import { useMemo, useRef } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LogVolumeResponse } from '@/lib/api/contract/explore';
import type { LogLevel } from '@/components/logs/log-level';
import { formatAxisTick, formatDateTime } from '@/lib/time/format';
import { useTimeZone } from '@/components/settings/time-zone';
import { useElementWidth } from '@/components/charts/use-element-width';
import { valueAxis } from '@/components/charts/axis-ticks';
import { volumeByLevel } from './log-volume-model';

/** Bar colours per level (the badge colours of log-level.ts as hex, for SVG). */
const LEVEL_FILL: Record<LogLevel, string> = {
  critical: '#b91c1c',
  error: '#ef4444',
  warn: '#f59e0b',
  info: '#0ea5e9',
  debug: '#94a3b8',
  trace: '#cbd5e1',
  unknown: '#a8a29e',
};

/** The histogram above the log list: lines per level per time slot of the whole range (not only the lines listed). */
export function LogVolume({ data }: { data: LogVolumeResponse }) {
  const zone = useTimeZone();
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const model = useMemo(() => volumeByLevel(data.series), [data.series]);
  // About three whole-number steps: the plot is some 48 px tall, and recharts' five labels overlap there.
  const axis = useMemo(() => valueAxis(0, model.peak, 2, true), [model.peak]);
  const fromMs = Date.parse(data.range.from);
  const toMs = Date.parse(data.range.to);
  const slots = Math.max(1, (toMs - fromMs) / 1000 / data.step);
  const barSize = Math.max(1, Math.floor(((width || 600) - 60) / slots) - 1);
  return (
    <div ref={box} data-testid="log-volume" data-total={model.total} className="w-full">
      <div className="flex items-baseline justify-between text-[11px] text-slate-500">
        <span>
          Log volume: {model.total.toLocaleString('en-US')} lines in the range · {data.step}s bars
        </span>
        <span className="flex gap-2">
          {model.levels.map((l) => (
            <span key={l} className="flex items-center gap-1" data-testid="log-volume-level">
              <span className="inline-block h-2 w-2 rounded-sm" style={{ background: LEVEL_FILL[l] }} />
              {l}
            </span>
          ))}
        </span>
      </div>
      <div style={{ height: 72 }}>
        {model.rows.length === 0 ? (
          <p className="flex h-full items-center justify-center text-[11px] text-slate-500">No lines in this range.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={model.rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#94a3b8" strokeOpacity={0.2} vertical={false} />
              <XAxis dataKey="t" type="number" domain={[fromMs, toMs]} tickFormatter={(v: number) => formatAxisTick(v, toMs - fromMs, zone)} tick={{ fontSize: 9 }} minTickGap={32} />
              <YAxis domain={axis.domain} ticks={axis.ticks} interval={0} tickFormatter={(v: number) => axis.labels[axis.ticks.indexOf(v)] ?? String(v)} tick={{ fontSize: 9 }} width={40} />
              <Tooltip
                isAnimationActive={false}
                labelFormatter={(v) => formatDateTime(Number(v), zone)}
                contentStyle={{ fontSize: 11 }}
                wrapperStyle={{ zIndex: 20 }}
              />
              {model.levels.map((l) => (
                <Bar key={l} dataKey={l} stackId="v" fill={LEVEL_FILL[l]} barSize={barSize} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </div>
    </div>
  );
}
