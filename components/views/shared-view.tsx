'use client';

import { useQuery } from '@tanstack/react-query';
import { sharedViewData, type SharedViewData } from '@/lib/api/contract/views';
import { sharedViewDataPath } from '@/lib/routes';
import { Alert } from '@/components/ui/alert';
import { fetchApi, type ApiFetchError } from '@/components/ui/use-api';
import { SnapshotPage } from './snapshot-page';

/**
 * Loads a share page's data after the page itself (docs/security.md, "Share links"): the
 * HTML carries none, and a snapshot is streamed from its stored gzip, never held whole.
 */
export function SharedView({ token, live }: { token: string; live: boolean }) {
  const { data, error } = useQuery<SharedViewData, ApiFetchError>({
    queryKey: ['shared-view', token],
    queryFn: ({ signal }) => fetchApi(sharedViewDataPath(token), sharedViewData, signal),
    staleTime: Infinity,
    retry: false,
  });
  if (error) {
    return (
      <Alert data-testid="shared-view-error">
        {error.status === 410 || error.status === 404 ? `${error.message} ` : `The shared view could not be loaded: ${error.message}`}
      </Alert>
    );
  }
  if (!data) {
    return (
      <p role="status" data-testid="shared-view-loading" className="text-sm text-slate-500">
        Loading the shared view…
      </p>
    );
  }
  return <SnapshotPage snapshot={{ takenAt: data.takenAt, path: data.path, responses: data.responses }} failed={data.failed} live={live} />;
}
