import { Suspense } from 'react';
import { AnomaliesView } from '@/components/anomalies/anomalies-view';
import { PageTitle } from '@/components/ui/page-title';
import { ShareButton } from '@/components/views/share-button';

export const metadata = { title: 'Anomalies' };

export default function AnomaliesPage() {
  return (
    <div>
      <PageTitle title="Anomalies">
        <Suspense fallback={null}>
          <ShareButton />
        </Suspense>
      </PageTitle>
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <AnomaliesView />
      </Suspense>
    </div>
  );
}
