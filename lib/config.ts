import { z } from 'zod';
import type { SourceName } from './model/types';
import { EMPTY_KEYRING, parseKeyring, type Keyring } from './crypto/secret-box';
import type { EgressPolicy } from './net/egress-policy';
import { egressPolicy, secretBindings } from './net/egress-config';
import { snapshotMaxBytes } from './views/snapshot-codec';
import { authConfigFrom, authEnvSchema, isLoopbackHost, type AuthConfig } from './auth/auth-config';
import { detection, type DetectionConfig } from './config-detection';
import { authSchema, httpUrl, positiveInt } from './config-schemas';
import { backendEnvSchema, type LogsBackend, type TracesBackend } from './config-backends';
import { firstOfEachSlot, namedSources, type NamedSourceConfig, type SourceConfig } from './config-sources';

export type { LogsBackend, TracesBackend } from './config-backends';

export type { DetectionConfig };

/**
 * The environment, parsed once with zod. A bad value stops start-up with a message that
 * names the variable. Server-only: nothing here may be imported by a client component
 * (auth secrets live in it).
 */

export type { SourceAuth, SourceConfig, NamedSourceConfig } from './config-sources';

/** The digest runner and its channels (SMTP_URL, DIGEST_*). */
export interface DigestConfig {
  /** smtp:// or smtps:// URL with credentials; null: e-mail channels fail saying so. */
  smtpUrl: string | null;
  mailFrom: string;
  /** Webhook HMAC keys from DIGEST_SECRET_<REF>, by REF (a channel's `secretRef`). */
  secrets: Record<string, string>;
  /** DIGEST_SECRET_BINDINGS: the schedule ids allowed to sign with each REF. */
  secretBindings: Record<string, string[]>;
  /** Where channels may send (DIGEST_EGRESS_ALLOW, DIGEST_SLACK_HOSTS, DIGEST_MAIL_DOMAINS). */
  egress: EgressPolicy;
  /** DIGEST_MAX_SCHEDULES: how many schedules may exist. */
  maxSchedules: number;
  /** DIGEST_RETENTION_DAYS: finished runs (and their rendered digests) older than this are deleted. */
  retentionDays: number;
  /** DIGEST_ENCRYPTION_KEYS: AES-256-GCM keys for stored channel secrets, the first one current. */
  keyring: Keyring;
  /** How late a missed slot may still run after a restart; null: the runner's default. */
  graceMs: number | null;
  /** Runner tick interval; null: the loop's default. */
  tickMs: number | null;
  /** False (DIGEST_RUNNER=off): this replica never sends digests on its own. */
  runner: boolean;
}

export interface AppConfig {
  /** The first source of each kind: what a page uses when it picks none (`jaeger`: traces, `loki`: logs, whatever their type). */
  sources: Record<SourceName, SourceConfig | null>;
  /**
   * Every named source, in file order: from TRIANGULATE_CONFIG, or one per kind from the
   * environment (TRACES_BACKEND / LOGS_BACKEND choose the type; lib/config-sources.ts).
   */
  namedSources: NamedSourceConfig[];
  /** TRACES_BACKEND / LOGS_BACKEND: the type the environment form configures, for "not configured" messages. */
  tracesBackend: TracesBackend;
  logsBackend: LogsBackend;
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
  /** SNAPSHOT_MAX_BYTES, checked at start-up. */
  snapshotMaxBytes: number;
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
  /** A provisioning file of named sources (README, "Configuration"); replaces the *_URL variables. */
  TRIANGULATE_CONFIG: z.string().trim().min(1).optional(),
  /** Where `npm run demo` started the real demo Prometheus and the demo process's Loki and Jaeger (docs/architecture.md, "The demo"). */
  DEMO_PROMETHEUS_URL: httpUrl.optional(),
  DEMO_LOKI_URL: httpUrl.optional(),
  DEMO_JAEGER_URL: httpUrl.optional(),
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
  DIGEST_EGRESS_ALLOW: z.string().optional(),
  DIGEST_SLACK_HOSTS: z.string().optional(),
  DIGEST_MAIL_DOMAINS: z.string().optional(),
  DIGEST_SECRET_BINDINGS: z.string().optional(),
  DIGEST_MAX_SCHEDULES: positiveInt(100, 10_000),
  DIGEST_RETENTION_DAYS: positiveInt(30, 3650),
  DIGEST_ENCRYPTION_KEYS: z.string().optional(),
  COUNTER_SCAN_INCLUDE: z.string().optional(),
  COUNTER_SCAN_EXCLUDE: z.string().optional(),
  RED_FAMILIES: z.string().optional(),
}).extend(authEnvSchema.shape).extend(backendEnvSchema.shape);


const SECRET_PREFIX = 'DIGEST_SECRET_';
const SECRET_REF = /^[A-Z0-9_]{1,64}$/;

/** DIGEST_SECRET_<REF> variables → {REF: key}, or the problems, each naming its variable. */
function digestSecrets(env: Env): { secrets: Record<string, string>; problems: string[] } {
  const secrets: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(SECRET_PREFIX) || value === undefined || name === 'DIGEST_SECRET_BINDINGS') continue;
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
  const late: string[] = [];
  const egress = egressPolicy(e, late);
  const bindings = secretBindings(e.DIGEST_SECRET_BINDINGS, late);
  let keyring = EMPTY_KEYRING;
  try {
    keyring = parseKeyring(e.DIGEST_ENCRYPTION_KEYS);
  } catch (err) {
    late.push(`DIGEST_ENCRYPTION_KEYS: ${(err as Error).message}`);
  }
  let maxBytes = 0;
  try {
    maxBytes = snapshotMaxBytes(cleaned);
  } catch (err) {
    late.push((err as Error).message);
  }
  if (late.length) throw new ConfigError(`Invalid configuration:\n  ${late.join('\n  ')}`);
  const hostPort = `${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`;
  const self = `http://${hostPort}`;
  const publicUrl = (e.PUBLIC_URL ?? self).replace(/\/+$/, '');
  const { auth, problems: authProblems } = authConfigFrom(e, e.HOST, publicUrl);
  if (authProblems.length) throw fail(authProblems);
  const named = namedSources(e, cleaned);
  if (named.problems.length) throw fail(named.problems);
  const demo = named.demo;
  const sources = firstOfEachSlot(named.sources);

  return {
    sources,
    namedSources: named.sources,
    detection: detect.value!,
    demo,
    tracesBackend: e.TRACES_BACKEND,
    logsBackend: e.LOGS_BACKEND,
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
      secretBindings: bindings,
      egress,
      maxSchedules: e.DIGEST_MAX_SCHEDULES,
      retentionDays: e.DIGEST_RETENTION_DAYS,
      keyring,
    },
    snapshotMaxBytes: maxBytes,
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
