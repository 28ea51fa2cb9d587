'use client';

import { useEffect, useRef, useState } from 'react';
import { Popover, PopoverHeading } from '@/components/ui/popover';
import { describeRelative, parseTime, RELATIVE_PRESETS, TimeRangeError } from '@/lib/time/range';
import { formatRange, parseWallClock, rangePrecision, toWallClockInput, zoneName } from '@/lib/time/format';
import { useTimeZone } from '@/components/settings/time-zone';
import { useShortcut } from '@/components/ui/use-shortcut';
import { useSetViewParams } from '@/components/ui/view-params';
import { useTimeRange } from './url-state';

/** "Last 1 hour", or the absolute range in the chosen zone on one line ("2026-12-04 11:54:50 → 12:54:50 UTC"). */
function label(from: string, to: string, zone: string): string {
  if (to === 'now' && describeRelative(from)) return describeRelative(from)!;
  try {
    const now = Date.now();
    const [f, t] = [parseTime(from, now), parseTime(to, now)];
    return formatRange(f, t, zone, rangePrecision(f, t));
  } catch {
    return `${from} → ${to}`;
  }
}

export function TimeRangePicker() {
  const { from, to } = useTimeRange();
  const setParams = useSetViewParams();
  const [open, setOpen] = useState(false);
  const [absFrom, setAbsFrom] = useState('');
  const [absTo, setAbsTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const popover = useRef<HTMLDivElement>(null);
  const zone = useTimeZone();

  const toggle = () => {
    if (!open) {
      // Seed the absolute inputs with the current range in the chosen zone (blank for an unparseable URL value).
      const now = Date.now();
      try {
        setAbsFrom(toWallClockInput(parseTime(from, now), zone));
        setAbsTo(toWallClockInput(parseTime(to, now), zone));
      } catch {
        setAbsFrom('');
        setAbsTo('');
      }
    }
    setOpen((o) => !o);
  };
  useShortcut('t', 'Open the time range picker', () => {
    if (!open) toggle();
  });
  // Opened from the keyboard or not, the focus goes to the presets so arrows and Tab work at once.
  useEffect(() => {
    const presets = popover.current;
    if (open) (presets?.querySelector<HTMLButtonElement>('button[aria-pressed="true"]') ?? presets?.querySelector<HTMLButtonElement>('button'))?.focus();
  }, [open]);

  const applyAbsolute = () => {
    try {
      const f = parseWallClock(absFrom, zone);
      const t = parseWallClock(absTo, zone);
      if (f === null || t === null) throw new TimeRangeError('Enter both dates');
      if (t <= f) throw new TimeRangeError('"To" must be after "From"');
      setParams({ from: new Date(f).toISOString(), to: new Date(t).toISOString() });
      setError(null);
      setOpen(false);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <Popover
      open={open}
      onClose={() => setOpen(false)}
      panelRef={popover}
      className="flex w-[28rem] gap-4 p-3"
      trigger={
        <button
          type="button"
          data-testid="time-range-button"
          onClick={toggle}
          className="whitespace-nowrap rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          aria-expanded={open}
          aria-keyshortcuts="t"
        >
          <svg aria-hidden viewBox="0 0 16 16" className="mr-1.5 inline h-3.5 w-3.5 -translate-y-px" fill="none" stroke="currentColor" strokeWidth="1.6">
            <circle cx="8" cy="8" r="6.5" />
            <path d="M8 4.5V8l2.5 1.5" />
          </svg>
          {label(from, to, zone)}
        </button>
      }
    >
      <div className="flex w-40 flex-col">
        <PopoverHeading className="mb-1">Relative</PopoverHeading>
        {RELATIVE_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            onClick={() => {
              setParams({ from: p, to: 'now' });
              setOpen(false);
            }}
            aria-pressed={p === from && to === 'now'}
            className={`rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${p === from && to === 'now' ? 'font-semibold text-sky-700 dark:text-sky-400' : ''}`}
          >
            {describeRelative(p)}
          </button>
        ))}
      </div>
      <div className="flex flex-1 flex-col gap-2 text-sm">
        <PopoverHeading>Absolute ({zoneName(parseWallClock(absFrom, zone) ?? 0, zone)})</PopoverHeading>
        <label className="flex flex-col">
          From
          <input type="datetime-local" aria-label="From" value={absFrom} onChange={(e) => setAbsFrom(e.target.value)} className="rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700" />
        </label>
        <label className="flex flex-col">
          To
          <input type="datetime-local" aria-label="To" value={absTo} onChange={(e) => setAbsTo(e.target.value)} className="rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700" />
        </label>
        {error && <p className="text-xs text-red-700 dark:text-red-400">{error}</p>}
        <button type="button" onClick={applyAbsolute} className="rounded bg-sky-600 px-3 py-1 text-white hover:bg-sky-700">
          Apply range
        </button>
      </div>
    </Popover>
  );
}
