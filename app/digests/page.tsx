import { EmptyState, PageTitle } from '@/components/ui/page-title';

export const metadata = { title: 'Digests' };

export default function DigestsPage() {
  return (
    <div>
      <PageTitle title="Digests" />
      <EmptyState title="Nothing here yet">Connect a data source (PROMETHEUS_URL, LOKI_URL, JAEGER_URL) or run the demo with npm run demo.</EmptyState>
    </div>
  );
}
