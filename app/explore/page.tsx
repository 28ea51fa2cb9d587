import { Suspense } from 'react';
import { ExploreView } from '@/components/explore/explore-view';

export const metadata = { title: 'Explore' };

export default function ExplorePage() {
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
      <ExploreView />
    </Suspense>
  );
}
