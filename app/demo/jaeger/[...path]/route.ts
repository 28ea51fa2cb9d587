import { getConfig } from '@/lib/config';
import { demoBackendsEnabled, demoBackendsOffResponse } from '@/lib/demo/switch';
import { handleJaegerRequest, liveClock, notFound, toDemoRequest, toResponse } from '@/lib/demo';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  if (!getConfig().demo) return notFound();
  if (!demoBackendsEnabled()) return demoBackendsOffResponse();
  const { path } = await ctx.params;
  return toResponse(handleJaegerRequest(await toDemoRequest(req, path), liveClock()));
}
