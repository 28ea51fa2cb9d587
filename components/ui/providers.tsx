'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { retryDelay, shouldRetry } from './retry-policy';

export function Providers({ children }: { children: ReactNode }) {
  // One client per browser tab. Retries of backends are the server's job (lib/sources/http.ts);
  // the browser retries only what may succeed later: network errors, 5xx, 429 (retry-policy.ts).
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, retryDelay, staleTime: 15_000, refetchOnWindowFocus: false } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
