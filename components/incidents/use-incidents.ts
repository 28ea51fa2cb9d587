'use client';

import { useApi } from '@/components/ui/use-api';
import { incidentsResponse } from '@/lib/api/contract';
import { incidentsUrl } from '@/lib/views/api-urls';

/** The incidents of the view's range (a snapshot serves the same response). */
export function useIncidents(params: URLSearchParams, opts: { refetchInterval?: number } = {}) {
  return useApi(incidentsUrl(params), incidentsResponse, opts);
}
