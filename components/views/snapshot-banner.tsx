'use client';

import { useTimeZone } from '@/components/settings/time-zone';
import { describeApiUrl, formatTimestamp, readablePath } from './format';

export type FailedParts = Record<string, { status: number; message: string }>;

/** "Snapshot of … taken at … · read-only" (a live share: "Live view of … as of …"), and which parts could not be captured. */
export function SnapshotBanner({ path, takenAt, failed, live = false }: { path: string; takenAt: string; failed: FailedParts; live?: boolean }) {
  const zone = useTimeZone();
  const missing = Object.entries(failed);
  return (
    <div
      role="status"
      data-testid="snapshot-banner"
      data-live={live ? 'true' : undefined}
      className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    >
      <p>
        {live ? 'Live view of ' : 'Snapshot of '}
        <code className="break-all font-mono text-xs" data-testid="snapshot-path">{readablePath(path)}</code> {live ? 'as of ' : 'taken at '}
        <time dateTime={takenAt}>{formatTimestamp(takenAt, zone)}</time> · read-only{live ? ' · reload for newer data' : ''}
      </p>
      {missing.length > 0 && (
        <ul data-testid="snapshot-missing" className="mt-1 list-disc pl-5">
          {missing.map(([url, f]) => (
            <li key={url}>
              Not captured: {describeApiUrl(url)} ({f.status}: {f.message})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
