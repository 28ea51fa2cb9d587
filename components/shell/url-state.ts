'use client';

import { useSearchParams } from 'next/navigation';
import { DEFAULT_FROM, DEFAULT_TO } from '@/lib/time/range';

/** The selected time range lives in the URL (`from`, `to`), so a copied link reproduces the view. */
export function useTimeRange() {
  const params = useSearchParams();
  return { from: params.get('from') ?? DEFAULT_FROM, to: params.get('to') ?? DEFAULT_TO };
}

/** The current range as a query string, for links that carry it along. */
export function useRangeQuery(): string {
  const { from, to } = useTimeRange();
  return new URLSearchParams({ from, to }).toString();
}
