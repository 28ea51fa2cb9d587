import { getConfig } from '@/lib/config';
import { demoBackendsEnabled, demoBackendsOffResponse } from '@/lib/demo/switch';
import { OPENMETRICS_CONTENT_TYPE, demoAnchorMs, notFound, renderExposition } from '@/lib/demo';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  if (!getConfig().demo) return notFound();
  if (!demoBackendsEnabled()) return demoBackendsOffResponse();
  return new Response(renderExposition(Date.now(), demoAnchorMs()), {
    headers: { 'content-type': OPENMETRICS_CONTENT_TYPE, 'cache-control': 'no-store' },
  });
}
