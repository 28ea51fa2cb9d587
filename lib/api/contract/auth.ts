import { z } from 'zod';
import { timestamp } from './common';

/** Who is asking, and the audit log (docs/security.md). */

export const role = z.enum(['viewer', 'editor', 'admin']);
export const user = z.object({ id: z.string(), name: z.string(), role, via: z.enum(['none', 'proxy', 'oidc']) }).meta({ id: 'User' });

export const meAnswer = z
  .object({
    user: user.nullable(),
    mode: z.enum(['none', 'proxy', 'oidc']),
    signOut: z
      .object({ method: z.enum(['GET', 'POST']), url: z.string() })
      .nullable()
      .meta({ description: 'How to end the session: POST /auth/logout (oidc), the proxy\'s own sign-out page (proxy, AUTH_PROXY_SIGN_OUT_URL), or null' }),
  })
  .meta({ id: 'Me' });
export type MeAnswer = z.infer<typeof meAnswer>;
/** POST /auth/logout. */
export const logoutAnswer = z.object({ signedOut: z.literal(true) }).meta({ id: 'SignedOut' });

export const auditQuery = z.object({
  actor: z.string().max(300).optional(),
  action: z.string().max(100).optional(),
  targetId: z.string().max(200).optional(),
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const auditRecord = z
  .object({
    id: z.string(),
    at: timestamp,
    actor: z.object({ id: z.string(), name: z.string(), role: z.string() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }),
    detail: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'AuditEvent' });
export const auditList = z.object({ events: z.array(auditRecord) }).meta({ id: 'AuditList' });

/** GET /api/v1/traces: Jaeger-style search, every filter a query parameter (docs/search-api.md). */
export const traceSearchQuery = z.object({
  service: z.string().optional().meta({ description: 'Required by Jaeger; without it the answer is 400 service_required' }),
  operation: z.string().optional(),
  tags: z.string().optional().meta({ description: 'logfmt: http.status_code=500 error=true' }),
  minDuration: z.string().optional().meta({ description: 'Go duration, e.g. 250ms' }),
  maxDuration: z.string().optional(),
  errors: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1500).optional(),
  sort: z.enum(['recent', 'longest', 'spans', 'errors']).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});
