import { Suspense } from 'react';
import { OverviewView } from '@/components/overview/overview-view';
import { PageTitle } from '@/components/ui/page-title';
import { ShareButton } from '@/components/views/share-button';

export default function OverviewPage() {
  return (
    <div>
      <PageTitle title="Overview">
        <Suspense fallback={null}>
          <ShareButton />
        </Suspense>
      </PageTitle>
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <OverviewView />
      </Suspense>
    </div>
  );
}
