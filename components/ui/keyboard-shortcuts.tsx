'use client';

import { useEffect, useId, useRef, useState } from 'react';
import { shortcuts, stepListFocus, useEscapeToClose, useShortcut, useShortcutList } from './use-shortcut';

const KEY_NAMES: Record<string, string> = { Escape: 'Esc', '/': '/', '?': '?' };

/**
 * The one keydown listener of the app (docs/architecture.md, "Keyboard"), the list keys j/k,
 * and `?`: a dialog listing every shortcut the page has registered.
 */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const list = useShortcutList();

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (shortcuts.handle(e)) e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useShortcut('j', 'Next row in a list', () => stepListFocus(1));
  useShortcut('k', 'Previous row in a list', () => stepListFocus(-1));
  useShortcut('?', 'Show these shortcuts', () => setOpen(true));
  useEscapeToClose(open, () => setOpen(false), dialog);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      data-testid="shortcuts-dialog"
      onClose={() => setOpen(false)}
      onCancel={(e) => {
        e.preventDefault(); // Escape goes through the registry like everywhere else
        setOpen(false);
      }}
      className="m-auto w-[26rem] max-w-[95vw] rounded border border-slate-300 bg-white p-4 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="mb-3 flex items-center justify-between">
        <h2 id={titleId} className="font-semibold">
          Keyboard shortcuts
        </h2>
        <button type="button" onClick={() => setOpen(false)} className="rounded px-2 py-0.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
          Close
        </button>
      </div>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
        {list.map((s) => (
          <div key={s.key} className="contents" data-testid="shortcut">
            <dt>
              <kbd className="rounded border border-slate-300 bg-slate-50 px-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-800">{KEY_NAMES[s.key] ?? s.key}</kbd>
            </dt>
            <dd>{s.description}</dd>
          </div>
        ))}
      </dl>
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">Keys are ignored while you type in a field, except Esc.</p>
    </dialog>
  );
}
