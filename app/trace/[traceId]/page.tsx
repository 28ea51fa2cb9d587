import type { Metadata } from 'next';
import { Suspense } from 'react';
import { preload } from 'react-dom';
import { TraceView } from '@/components/traces/trace-view';
import { EmptyState, PageTitle } from '@/components/ui/page-title';
import { canonicalTraceId } from '@/lib/model/ids';
import { traceStreamUrl } from '@/lib/views/api-urls';

type Params = Promise<{ traceId: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The raw segment, decoded when it is valid percent-encoding (a malformed one is shown as is). */
function segment(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = canonicalTraceId(segment((await params).traceId));
  return { title: id ? `Trace ${id.slice(0, 12)}…` : 'Not a trace id' };
}

export default async function Page({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const raw = segment((await params).traceId);
  const canonical = canonicalTraceId(raw);
  if (canonical) {
    // Start the investigation's stream while the page's JavaScript loads; the view's own
    // fetch of the same URL then takes the preloaded response, frames and all.
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(await searchParams)) if (typeof v === 'string') q.set(k, v);
    preload(traceStreamUrl(canonical, q), { as: 'fetch', crossOrigin: 'anonymous', fetchPriority: 'high' });
  }
  if (!canonical) {
    return (
      <div>
        <PageTitle title="Trace" />
        <div data-testid="not-a-trace-id">
          <EmptyState title="This is not a trace id">
            “{raw.slice(0, 80)}” is not a trace id: expected 1 to 32 hexadecimal digits (16 or 32 as Jaeger prints them), not all zeros.
          </EmptyState>
        </div>
      </div>
    );
  }
  return (
    <div>
      <PageTitle title="Trace" />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading trace…</p>}>
        <TraceView traceId={canonical} />
      </Suspense>
    </div>
  );
}
