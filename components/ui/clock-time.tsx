'use client';

import { useTimeZone } from '@/components/settings/time-zone';
import { formatClock, formatDateTime } from '@/lib/time/format';

/**
 * A clock time in a dense column (log rows, exemplars), in the zone the user chose
 * (lib/time/format.ts): "14:02:10.123"; the full date, zone and any extra detail in the tooltip.
 */
export function ClockTime({ iso, detail, className = 'shrink-0 font-mono text-slate-500' }: { iso: string; detail?: string; className?: string }) {
  const zone = useTimeZone();
  const ms = Date.parse(iso);
  const full = formatDateTime(ms, zone, { precision: 'ms' });
  return (
    <time className={className} dateTime={iso} title={detail ? `${full} (${detail})` : full}>
      {formatClock(ms, zone, 'ms')}
    </time>
  );
}
