'use client';

import { SnapshotContext, type SnapshotData } from '@/components/ui/use-api';
import { FixedViewParams } from '@/components/ui/view-params';
import { AnomaliesView } from '@/components/anomalies/anomalies-view';
import { ExploreView } from '@/components/explore/explore-view';
import { OverviewView } from '@/components/overview/overview-view';
import { TraceView } from '@/components/traces/trace-view';
import { viewKind } from '@/lib/views/api-urls';
import { SnapshotBanner, type FailedParts } from './snapshot-banner';

/**
 * Renders a snapshot (or a live share captured for someone without an account): the view
 * named by the pinned path, with its query parameters fixed and every API response served
 * from the captured data, so nothing here reaches the backends or the API.
 */
export function SnapshotPage({ snapshot, failed, live = false }: { snapshot: SnapshotData; failed: FailedParts; live?: boolean }) {
  const url = new URL(snapshot.path, 'http://view.invalid');
  const kind = viewKind(url.pathname);
  return (
    <SnapshotContext.Provider value={snapshot}>
      <FixedViewParams query={url.search}>
        <SnapshotBanner path={snapshot.path} takenAt={snapshot.takenAt} failed={failed} live={live} />
        {kind === 'trace' && <TraceView traceId={decodeURIComponent(url.pathname.split('/')[2])} />}
        {kind === 'explore' && <ExploreView />}
        {kind === 'anomalies' && <AnomaliesView />}
        {kind === 'overview' && <OverviewView />}
        {kind === null && <p role="alert">This snapshot is of a page Triangulate can no longer show ({snapshot.path}).</p>}
      </FixedViewParams>
    </SnapshotContext.Provider>
  );
}
