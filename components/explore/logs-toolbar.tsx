'use client';

/** The switches above the log list: wrap lines, live tail, CSV download. */
export function LogsToolbar({
  wrap,
  onWrap,
  tail,
  onTail,
  tailInfo,
  onCsv,
}: {
  wrap: boolean;
  onWrap: (v: boolean) => void;
  tail: boolean;
  /** Absent where tailing makes no sense (a snapshot). */
  onTail?: (v: boolean) => void;
  tailInfo: string | null;
  onCsv?: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
      <label className="flex items-center gap-1">
        <input type="checkbox" data-testid="logs-wrap" checked={wrap} onChange={(e) => onWrap(e.target.checked)} />
        Wrap lines
      </label>
      {onTail && (
        <label className="flex items-center gap-1" title="Poll for new lines every 2 seconds (docs/api.md, Live tail)">
          <input type="checkbox" data-testid="logs-tail" checked={tail} onChange={(e) => onTail(e.target.checked)} />
          Live tail
        </label>
      )}
      {tailInfo && (
        <span data-testid="logs-tail-info" className="text-emerald-700 dark:text-emerald-400">
          {tailInfo}
        </span>
      )}
      {onCsv && (
        <button type="button" data-testid="logs-csv" onClick={onCsv} className="underline decoration-dotted">
          CSV
        </button>
      )}
    </div>
  );
}
