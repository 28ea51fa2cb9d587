'use client';

import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { useIsReadOnlyView, useViewParams } from '@/components/ui/view-params';
import dynamic from 'next/dynamic';

// The dialog (and the validation it shares with the server) loads on the first click.
const ShareDialog = dynamic(() => import('./share-dialog').then((m) => m.ShareDialog), { ssr: false });

/**
 * "Share" for a view's toolbar. Shares `path` (default: the current address, which fully
 * describes the view). Hidden inside a snapshot, which is read-only.
 */
export function ShareButton({ path, className }: { path?: string; className?: string }) {
  const readOnly = useIsReadOnlyView();
  const pathname = usePathname();
  const search = useViewParams();
  const [open, setOpen] = useState(false);
  if (readOnly) return null;
  const qs = search.toString();
  const current = path ?? (qs ? `${pathname}?${qs}` : pathname);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        data-testid="share-button"
        className={className ?? 'rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800'}
      >
        Share
      </button>
      {open && <ShareDialog path={current} onClose={() => setOpen(false)} />}
    </>
  );
}
