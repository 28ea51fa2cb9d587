import { getConfig } from '@/lib/config';
import { demoBackendsEnabled, demoBackendsOffResponse } from '@/lib/demo/switch';
import { handleLokiRequest, liveClock, notFound, toDemoRequest, toResponse } from '@/lib/demo';

export const dynamic = 'force-dynamic';

async function handle(req: Request, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  if (!getConfig().demo) return notFound();
  if (!demoBackendsEnabled()) return demoBackendsOffResponse();
  const { path } = await ctx.params;
  return toResponse(handleLokiRequest(await toDemoRequest(req, path), liveClock()));
}

export const GET = handle;
export const POST = handle;
