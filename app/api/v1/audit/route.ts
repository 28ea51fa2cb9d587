import { z } from 'zod';
import { json, route, searchParams } from '@/lib/api/respond';
import { listAudit } from '@/lib/auth/audit';
import { requireRole } from '@/lib/auth/guard';
import { db } from '@/lib/db';

export const dynamic = 'force-dynamic';

const query = z.object({
  actor: z.string().max(300).optional(),
  action: z.string().max(100).optional(),
  targetId: z.string().max(200).optional(),
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The audit log, newest first (admins only: proxy.ts, lib/security/route-access.ts). */
export const GET = route(async (req: Request) => {
  requireRole(req, 'admin');
  return json({ events: await listAudit(db(), query.parse(searchParams(req))) });
});
