/**
 * Digest schedules, runs and the digest itself as the API answers them (docs/api.md,
 * "Digests"). The same schemas check what the digest store reads back from the database
 * (lib/digests/store.ts), so stored JSON is checked, not cast.
 */
import { z } from 'zod';
import { parseDurationMs } from '../../time/range';
import { anomaly, ANOMALY_KINDS, anomalyKind, SEVERITIES, severity } from './anomaly';
import { range, timestamp } from './common';

// Requests.

export const MIN_WINDOW_MS = 5 * 60_000;
export const MAX_WINDOW_MS = 7 * 86_400_000;

/** "since_last_run" or a duration like 30m, 24h, 7d. */
export const WINDOW_PATTERN = /^(since_last_run|\d{1,4}[mhd])$/;

export function windowDurationMs(window: string): number | null {
  return /^\d{1,4}[mhd]$/.test(window) ? parseDurationMs(window) : null;
}

const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .url('must be a URL')
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

const email = z.string().trim().max(254).email('must be an e-mail address');

export const channelInput = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('webhook'),
    url: httpUrl,
    /** HMAC-SHA256 key; stored, never returned (`hasSecret`). Omitted on update = keep the stored one. */
    secret: z.string().min(8, 'secret must have at least 8 characters').max(512).optional(),
    /** Or: take the key from the environment variable DIGEST_SECRET_<secretRef>. */
    secretRef: z.string().regex(/^[A-Z0-9_]{1,64}$/, 'secretRef must be A-Z, 0-9 and _').optional(),
  }),
  z.object({ type: z.literal('slack'), url: httpUrl }),
  z.object({ type: z.literal('email'), to: z.array(email).min(1, 'at least one recipient').max(50) }),
]);
export type ChannelInput = z.infer<typeof channelInput>;



export const filtersInput = z
  .object({
    services: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
    kinds: z.array(z.enum(ANOMALY_KINDS)).max(ANOMALY_KINDS.length).optional(),
    minSeverity: z.enum(SEVERITIES).optional(),
  })
  .strict();
export type DigestFilters = z.infer<typeof filtersInput>;

const windowInput = z
  .string()
  .trim()
  .regex(WINDOW_PATTERN, 'window must be "since_last_run" or a duration such as 30m, 24h, 7d')
  .refine((w) => {
    const ms = windowDurationMs(w);
    return ms === null || (ms >= MIN_WINDOW_MS && ms <= MAX_WINDOW_MS);
  }, 'window must be between 5m and 7d');

const scheduleFields = {
  name: z.string().trim().min(1, 'name is required').max(200),
  cron: z.string().trim().min(1, 'cron is required').max(200),
  timezone: z.string().trim().min(1).max(64),
  window: windowInput,
  filters: filtersInput,
  channels: z.array(channelInput).max(20),
  /** True: a digest with nothing to report is recorded as `skipped` and not sent. */
  skipEmpty: z.boolean(),
  enabled: z.boolean(),
};

export const createScheduleInput = z.object({
  ...scheduleFields,
  timezone: scheduleFields.timezone.default('UTC'),
  window: scheduleFields.window.default('since_last_run'),
  filters: scheduleFields.filters.default({}),
  skipEmpty: scheduleFields.skipEmpty.default(false),
  enabled: scheduleFields.enabled.default(true),
});
export type CreateScheduleInput = z.infer<typeof createScheduleInput>;

export const updateScheduleInput = z
  .object(scheduleFields)
  .partial()
  .refine((v) => Object.keys(v).length > 0, 'nothing to change');
export type UpdateScheduleInput = z.infer<typeof updateScheduleInput>;

// Records.

/** A channel as stored (JSON in DigestSchedule.channels): secrets included, never sent out. */
export const storedChannel = z.discriminatedUnion('type', [
  z.object({ type: z.literal('webhook'), url: z.string(), secret: z.string().optional(), secretRef: z.string().optional() }),
  z.object({ type: z.literal('slack'), url: z.string() }),
  z.object({ type: z.literal('email'), to: z.array(z.string()) }),
]);
export type StoredChannel = z.infer<typeof storedChannel>;

/** A channel as the API and UI see it: no secrets, webhook and Slack URLs (credentials themselves) masked. */
export const publicChannel = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('webhook'), url: z.string(), masked: z.literal(true), hasSecret: z.boolean(), secretRef: z.string().optional() }),
    z.object({ type: z.literal('slack'), url: z.string(), masked: z.literal(true) }),
    z.object({ type: z.literal('email'), to: z.array(z.string()) }),
  ])
  .meta({ id: 'DigestChannel' });
export type PublicChannel = z.infer<typeof publicChannel>;


export const RUN_STATUSES = ['pending', 'running', 'sent', 'failed', 'missed', 'skipped'] as const;
export const runStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatus>;

export const findingState = z.enum(['new', 'ongoing', 'resolved']);
export type FindingState = z.infer<typeof findingState>;

/** An anomaly in a digest: the record plus where it stands since the last digest. */
export const digestFinding = anomaly.extend({ state: z.enum(['new', 'ongoing']), snapshotUrl: z.string().nullable() });
export type DigestFinding = z.infer<typeof digestFinding>;

/** A finding of the previous digest that is gone from this one. */
export const resolvedFinding = z.object({ id: z.string(), kind: anomalyKind, severity, title: z.string(), service: z.string().optional() });
export type ResolvedFinding = z.infer<typeof resolvedFinding>;

export const digestCounts = z.object({
  total: z.number(),
  new: z.number(),
  ongoing: z.number(),
  resolved: z.number(),
  bySeverity: z.record(severity, z.number()),
  byKind: z.partialRecord(anomalyKind, z.number()),
});
export type DigestCounts = z.infer<typeof digestCounts>;

export const digestGroup = z.object({ service: z.string().nullable(), findings: z.array(digestFinding) });
export type DigestGroup = z.infer<typeof digestGroup>;

/** The content of one digest, before it is turned into text, HTML or Slack blocks. */
export const digestIncident = z
  .object({
    id: z.string(),
    state: findingState,
    sentence: z.string(),
    severity,
    userFacing: z.boolean(),
    start: timestamp,
    end: timestamp.nullable(),
    services: z.array(z.string()),
    findingIds: z.array(z.string()),
    /** The sources that did not answer, when the incident may be incomplete. */
    partial: z.array(z.string()),
  })
  .meta({ id: 'DigestIncident' });
export type DigestIncident = z.infer<typeof digestIncident>;

export const digestHealth = z.object({
  total: z.number().int(),
  new: z.number().int(),
  ongoing: z.number().int(),
  resolved: z.number().int(),
  byKind: z.partialRecord(anomalyKind, z.number()),
  /** This digest's telemetry-health finding ids: what the next digest compares against. */
  findingIds: z.array(z.string()),
});
export type DigestHealth = z.infer<typeof digestHealth>;

export const digest = z
  .object({
    schedule: z.object({ id: z.string(), name: z.string() }),
    window: range,
    generatedAt: timestamp,
    groups: z.array(digestGroup),
    resolved: z.array(resolvedFinding),
    counts: digestCounts,
    /** One snapshot of the anomalies page for the whole window (null when it could not be made). */
    snapshotUrl: z.string().nullable(),
    /** Live link to the anomalies page for the window. */
    liveUrl: z.string(),
    /** Sources that failed or parts the scan skipped: the digest may be incomplete. */
    warnings: z.array(z.string()),
    /** Incidents first (docs/incidents.md), then the telemetry-health summary. Absent in digests stored before incidents existed. */
    incidents: z.array(digestIncident).optional(),
    telemetryHealth: digestHealth.optional(),
    /** Findings left out because someone muted them. */
    muted: z.number().int().optional(),
  })
  .meta({ id: 'Digest' });
export type Digest = z.infer<typeof digest>;

export const renderedDigest = z.object({ digest, subject: z.string(), text: z.string(), html: z.string() });
export type RenderedDigest = z.infer<typeof renderedDigest>;

export const channelResult = z.object({
  index: z.number().int(),
  type: z.enum(['webhook', 'slack', 'email']),
  /** Where it went, without credentials (webhook origin+path, Slack host, recipients). */
  target: z.string(),
  status: z.enum(['sending', 'delivered', 'failed']),
  attempts: z.number().int(),
  error: z.string().optional(),
  at: timestamp,
});
export type ChannelResult = z.infer<typeof channelResult>;
export type ChannelDeliveryStatus = ChannelResult['status'];

export const runRecord = z
  .object({
    id: z.string(),
    scheduleId: z.string(),
    scheduledFor: timestamp,
    trigger: z.string(),
    status: runStatus,
    window: range,
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    attempts: z.number().int(),
    counts: digestCounts.partial(),
    channelResults: z.array(channelResult),
    rendered: renderedDigest.nullable(),
    error: z.string().nullable(),
  })
  .meta({ id: 'DigestRun' });
export type RunRecord = z.infer<typeof runRecord>;

export const scheduleRecord = z
  .object({
    id: z.string(),
    name: z.string(),
    cron: z.string(),
    timezone: z.string(),
    window: z.string(),
    filters: filtersInput,
    channels: z.array(publicChannel),
    skipEmpty: z.boolean(),
    enabled: z.boolean(),
    /** Who created it; null for schedules from before sign-in existed. */
    ownerId: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    /** Null when disabled or when the expression never fires again. */
    nextRunAt: timestamp.nullable(),
    lastRun: z.object({ id: z.string(), status: runStatus, scheduledFor: timestamp, finishedAt: timestamp.nullable() }).nullable(),
  })
  .meta({ id: 'DigestSchedule' });
export type ScheduleRecord = z.infer<typeof scheduleRecord>;

export const scheduleList = z.object({ schedules: z.array(scheduleRecord), presets: z.array(z.object({ label: z.string(), cron: z.string() }).loose()) });
export const runsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });
export const runList = z.object({ runs: z.array(runRecord) });
/** What "Run now" would send at this moment; nothing is sent, stored or snapshotted. */
export const digestPreview = z
  .object({ window: range, subject: z.string(), text: z.string(), html: z.string(), slack: z.unknown().meta({ description: 'Slack message payload (blocks)' }), digest })
  .meta({ id: 'DigestPreview' });
export type DigestPreview = z.infer<typeof digestPreview>;
