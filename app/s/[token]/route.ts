import { db } from '@/lib/db';
import { decodeUser, USER_HEADER } from '@/lib/auth/identity';
import { recordOpen, findShare } from '@/lib/views/shares';
import { shareErrorPage, shareRedirect } from '@/lib/views/share-responses';
import { snapshotPagePath } from '@/lib/routes';

export const dynamic = 'force-dynamic';

/**
 * A share link: a capability URL, opened with or without an account (docs/security.md,
 * "Share links"). Expired and revoked links answer 410, unknown and malformed ones 404, each
 * with a plain page and no data. A snapshot goes to the page that renders the frozen data
 * (which counts the open). A live share sends someone signed in to the view's own URL,
 * fully interactive; someone without an account (sign-in modes) to the read-only page of
 * the view as of now, which shows that view and reaches nothing else.
 */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await params;
  const nowMs = Date.now();
  const share = await findShare(db(), token, nowMs);
  if (share.state !== 'ok') return shareErrorPage(share.state, req.headers.get('x-nonce'));
  if (share.snapshot) return shareRedirect(snapshotPagePath(token));
  await recordOpen(db(), share.id, nowMs);
  const signedIn = decodeUser(req.headers.get(USER_HEADER)) !== null;
  return shareRedirect(signedIn ? share.path : snapshotPagePath(token));
}
