import { EmptyState, PageTitle } from '@/components/ui/page-title';

export const metadata = { title: 'Anomalies' };

export default function AnomaliesPage() {
  return (
    <div>
      <PageTitle title="Anomalies" />
      <EmptyState title="Nothing here yet">Connect a data source (PROMETHEUS_URL, LOKI_URL, JAEGER_URL) or run the demo with npm run demo.</EmptyState>
    </div>
  );
}
