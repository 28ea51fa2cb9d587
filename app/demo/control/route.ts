import { readJsonBody } from '@/lib/api/body';
import { z } from 'zod';
import { json, notFound, route } from '@/lib/api/respond';
import { recordAudit } from '@/lib/auth/audit';
import { requireRole } from '@/lib/auth/guard';
import { getConfig } from '@/lib/config';
import { db } from '@/lib/db';
import { demoAnchorMs } from '@/lib/demo/anchor';
import { demoBackendsEnabled, setDemoBackendsEnabled } from '@/lib/demo/switch';

export const dynamic = 'force-dynamic';

const body = z.object({ backends: z.boolean() });

const requireDemo = () => {
  if (!getConfig().demo) throw notFound('demo mode is off');
};

/** Demo only: whether the demo backends answer, and when the demo's story is anchored (its "start"). */
export const GET = route(async () => {
  requireDemo();
  return json({ backends: demoBackendsEnabled(), anchor: new Date(demoAnchorMs()).toISOString() });
});

/**
 * Demo only: `{backends: false}` takes the demo Loki/Jaeger/metrics offline (503), `true`
 * brings them back. Answers 404 outside demo mode, so it can never touch real backends.
 */
export const POST = route(async (req: Request) => {
  requireDemo();
  const user = requireRole(req, 'editor');
  const { backends } = body.parse(await readJsonBody(req));
  setDemoBackendsEnabled(backends);
  await recordAudit(db(), user, 'demo.backends', { type: 'demo', id: 'backends' }, { backends });
  return json({ backends: demoBackendsEnabled() });
});
