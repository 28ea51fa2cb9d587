import { EmptyState, PageTitle } from '@/components/ui/page-title';

export const metadata = { title: 'Explore' };

export default function ExplorePage() {
  return (
    <div>
      <PageTitle title="Explore" />
      <EmptyState title="Nothing here yet">Connect a data source (PROMETHEUS_URL, LOKI_URL, JAEGER_URL) or run the demo with npm run demo.</EmptyState>
    </div>
  );
}
