import { json, route, searchParams } from '@/lib/api/respond';
import { listAudit } from '@/lib/auth/audit';
import { requireRole } from '@/lib/auth/guard';
import { db } from '@/lib/db';
import { auditQuery } from '@/lib/api/contract';

export const dynamic = 'force-dynamic';


/** The audit log, newest first (admins only: proxy.ts, lib/security/route-access.ts). */
export const GET = route(async (req: Request) => {
  requireRole(req, 'admin');
  return json({ events: await listAudit(db(), auditQuery.parse(searchParams(req))) });
});
