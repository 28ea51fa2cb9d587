'use client';

import { useEffect, useRef, useState } from 'react';
import { describeRelative, parseTime, RELATIVE_PRESETS, TimeRangeError } from '@/lib/time/range';
import { formatRange, parseWallClock, rangePrecision, toWallClockInput, zoneName } from '@/lib/time/format';
import { useTimeZone } from '@/components/settings/time-zone';
import { useEscapeToClose, useShortcut } from '@/components/ui/use-shortcut';
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
  const box = useRef<HTMLDivElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const zone = useTimeZone();

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

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
  useEscapeToClose(open, () => setOpen(false), box);
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
    <div className="relative" ref={box}>
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
      {open && (
        <div ref={popover} className="absolute right-0 z-50 mt-1 flex w-[28rem] gap-4 rounded border border-slate-300 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <div className="flex w-40 flex-col">
            <div className="mb-1 text-xs font-semibold uppercase text-slate-600 dark:text-slate-400">Relative</div>
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
            <div className="text-xs font-semibold uppercase text-slate-600 dark:text-slate-400">Absolute ({zoneName(parseWallClock(absFrom, zone) ?? 0, zone)})</div>
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
        </div>
      )}
    </div>
  );
}
