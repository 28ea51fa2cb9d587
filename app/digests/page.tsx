import { DigestsView } from '@/components/digests/digests-view';
import { PageTitle } from '@/components/ui/page-title';

export const metadata = { title: 'Digests' };

export default function DigestsPage() {
  return (
    <div>
      <PageTitle title="Digests" />
      <DigestsView />
    </div>
  );
}
