'use client';

import { useEffect, useRef, type ReactNode, type Ref } from 'react';
import { useEscapeToClose } from './use-shortcut';

/**
 * A panel that opens under its button (the time range picker, display settings, query
 * history): it closes on Escape (the most recently opened first, use-shortcut.ts) and on a
 * click outside it. The caller owns `open` and the button, which toggles it and says
 * `aria-expanded`.
 */
export interface PopoverProps {
  open: boolean;
  onClose: () => void;
  /** The button that opens and closes the panel. */
  trigger: ReactNode;
  /** The panel's size, padding and layout (it is already placed, boxed and shadowed). */
  className?: string;
  panelRef?: Ref<HTMLDivElement>;
  /** For the trigger's `aria-controls`. */
  panelId?: string;
  children: ReactNode;
}

const PANEL = 'absolute right-0 z-50 mt-1 rounded border border-slate-300 bg-white shadow-lg dark:border-slate-700 dark:bg-slate-900';

export function Popover({ open, onClose, trigger, className = '', panelRef, panelId, children }: PopoverProps) {
  const box = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  // Esc typed in a field inside the panel closes the panel (the field is within `box`).
  useEscapeToClose(open, onClose, box);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => box.current && !box.current.contains(e.target as Node) && close.current();
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open]);
  return (
    <div className="relative" ref={box}>
      {trigger}
      {open && (
        <div ref={panelRef} id={panelId} className={`${PANEL} ${className}`.trim()}>
          {children}
        </div>
      )}
    </div>
  );
}

/** A popover section's small heading ("Relative", "Times in"). */
export function PopoverHeading({ className = '', children }: { className?: string; children: ReactNode }) {
  return <div className={`text-xs font-semibold uppercase text-slate-600 dark:text-slate-400 ${className}`.trim()}>{children}</div>;
}
