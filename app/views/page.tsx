import { EmptyState, PageTitle } from '@/components/ui/page-title';

export const metadata = { title: 'Views' };

export default function ViewsPage() {
  return (
    <div>
      <PageTitle title="Views" />
      <EmptyState title="Nothing here yet">Connect a data source (PROMETHEUS_URL, LOKI_URL, JAEGER_URL) or run the demo with npm run demo.</EmptyState>
    </div>
  );
}
