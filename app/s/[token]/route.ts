import { db } from '@/lib/db';
import { recordOpen, findShare } from '@/lib/views/shares';
import { shareErrorPage, shareRedirect } from '@/lib/views/share-responses';
import { snapshotPagePath } from '@/lib/routes';

export const dynamic = 'force-dynamic';

/**
 * A share link. Expired and revoked links answer 410, unknown and malformed ones 404, each
 * with a plain page and no data. A live share redirects to the view's own URL, so the
 * recipient gets the ordinary, fully interactive view that re-queries the backends; a
 * snapshot goes to the page that renders the frozen data (which counts the open).
 */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const nowMs = Date.now();
  const share = await findShare(db(), token, nowMs);
  if (share.state !== 'ok') return shareErrorPage(share.state);
  if (share.snapshot) return shareRedirect(snapshotPagePath(token));
  await recordOpen(db(), share.id, nowMs);
  return shareRedirect(share.path);
}
