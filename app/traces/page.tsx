import type { Metadata } from 'next';
import { Suspense } from 'react';
import { preload } from 'react-dom';
import { SearchView } from '@/components/search/search-view';
import { PageTitle } from '@/components/ui/page-title';
import { traceSearchUrl } from '@/lib/views/api-urls';

export const metadata: Metadata = { title: 'Find traces' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function Page({ searchParams }: { searchParams: SearchParams }) {
  // Start the search while the page's JavaScript loads: a search of 1,500 traces takes about
  // as long as the scripts, and the view's own fetch of the same URL takes this response.
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === 'string') q.set(k, v);
  const url = traceSearchUrl(q);
  if (url) preload(url, { as: 'fetch', crossOrigin: 'anonymous', fetchPriority: 'high' });
  return (
    <div>
      <PageTitle title="Find traces" />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <SearchView />
      </Suspense>
    </div>
  );
}
