'use client';

import { useState } from 'react';

/**
 * A log line as plain text (never HTML). Long lines are cut to one line; a toggle shows
 * the whole line, wrapped, so hostile or huge lines cannot break the layout.
 */
export function LogText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > 160 || text.includes('\n');
  return (
    <span className="flex min-w-0 flex-1 items-start gap-1">
      <span className={`min-w-0 flex-1 font-mono ${open ? 'whitespace-pre-wrap break-all' : 'truncate whitespace-pre'}`}>{open ? text : text.slice(0, 2000)}</span>
      {long && (
        <button
          type="button"
          className="shrink-0 rounded px-1 text-[10px] text-sky-700 hover:bg-sky-50 dark:text-sky-400 dark:hover:bg-slate-800"
          onClick={(e) => {
            e.stopPropagation();
            setOpen((o) => !o);
          }}
          aria-expanded={open}
        >
          {open ? 'less' : 'more'}
        </button>
      )}
    </span>
  );
}
