import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TraceView } from '@/components/traces/trace-view';
import { EmptyState, PageTitle } from '@/components/ui/page-title';
import { canonicalTraceId } from '@/lib/model/ids';

type Params = Promise<{ traceId: string }>;

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

/**
 * The trace page. Its one request, the investigation's stream, is not preloaded here: it starts
 * once the page's scripts have loaded (components/traces/early-stream.ts), so the server's work
 * on it does not hold back those scripts.
 */
export default async function Page({ params }: { params: Params }) {
  const raw = segment((await params).traceId);
  const canonical = canonicalTraceId(raw);
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
