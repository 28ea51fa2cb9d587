import { z } from 'zod';
import type { SourceName } from './model/types';
import { authConfigFrom, authEnvSchema, isLoopbackHost, type AuthConfig } from './auth/auth-config';
import { parsePatterns, type CounterFilter } from './anomalies/counter-discovery';
import { DEFAULT_RED_FAMILIES, type RedFamily } from './anomalies/red';

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

/** The digest runner and its channels (SMTP_URL, DIGEST_*). */
export interface DigestConfig {
  /** smtp:// or smtps:// URL with credentials; null: e-mail channels fail saying so. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Webhook HMAC keys from DIGEST_SECRET_<REF>, by REF (a channel's `secretRef`). */
  secrets: Record<string, string>;
  /** How late a missed slot may still run after a restart; null: the runner's default. */
  graceMs: number | null;
  /** Runner tick interval; null: the loop's default. */
  tickMs: number | null;
  /** False (DIGEST_RUNNER=off): this replica never sends digests on its own. */
  runner: boolean;
}

/** What the anomaly scan looks at beyond its built-in knowledge (docs/anomalies.md). */
export interface DetectionConfig {
  /** COUNTER_SCAN_INCLUDE / COUNTER_SCAN_EXCLUDE: comma-separated regexes, anchored. */
  counterFilter: CounterFilter;
  /** The built-in HTTP and gRPC families, then RED_FAMILIES. */
  redFamilies: RedFamily[];
}

export interface AppConfig {
  sources: Record<SourceName, SourceConfig | null>;
  detection: DetectionConfig;
  /** No source configured: the built-in demo incident is served. */
  demo: boolean;
  jaegerApi: 'auto' | 'v1' | 'v3';
  lokiTenant: string | null;
  databaseUrl: string;
  host: string;
  port: number;
  /** Public base URL of this app (share links, digests). */
  publicUrl: string;
  digests: DigestConfig;
  /** Sign-in mode, roles and cookies (docs/security.md). */
  auth: AuthConfig;
  /** Host header values this app answers to (DNS rebinding): from PUBLIC_URL and HOST:PORT. */
  allowedHosts: string[];
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
  /** More Host values to answer to (host or host:port), e.g. the name Prometheus scrapes or a probe uses. */
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean))
    .refine((hs) => hs.every((h) => /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(h)), 'must be a comma-separated list of host or host:port'),
  SMTP_URL: z
    .string()
    .trim()
    .url()
    .refine((u) => /^smtps?:\/\/[^/?#]+/i.test(u), 'must be smtp://user:pass@host:port or smtps://…')
    .optional(),
  DIGEST_MAIL_FROM: z.string().trim().max(320).default('Triangulate <triangulate@localhost>'),
  DIGEST_GRACE_MS: z.coerce.number().int().min(1).max(30 * 86_400_000).optional(),
  DIGEST_TICK_MS: z.coerce.number().int().min(1_000).max(3_600_000).optional(),
  DIGEST_RUNNER: z.enum(['on', 'off'], 'must be "on" or "off"').default('on'),
  COUNTER_SCAN_INCLUDE: z.string().optional(),
  COUNTER_SCAN_EXCLUDE: z.string().optional(),
  RED_FAMILIES: z.string().optional(),
}).extend(authEnvSchema.shape);

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const redFamiliesSchema = z.array(
  z.object({
    requests: z.string().regex(METRIC_NAME, 'must be a metric name'),
    errorLabel: z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a label name'),
    errorValues: z.string().min(1).refine((v) => {
      try {
        new RegExp(v);
        return true;
      } catch {
        return false;
      }
    }, 'must be a regular expression'),
    latency: z.string().regex(METRIC_NAME, 'must be a metric name').nullable().default(null),
  }),
);

/** RED_FAMILIES is JSON: [{"requests":"…_total","errorLabel":"…","errorValues":"5..|error","latency":"…_bucket"}]. */
function detection(e: { COUNTER_SCAN_INCLUDE?: string; COUNTER_SCAN_EXCLUDE?: string; RED_FAMILIES?: string }): { value: DetectionConfig | null; problems: string[] } {
  const problems: string[] = [];
  const patterns = (name: 'COUNTER_SCAN_INCLUDE' | 'COUNTER_SCAN_EXCLUDE'): RegExp[] => {
    try {
      return parsePatterns(e[name], name);
    } catch (err) {
      problems.push((err as Error).message);
      return [];
    }
  };
  const counterFilter = { include: patterns('COUNTER_SCAN_INCLUDE'), exclude: patterns('COUNTER_SCAN_EXCLUDE') };
  let extra: RedFamily[] = [];
  if (e.RED_FAMILIES) {
    let json: unknown;
    try {
      json = JSON.parse(e.RED_FAMILIES);
    } catch {
      problems.push('RED_FAMILIES: must be a JSON array of {requests, errorLabel, errorValues, latency?}');
    }
    const parsed = redFamiliesSchema.safeParse(json);
    if (json !== undefined && !parsed.success) for (const i of parsed.error.issues) problems.push(`RED_FAMILIES[${i.path.join('.')}]: ${i.message}`);
    else if (parsed.success) extra = parsed.data;
  }
  return { value: problems.length ? null : { counterFilter, redFamilies: [...DEFAULT_RED_FAMILIES, ...extra] }, problems };
}

const SECRET_PREFIX = 'DIGEST_SECRET_';
const SECRET_REF = /^[A-Z0-9_]{1,64}$/;

/** DIGEST_SECRET_<REF> variables → {REF: key}, or the problems, each naming its variable. */
function digestSecrets(env: Env): { secrets: Record<string, string>; problems: string[] } {
  const secrets: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(SECRET_PREFIX) || value === undefined) continue;
    const ref = name.slice(SECRET_PREFIX.length);
    if (!SECRET_REF.test(ref)) problems.push(`${name}: the part after ${SECRET_PREFIX} must be 1-64 of A-Z, 0-9 and _`);
    else if (value.trim().length < 8) problems.push(`${name}: must have at least 8 characters`);
    else secrets[ref] = value.trim();
  }
  return { secrets, problems };
}

type Env = Record<string, string | undefined>;

/** Parse an environment. Empty strings count as unset. Pure: used by tests and start-up. */
export function parseConfig(env: Env): AppConfig {
  const cleaned: Env = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v.trim() !== '') cleaned[k] = v;
  const parsed = envSchema.safeParse(cleaned);
  const { secrets, problems } = digestSecrets(cleaned);
  const fail = (lines: string[]) => new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  const detect = detection(parsed.data ?? cleaned);
  problems.push(...detect.problems);
  if (!parsed.success || problems.length) {
    throw fail([...(parsed.error?.issues ?? []).map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`), ...problems]);
  }
  const e = parsed.data;
  const hostPort = `${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`;
  const self = `http://${hostPort}`;
  const publicUrl = (e.PUBLIC_URL ?? self).replace(/\/+$/, '');
  const { auth, problems: authProblems } = authConfigFrom(e, e.HOST, publicUrl);
  if (authProblems.length) throw fail(authProblems);
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
    detection: detect.value!,
    demo,
    jaegerApi: e.JAEGER_API,
    lokiTenant: e.LOKI_TENANT ?? null,
    databaseUrl: e.DATABASE_URL,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    digests: {
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.DIGEST_MAIL_FROM,
      secrets,
      graceMs: e.DIGEST_GRACE_MS ?? null,
      tickMs: e.DIGEST_TICK_MS ?? null,
      runner: e.DIGEST_RUNNER === 'on',
    },
    auth,
    allowedHosts: [...new Set([...allowedHostsOf(publicUrl, hostPort, e.HOST, e.PORT), ...e.ALLOWED_HOSTS])],
  };
}

/**
 * PUBLIC_URL's host and HOST:PORT (plus ALLOWED_HOSTS); on a loopback HOST also its other loopback names, so
 * http://localhost:PORT keeps working. Anything else in Host is a DNS-rebinding attempt.
 */
function allowedHostsOf(publicUrl: string, hostPort: string, host: string, port: number): string[] {
  const hosts = new Set([new URL(publicUrl).host.toLowerCase(), hostPort.toLowerCase()]);
  if (isLoopbackHost(host)) for (const h of ['127.0.0.1', 'localhost', '[::1]']) hosts.add(`${h}:${port}`);
  return [...hosts];
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
