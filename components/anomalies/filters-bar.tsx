'use client';

import { useState } from 'react';
import { ANOMALY_KINDS } from '@/lib/model/anomaly';
import { KIND_NAMES, SEVERITIES_WORST_FIRST } from './kinds';

export interface FilterValues {
  service: string | null;
  kind: string | null;
  severity: string | null;
  q: string | null;
}

const control = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900';

/**
 * Service, kind, minimum severity and a text filter. The values live in the view's URL
 * parameters; the text box keeps what is typed locally and writes it on Enter or blur, so
 * typing does not push a navigation per keystroke.
 */
export function FiltersBar({ values, services, onChange }: { values: FilterValues; services: string[]; onChange: (changes: Partial<FilterValues>) => void }) {
  const [text, setText] = useState(values.q ?? '');
  const [seenQ, setSeenQ] = useState(values.q);
  if (seenQ !== values.q) {
    // The parameter changed from outside (back button, clear filters): show it.
    setSeenQ(values.q);
    setText(values.q ?? '');
  }
  const serviceOptions = [...new Set([...services, ...(values.service ? [values.service] : [])])].sort();
  const commit = () => {
    if ((values.q ?? '') !== text.trim()) onChange({ q: text.trim() || null });
  };
  return (
    <form
      className="mb-3 flex flex-wrap items-end gap-2 text-sm"
      role="search"
      aria-label="Filter findings"
      onSubmit={(e) => {
        e.preventDefault();
        commit();
      }}
    >
      <label className="flex flex-col gap-0.5">
        <span className="text-xs text-slate-500">Service</span>
        <select className={control} value={values.service ?? ''} onChange={(e) => onChange({ service: e.target.value || null })} data-testid="filter-service">
          <option value="">All services</option>
          {serviceOptions.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-xs text-slate-500">Kind</span>
        <select className={control} value={values.kind ?? ''} onChange={(e) => onChange({ kind: e.target.value || null })} data-testid="filter-kind">
          <option value="">All kinds</option>
          {ANOMALY_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-0.5">
        <span className="text-xs text-slate-500">Severity</span>
        <select className={control} value={values.severity ?? ''} onChange={(e) => onChange({ severity: e.target.value || null })} data-testid="filter-severity">
          <option value="">Any</option>
          {SEVERITIES_WORST_FIRST.filter((s) => s !== 'info').map((s) => (
            <option key={s} value={s}>
              {s === 'critical' ? 'Critical only' : `${s[0].toUpperCase()}${s.slice(1)} and worse`}
            </option>
          ))}
        </select>
      </label>
      <label className="flex min-w-48 flex-1 flex-col gap-0.5">
        <span className="text-xs text-slate-500">Text</span>
        <input type="search" className={control} value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} placeholder="Filter titles and explanations" data-testid="filter-text" />
      </label>
      {(values.service || values.kind || values.severity || values.q) && (
        <button type="button" className="rounded px-2 py-1 text-sky-700 hover:underline dark:text-sky-400" onClick={() => onChange({ service: null, kind: null, severity: null, q: null })}>
          Clear filters
        </button>
      )}
    </form>
  );
}
