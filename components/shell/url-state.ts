'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback } from 'react';
import { DEFAULT_FROM, DEFAULT_TO } from '@/lib/time/range';
import { applyParamChanges } from '@/components/ui/view-params';

/** The selected time range lives in the URL (`from`, `to`), so a copied link reproduces the view. */
export function useTimeRange() {
  const params = useSearchParams();
  return { from: params.get('from') ?? DEFAULT_FROM, to: params.get('to') ?? DEFAULT_TO };
}

/** Replace some query parameters, keeping the rest (null deletes). */
export function useSetParams() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  return useCallback(
    (changes: Record<string, string | null>, mode: 'push' | 'replace' = 'push') => {
      const qs = applyParamChanges(params, changes).toString();
      router[mode](qs ? `${pathname}?${qs}` : pathname, { scroll: false });
    },
    [router, pathname, params],
  );
}

/** The current range as a query string, for links that carry it along. */
export function useRangeQuery(): string {
  const { from, to } = useTimeRange();
  return new URLSearchParams({ from, to }).toString();
}
