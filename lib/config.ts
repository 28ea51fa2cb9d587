import { z } from 'zod';
import type { SourceName } from './model/types';

/**
 * The environment, parsed once with zod. A bad value stops start-up with a message that
 * names the variable. Server-only: nothing here may be imported by a client component
 * (auth secrets live in it).
 */

export type SourceAuth = { type: 'basic'; user: string; password: string } | { type: 'bearer'; token: string };

export interface SourceConfig {
  name: SourceName;
  baseUrl: string; // no trailing slash
  auth: SourceAuth | null;
  timeoutMs: number;
  /** True when this source is the built-in demo backend. */
  demo: boolean;
}

export interface AppConfig {
  sources: Record<SourceName, SourceConfig | null>;
  /** No source configured: the built-in demo incident is served. */
  demo: boolean;
  jaegerApi: 'auto' | 'v1' | 'v3';
  lokiTenant: string | null;
  databaseUrl: string;
  host: string;
  port: number;
  /** Public base URL of this app (share links, digests). */
  publicUrl: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const httpUrl = z
  .string()
  .trim()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

const authSchema = z
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

const positiveInt = (def: number, max: number) => z.coerce.number().int().min(1).max(max).default(def);

const envSchema = z.object({
  PROMETHEUS_URL: httpUrl.optional(),
  LOKI_URL: httpUrl.optional(),
  JAEGER_URL: httpUrl.optional(),
  PROMETHEUS_AUTH: authSchema.optional(),
  LOKI_AUTH: authSchema.optional(),
  JAEGER_AUTH: authSchema.optional(),
  PROMETHEUS_TIMEOUT_MS: positiveInt(15_000, 600_000),
  LOKI_TIMEOUT_MS: positiveInt(15_000, 600_000),
  JAEGER_TIMEOUT_MS: positiveInt(15_000, 600_000),
  JAEGER_API: z.enum(['auto', 'v1', 'v3']).default('auto'),
  LOKI_TENANT: z.string().trim().min(1).optional(),
  /** Where `npm run demo` started the real demo Prometheus. */
  DEMO_PROMETHEUS_URL: httpUrl.optional(),
  DATABASE_URL: z
    .string()
    .trim()
    .default('file:./data/triangulate.db')
    .refine((u) => /^(file:|postgres(ql)?:\/\/)/.test(u), 'must be file:<path> (SQLite) or postgres://… (PostgreSQL)'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  PUBLIC_URL: httpUrl.optional(),
});

type Env = Record<string, string | undefined>;

/** Parse an environment. Empty strings count as unset. Pure: used by tests and start-up. */
export function parseConfig(env: Env): AppConfig {
  const cleaned: Env = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') cleaned[k] = v;
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const self = `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`;
  const demo = !e.PROMETHEUS_URL && !e.LOKI_URL && !e.JAEGER_URL;
  const strip = (u: string) => u.replace(/\/+$/, '');
  const source = (name: SourceName, url: string | undefined, auth: SourceAuth | undefined, timeoutMs: number, isDemo = false): SourceConfig | null =>
    url ? { name, baseUrl: strip(url), auth: auth ?? null, timeoutMs, demo: isDemo } : null;

  const sources: Record<SourceName, SourceConfig | null> = demo
    ? {
        prometheus: source('prometheus', e.DEMO_PROMETHEUS_URL, undefined, e.PROMETHEUS_TIMEOUT_MS, true),
        loki: source('loki', `${self}/demo/loki`, undefined, e.LOKI_TIMEOUT_MS, true),
        jaeger: source('jaeger', `${self}/demo/jaeger`, undefined, e.JAEGER_TIMEOUT_MS, true),
      }
    : {
        prometheus: source('prometheus', e.PROMETHEUS_URL, e.PROMETHEUS_AUTH, e.PROMETHEUS_TIMEOUT_MS),
        loki: source('loki', e.LOKI_URL, e.LOKI_AUTH, e.LOKI_TIMEOUT_MS),
        jaeger: source('jaeger', e.JAEGER_URL, e.JAEGER_AUTH, e.JAEGER_TIMEOUT_MS),
      };

  return {
    sources,
    demo,
    jaegerApi: e.JAEGER_API,
    lokiTenant: e.LOKI_TENANT ?? null,
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    publicUrl: strip(e.PUBLIC_URL ?? self),
  };
}

let cached: AppConfig | null = null;

/** The process configuration, read once. Throws ConfigError naming the bad variable. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change the environment. */
export function resetConfigForTests(): void {
  cached = null;
}

/** What the browser may know about a source: never URLs with credentials or auth. */
export function publicSourceInfo(cfg: AppConfig) {
  return Object.fromEntries(
    Object.entries(cfg.sources).map(([name, s]) => [name, s ? { configured: true, demo: s.demo } : { configured: false, demo: false }]),
  ) as Record<SourceName, { configured: boolean; demo: boolean }>;
}
