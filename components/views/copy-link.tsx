'use client';

import { useRef, useState } from 'react';

/** A read-only link field with a copy button; falls back to selecting the text where the clipboard API is refused. */
export function CopyLink({ url }: { url: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'select'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setState('copied');
    } catch {
      // Insecure origins and some browsers refuse the clipboard: select so Ctrl+C works.
      input.current?.select();
      setState(document.execCommand?.('copy') ? 'copied' : 'select');
    }
  };
  return (
    <div className="flex items-center gap-2">
      <input
        ref={input}
        readOnly
        value={url}
        aria-label="Share link"
        data-testid="share-url"
        onFocus={(e) => e.currentTarget.select()}
        className="min-w-0 flex-1 rounded border border-slate-300 bg-slate-50 px-2 py-1 font-mono text-xs dark:border-slate-700 dark:bg-slate-800"
      />
      <button type="button" onClick={copy} className="rounded bg-sky-600 px-3 py-1 text-sm text-white hover:bg-sky-700" data-testid="copy-link">
        {state === 'copied' ? 'Copied' : 'Copy link'}
      </button>
      {state === 'select' && <span className="text-xs text-slate-500">Press Ctrl+C to copy</span>}
    </div>
  );
}
