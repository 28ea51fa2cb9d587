/**
 * Shapes every public response shares (docs/api.md, "Conventions"). The contract folder is
 * pure: zod schemas and the types inferred from them, read by routes, the browser and the
 * OpenAPI document alike.
 */
import { z } from 'zod';
import './jitless';

export const SOURCE_NAMES = ['prometheus', 'loki', 'jaeger'] as const;
export const sourceName = z.enum(SOURCE_NAMES);
export type SourceName = z.infer<typeof sourceName>;

export const labels = z.record(z.string(), z.string());
export type Labels = z.infer<typeof labels>;

/** RFC3339 with milliseconds. */
export const timestamp = z.string().meta({ description: 'RFC3339 time with milliseconds', example: '2026-12-04T14:00:00.000Z' });

export const sourceState = z.enum(['ok', 'error', 'timeout', 'not_configured']);
export type SourceState = z.infer<typeof sourceState>;

const reportFields = {
  status: sourceState,
  message: z.string().optional(),
  /** SourceError kind when status is error/timeout. */
  kind: z.string().optional().meta({ description: 'SourceError kind when status is error or timeout' }),
  ms: z.number(),
};

/** One named source's status when a request fanned out to several of a kind (docs/api.md, "Choosing sources"). */
export const namedSourceReport = z.object({ name: z.string(), ...reportFields }).meta({ id: 'NamedSourceReport' });
export type NamedSourceReport = z.infer<typeof namedSourceReport>;

export const sourceReport = z
  .object({
    ...reportFields,
    /** Present when several sources of the kind were asked: each one's own status (one down source degrades only itself). */
    sources: z.array(namedSourceReport).optional(),
  })
  .meta({ id: 'SourceReport' });
export type SourceReport = z.infer<typeof sourceReport>;

export const allSources = z.object({ prometheus: sourceReport, loki: sourceReport, jaeger: sourceReport });
/** Explore endpoints name only the backend they asked. */
export const someSources = allSources.partial();

const sourcePick = (kind: string) =>
  z
    .string()
    .regex(/^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,62}(,[A-Za-z0-9][A-Za-z0-9._-]{0,62})*)$/, `must be a ${kind} source name, a comma-separated list of names, or *`)
    .optional()
    .meta({ description: `Which named ${kind} source(s) to ask: a name, a comma-separated list, or * for all (default: the first configured)` });

/** Choosing sources per kind (docs/api.md, "Choosing sources"). */
export const sourceQuery = z.object({ metricsSource: sourcePick('metrics'), logsSource: sourcePick('logs'), tracesSource: sourcePick('traces') });
export type SourceQuery = z.infer<typeof sourceQuery>;

export const range = z.object({ from: timestamp, to: timestamp }).meta({ id: 'Range' });

export const errorBody = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .meta({ id: 'Error', description: '400 bad input, 404, 410, 502/504 backend failure. Never a stack trace.' });
export type ErrorBody = z.infer<typeof errorBody>;
