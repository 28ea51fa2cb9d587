import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { SnapshotPage } from '@/components/views/snapshot-page';
import { db } from '@/lib/db';
import { openSnapshotShare } from '@/lib/views/shares';
import { sharePath } from '@/lib/routes';

export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: 'Shared snapshot',
  robots: { index: false, follow: false },
  referrer: 'no-referrer',
};

/**
 * The frozen view of a snapshot share. Anything that is not an ok snapshot goes back to
 * `/s/{token}`, which answers with the right status page (410/404) or the live view.
 */
export default async function SharedSnapshotPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const opened = await openSnapshotShare(db(), token);
  if (opened.state === 'missing_data') notFound(); // a snapshot row without data: nothing to show, and no redirect loop
  if (opened.state !== 'ok') redirect(sharePath(token));
  const { takenAt, path, responses, failed } = opened.data;
  return <SnapshotPage snapshot={{ takenAt, path, responses }} failed={failed} />;
}
