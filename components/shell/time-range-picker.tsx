'use client';

import { useEffect, useRef, useState } from 'react';
import { describeRelative, parseTime, RELATIVE_PRESETS, TimeRangeError } from '@/lib/time/range';
import { useSetViewParams } from '@/components/ui/view-params';
import { useTimeRange } from './url-state';

const toLocalInput = (ms: number) => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function label(from: string, to: string): string {
  if (to === 'now' && describeRelative(from)) return describeRelative(from)!;
  const fmt = (v: string) => {
    try {
      return new Date(parseTime(v, Date.now())).toLocaleString();
    } catch {
      return v;
    }
  };
  return `${fmt(from)} → ${fmt(to)}`;
}

export function TimeRangePicker() {
  const { from, to } = useTimeRange();
  const setParams = useSetViewParams();
  const [open, setOpen] = useState(false);
  const [absFrom, setAbsFrom] = useState('');
  const [absTo, setAbsTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const toggle = () => {
    if (!open) {
      // Seed the absolute inputs with the current range (blank for an unparseable URL value).
      const now = Date.now();
      try {
        setAbsFrom(toLocalInput(parseTime(from, now)));
        setAbsTo(toLocalInput(parseTime(to, now)));
      } catch {
        setAbsFrom('');
        setAbsTo('');
      }
    }
    setOpen((o) => !o);
  };

  const applyAbsolute = () => {
    try {
      const f = new Date(absFrom).getTime();
      const t = new Date(absTo).getTime();
      if (Number.isNaN(f) || Number.isNaN(t)) throw new TimeRangeError('Enter both dates');
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
        className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
        aria-expanded={open}
      >
        <svg aria-hidden viewBox="0 0 16 16" className="mr-1.5 inline h-3.5 w-3.5 -translate-y-px" fill="none" stroke="currentColor" strokeWidth="1.6">
          <circle cx="8" cy="8" r="6.5" />
          <path d="M8 4.5V8l2.5 1.5" />
        </svg>
        {label(from, to)}
      </button>
      {open && (
        <div className="absolute right-0 z-50 mt-1 flex w-[28rem] gap-4 rounded border border-slate-300 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
          <div className="flex w-40 flex-col">
            <div className="mb-1 text-xs font-semibold uppercase text-slate-500">Relative</div>
            {RELATIVE_PRESETS.map((p) => (
              <button
                key={p}
                type="button"
                onClick={() => {
                  setParams({ from: p, to: 'now' });
                  setOpen(false);
                }}
                className={`rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800 ${p === from && to === 'now' ? 'font-semibold text-sky-600' : ''}`}
              >
                {describeRelative(p)}
              </button>
            ))}
          </div>
          <div className="flex flex-1 flex-col gap-2 text-sm">
            <div className="text-xs font-semibold uppercase text-slate-500">Absolute</div>
            <label className="flex flex-col">
              From
              <input type="datetime-local" aria-label="From" value={absFrom} onChange={(e) => setAbsFrom(e.target.value)} className="rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700" />
            </label>
            <label className="flex flex-col">
              To
              <input type="datetime-local" aria-label="To" value={absTo} onChange={(e) => setAbsTo(e.target.value)} className="rounded border border-slate-300 bg-transparent px-2 py-1 dark:border-slate-700" />
            </label>
            {error && <p className="text-xs text-red-600">{error}</p>}
            <button type="button" onClick={applyAbsolute} className="rounded bg-sky-600 px-3 py-1 text-white hover:bg-sky-700">
              Apply range
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
