'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { effectiveRefresh, refreshMs, type RefreshChoice } from './refresh-interval';

/** The refresh interval in effect on this page (the URL's `refresh`, else the page's default). */
export function useRefreshInterval(): { choice: RefreshChoice; ms: number | null } {
  const choice = effectiveRefresh(useSearchParams().get('refresh'), usePathname());
  return { choice, ms: refreshMs(choice) };
}
