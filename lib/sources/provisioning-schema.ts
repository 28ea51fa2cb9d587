import { z } from 'zod';
import { redFamiliesSchema } from '../config-detection';
import { EXTRACTION_STEPS } from '../correlate/extraction-config';
import { elasticsearchOptions, jaegerOptions, tempoOptions } from './source-options';
import type { SourceName } from '../model/types';

/**
 * The shape of a provisioning file (TRIANGULATE_CONFIG, README "Configuration"): named
 * sources of each kind, in the spirit of Grafana's datasource provisioning. One entry per
 * backend; `kind` says what it contributes, `type` which client speaks to it.
 */

export const SOURCE_KINDS = ['metrics', 'logs', 'traces'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_TYPES = ['prometheus', 'loki', 'jaeger', 'tempo', 'elasticsearch'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Which kind each type serves. */
export const KIND_OF_TYPE: Record<SourceType, SourceKind> = { prometheus: 'metrics', loki: 'logs', jaeger: 'traces', tempo: 'traces', elasticsearch: 'logs' };
/** The investigation's slot a kind fills (its `sources` section keys, docs/api.md). */
export const SLOT_OF_KIND: Record<SourceKind, SourceName> = { metrics: 'prometheus', logs: 'loki', traces: 'jaeger' };
export const KIND_OF_SLOT: Record<SourceName, SourceKind> = { prometheus: 'metrics', loki: 'logs', jaeger: 'traces' };

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** Names appear in URLs (`?logsSource=`) and in the UI: keep them plain. */
export const SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

const httpUrl = z
  .string()
  .trim()
  .url('must be a URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

export const provisionedAuth = z.discriminatedUnion('type', [
  z.object({ type: z.literal('basic'), user: z.string().min(1), password: z.string() }).strict(),
  z.object({ type: z.literal('bearer'), token: z.string().min(1) }).strict(),
  z.object({ type: z.literal('headers'), headers: z.record(z.string().regex(HEADER_NAME, 'must be an HTTP header name'), z.string()) }).strict(),
]);

const extractionRegex = z.union([z.string(), z.object({ pattern: z.string(), flags: z.string().optional(), format: z.enum(['hex', 'decimal']).optional() }).strict()]);

/** Trace-id extraction rules for a logs source (lib/correlate/extraction-config.ts). */
export const traceIdRules = z
  .object({
    steps: z.array(z.enum(EXTRACTION_STEPS)).optional(),
    traceKeys: z.array(z.string().min(1)).optional(),
    spanKeys: z.array(z.string().min(1)).optional(),
    traceRegexes: z.array(extractionRegex).optional(),
    spanRegexes: z.array(extractionRegex).optional(),
    defaultRegexes: z.boolean().optional(),
    requestIdKeys: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const provisionedSource = z
  .object({
    name: z.string().regex(SOURCE_NAME, 'must be 1-63 of letters, digits, ".", "_" and "-", starting with a letter or digit'),
    kind: z.enum(SOURCE_KINDS),
    type: z.enum(SOURCE_TYPES),
    url: httpUrl,
    auth: provisionedAuth.optional(),
    timeoutMs: z.number().int().min(1).max(600_000).default(15_000),
    /** X-Scope-OrgID (Loki, Tempo, Mimir-style Prometheus). Elasticsearch has no tenant header: use `auth`. */
    tenant: z.string().trim().min(1).optional(),
    /** The label that names services on this source (default: the built-in order). */
    serviceLabel: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_.]*$/, 'must be a label name').optional(),
    /** Logs sources: how trace ids are found in lines. */
    traceIds: traceIdRules.optional(),
    /** Metrics sources: RED families beyond the built-in HTTP and gRPC ones. */
    redFamilies: redFamiliesSchema.optional(),
    /** Type-specific settings, validated by the type (OPTIONS_OF_TYPE). */
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (KIND_OF_TYPE[s.type] !== s.kind) ctx.addIssue({ code: 'custom', path: ['kind'], message: `type ${s.type} serves ${KIND_OF_TYPE[s.type]}, not ${s.kind}` });
    if (s.traceIds && s.kind !== 'logs') ctx.addIssue({ code: 'custom', path: ['traceIds'], message: 'only a logs source has trace-id extraction rules' });
    if (s.tenant && s.type === 'elasticsearch') ctx.addIssue({ code: 'custom', path: ['tenant'], message: 'Elasticsearch has no tenant header; send what your proxy needs with auth (type: headers)' });
    if (s.redFamilies && s.kind !== 'metrics') ctx.addIssue({ code: 'custom', path: ['redFamilies'], message: 'only a metrics source has RED families' });
    const opts = OPTIONS_OF_TYPE[s.type].safeParse(s.options);
    if (!opts.success) for (const i of opts.error.issues) ctx.addIssue({ code: 'custom', path: ['options', ...i.path.map(String)], message: i.message });
  });

/** Per-type `options` (lib/sources/source-options.ts). */
export const OPTIONS_OF_TYPE: Record<SourceType, z.ZodType> = {
  prometheus: z.object({}).strict(),
  loki: z.object({}).strict(),
  jaeger: jaegerOptions,
  tempo: tempoOptions,
  elasticsearch: elasticsearchOptions,
};

export const provisioningFile = z
  .object({
    apiVersion: z.literal(1).default(1),
    sources: z.array(provisionedSource).min(1, 'must list at least one source'),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Map<string, number>();
    f.sources.forEach((s, i) => {
      const key = s.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['sources', i, 'name'], message: `"${s.name}" is already the name of sources[${seen.get(key)}]` });
      else seen.set(key, i);
    });
  });

export type ProvisionedSource = z.infer<typeof provisionedSource>;
export type ProvisioningFile = z.infer<typeof provisioningFile>;
