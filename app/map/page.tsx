import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ServiceMapView } from '@/components/map/service-map-view';
import { PageTitle } from '@/components/ui/page-title';

export const metadata: Metadata = { title: 'Service map' };

export default function Page() {
  return (
    <div>
      <PageTitle title="Service map" />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <ServiceMapView />
      </Suspense>
    </div>
  );
}
