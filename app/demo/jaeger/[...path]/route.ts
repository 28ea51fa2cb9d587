import { getConfig } from '@/lib/config';
import { handleJaegerRequest, liveClock, notFound, toDemoRequest, toResponse } from '@/lib/demo';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ path: string[] }> }): Promise<Response> {
  if (!getConfig().demo) return notFound();
  const { path } = await ctx.params;
  return toResponse(handleJaegerRequest(await toDemoRequest(req, path), liveClock()));
}
