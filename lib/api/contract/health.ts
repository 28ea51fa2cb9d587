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
});
export type SourceHealth = z.infer<typeof sourceHealth>;

export const healthResponse = z
  .object({
    status: z.enum(['ok', 'degraded']),
    demo: z.boolean(),
    sources: z.object({ prometheus: sourceHealth, loki: sourceHealth, jaeger: sourceHealth }),
    /** The named sources of each kind, in order (the first is the default; docs/api.md, "Choosing sources"). */
    named: z.object({ prometheus: z.array(z.string()), loki: z.array(z.string()), jaeger: z.array(z.string()) }).optional(),
  })
  .meta({ id: 'HealthResponse' });
export type HealthResponse = z.infer<typeof healthResponse>;
