/** GET /api/health (docs/api.md, "Operations"): per-source reachability, always 200. */
import { z } from 'zod';
import { sourceReport } from './common';

export const sourceHealth = sourceReport.extend({
  version: z.string().optional(),
  demo: z.boolean(),
  /** Circuit breaker state of the transport (closed | open | half_open). */
  breaker: z.string().optional(),
  /** The Jaeger API in use (v1 or v3). */
  api: z.string().optional(),
  /** Which backend serves this role: prometheus; loki or elasticsearch; jaeger or tempo (TRACES_BACKEND, LOGS_BACKEND). */
  backend: z.enum(['prometheus', 'loki', 'elasticsearch', 'jaeger', 'tempo']).optional(),
});
export type SourceHealth = z.infer<typeof sourceHealth>;

export const healthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    demo: z.boolean(),
    sources: z.object({ prometheus: sourceHealth, loki: sourceHealth, jaeger: sourceHealth }),
  })
  .meta({ id: 'HealthResponse' });
export type HealthResponse = z.infer<typeof healthResponse>;
