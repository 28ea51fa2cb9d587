import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ServiceView } from '@/components/services/service-view';
import { PageTitle } from '@/components/ui/page-title';

type Params = Promise<{ service: string }>;

function decoded(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Service ${decoded((await params).service).slice(0, 80)}` };
}

export default async function Page({ params }: { params: Params }) {
  const service = decoded((await params).service).slice(0, 200);
  return (
    <div>
      <PageTitle title={service} />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading…</p>}>
        <ServiceView service={service} />
      </Suspense>
    </div>
  );
}
