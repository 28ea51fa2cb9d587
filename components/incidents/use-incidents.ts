'use client';

import { useApi } from '@/components/ui/use-api';
import type { IncidentsResponse } from '@/lib/investigate/incidents';
import { incidentsUrl } from '@/lib/views/api-urls';

/** The incidents of the view's range (a snapshot serves the same response). */
export function useIncidents(params: URLSearchParams, opts: { refetchInterval?: number } = {}) {
  return useApi<IncidentsResponse>(incidentsUrl(params), opts);
}
