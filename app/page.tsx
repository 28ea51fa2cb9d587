import { SourceCards } from '@/components/overview/source-cards';
import { PageTitle } from '@/components/ui/page-title';

export default function OverviewPage() {
  return (
    <div className="space-y-6">
      <PageTitle title="Overview" />
      <SourceCards />
    </div>
  );
}
