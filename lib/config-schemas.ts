import { z } from 'zod';

/** Value schemas shared by the environment's parts (lib/config.ts, lib/config-backends.ts). */

export type SourceAuth = { type: 'basic'; user: string; password: string } | { type: 'bearer'; token: string };

export const httpUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

export const authSchema = z
  .string()
  .trim()
  .transform((v, ctx): SourceAuth => {
    const basic = /^basic:([^:]+):(.*)$/.exec(v);
    if (basic) return { type: 'basic', user: basic[1], password: basic[2] };
    const bearer = /^bearer:(.+)$/.exec(v);
    if (bearer) return { type: 'bearer', token: bearer[1] };
    ctx.addIssue({ code: 'custom', message: 'must be basic:user:pass or bearer:token' });
    return z.NEVER;
  });

/** Elasticsearch index names, aliases, data streams or patterns, comma lists allowed (lib/sources/elasticsearch/README.md §1). */
export const esIndexNames = z.string().trim().regex(/^[A-Za-z0-9._*,:+-]+$/, 'must be index names or patterns (letters, digits, . _ - * + : and commas)');

/** A document field path such as `trace.id` or `@timestamp`. */
export const fieldName = z.string().trim().regex(/^[@A-Za-z0-9_][@A-Za-z0-9_.-]{0,127}$/, 'must be a field name such as trace.id');

export const positiveInt = (def: number, max: number) => z.coerce.number().int().min(1).max(max).default(def);

