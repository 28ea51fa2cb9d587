import { PageTitle } from '@/components/ui/page-title';
import { ViewsList } from '@/components/views/views-list';

export const metadata = { title: 'Views' };

export default async function ViewsPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q } = await searchParams;
  return (
    <div>
      <PageTitle title="Saved views" />
      <ViewsList initialQuery={typeof q === 'string' ? q : ''} />
    </div>
  );
}
