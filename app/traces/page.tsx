import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SearchView } from '@/components/search/search-view';
import { PageTitle } from '@/components/ui/page-title';

export const metadata: Metadata = { title: 'Find traces' };

export default function Page() {
  return (
    <div>
      <PageTitle title="Find traces" />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <SearchView />
      </Suspense>
    </div>
  );
}
