'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useTimeZone } from '@/components/settings/time-zone';
import { formatAxisTick, formatDateTime } from '@/lib/time/format';
import type { ServicePageAnswer } from '@/lib/investigate/service-page';

const LEVEL_COLORS: Record<string, string> = { fatal: '#7f1d1d', critical: '#7f1d1d', error: '#dc2626', warn: '#d97706', warning: '#d97706', info: '#0284c7', debug: '#64748b', trace: '#94a3b8' };
const colorOf = (level: string) => LEVEL_COLORS[level.toLowerCase()] ?? '#a855f7';

/** Log lines per level over time, stacked. */
export function LogVolumeChart({ volume, fromMs, toMs }: { volume: NonNullable<ServicePageAnswer['logVolume']>; fromMs: number; toMs: number }) {
  const zone = useTimeZone();
  const rows = volume.buckets.map((b) => ({ t: b.t, ...b.counts }));
  return (
    <div className="h-48" data-testid="log-volume" data-levels={volume.levels.join(',')}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" strokeOpacity={0.4} />
          <XAxis dataKey="t" type="number" domain={[fromMs, toMs]} scale="time" tickFormatter={(v: number) => formatAxisTick(v, toMs - fromMs, zone)} fontSize={11} />
          <YAxis fontSize={11} width={48} allowDecimals={false} />
          <Tooltip labelFormatter={(v) => formatDateTime(Number(v), zone, { referenceMs: toMs })} />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {volume.levels.map((l) => (
            <Bar key={l} dataKey={l} stackId="levels" fill={colorOf(l)} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
