import { json, notFound, route } from '@/lib/api/respond';
import { renderSlack } from '@/lib/digests/render';
import { preview } from '@/lib/digests/runner';
import { serverRunnerDeps } from '@/lib/digests/server';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

/** What "Run now" would send at this moment — nothing is sent, stored or snapshotted. */
export const GET = route(async (_req: Request, { params }: Ctx) => {
  const { id } = await params;
  const out = await preview(serverRunnerDeps(), id, Date.now());
  if (!out) throw notFound(`no digest schedule ${id}`);
  return json({ window: out.window, subject: out.subject, text: out.text, html: out.html, slack: renderSlack(out.digest), digest: out.digest });
});
