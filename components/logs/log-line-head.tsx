import { ServiceLink } from '@/components/ui/service-link';
import type { LogEntry } from '@/lib/model/types';
import { LEVEL_STYLE, type LogLevel } from './log-level';
import { ClockTime } from '@/components/ui/clock-time';

/** The start every log row shares: time (ns in the tooltip), level badge, service. */
export function LogLineHead({ entry, level }: { entry: LogEntry; level: LogLevel }) {
  return (
    <>
      <ClockTime iso={entry.ts} detail={`${entry.tsNs} ns`} />
      <span className={`w-12 shrink-0 rounded px-1 text-center text-[10px] uppercase ${LEVEL_STYLE[level].badge}`}>{level === 'unknown' ? '–' : level}</span>
      {entry.service ? (
        <ServiceLink name={entry.service} className="w-28 shrink-0 truncate text-slate-600 dark:text-slate-300" />
      ) : (
        <span className="w-28 shrink-0 text-slate-600 dark:text-slate-300">—</span>
      )}
    </>
  );
}
