import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SharedView } from '@/components/views/shared-view';
import { db } from '@/lib/db';
import { openSharedViewPage } from '@/lib/views/shared-view';
import { sharePath } from '@/lib/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Shared view',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

/**
 * The read-only page of a share: a snapshot's frozen data, or (for someone without an
 * account) a live share's view as of now. The HTML carries no data: the page loads it from
 * `/s/{token}/view/data` (lib/views/shared-view.ts). A link that is not ok goes back to
 * `/s/{token}`, which answers with the right status page (410/404).
 */
export default async function SharedViewPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const share = await openSharedViewPage(db(), token);
  if (share.state !== 'ok') redirect(sharePath(token));
  return <SharedView token={token} live={share.live} />;
}
