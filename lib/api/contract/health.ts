/** GET /api/health (docs/api.md, "Operations"): per-source reachability, always 200. */
import { z } from 'zod';
import { namedSourceReport, sourceReport } from './common';

const BACKENDS = ['prometheus', 'loki', 'elasticsearch', 'jaeger', 'tempo'] as const;

/** One named source's probe (docs/api.md, "Operations"). */
export const namedSourceHealth = namedSourceReport.extend({
  /** The source's type: prometheus, loki, elasticsearch, jaeger or tempo. */
  backend: z.enum(BACKENDS),
  version: z.string().optional(),
  api: z.string().optional(),
});
export type NamedSourceHealth = z.infer<typeof namedSourceHealth>;

export const sourceHealth = sourceReport.extend({
  version: z.string().optional(),
  demo: z.boolean(),
  /** Circuit breaker state of the transport (closed | open | half_open). */
  breaker: z.string().optional(),
  /** The Jaeger API in use (v1 or v3). */
  api: z.string().optional(),
  /** The type of the kind's first source (the default a page uses); when none: the type the environment would configure. */
  backend: z.enum(BACKENDS).optional(),
  /** With several sources of the kind: each one's probe, in order. */
  sources: z.array(namedSourceHealth).optional(),
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
