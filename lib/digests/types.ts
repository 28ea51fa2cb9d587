import { z } from 'zod';
import { ANOMALY_KINDS, SEVERITIES, type Anomaly, type AnomalyKind, type Severity } from '../model/anomaly';
import type { DigestHealth, DigestIncident } from './incidents';
import { MAX_WINDOW_MS, MIN_WINDOW_MS, WINDOW_PATTERN, windowDurationMs } from './schedule';

/** Schedules, channels and runs of anomaly digests: API input schemas and records. */

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

/** A channel as stored (JSON in DigestSchedule.channels). */
export type StoredChannel =
  | { type: 'webhook'; url: string; secret?: string; secretRef?: string }
  | { type: 'slack'; url: string }
  | { type: 'email'; to: string[] };

/** A channel as the API and UI see it: no secrets, Slack webhook URL (itself a credential) masked. */
export type PublicChannel =
  | { type: 'webhook'; url: string; hasSecret: boolean; secretRef?: string }
  | { type: 'slack'; url: string; masked: true }
  | { type: 'email'; to: string[] };

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

export interface ScheduleRecord {
  id: string;
  name: string;
  cron: string;
  timezone: string;
  window: string;
  filters: DigestFilters;
  channels: PublicChannel[];
  skipEmpty: boolean;
  enabled: boolean;
  /** Who created it; null for schedules from before sign-in existed. */
  ownerId: string | null;
  createdAt: string;
  updatedAt: string;
  /** Null when disabled or when the expression never fires again. */
  nextRunAt: string | null;
  lastRun: { id: string; status: RunStatus; scheduledFor: string; finishedAt: string | null } | null;
}

export const RUN_STATUSES = ['pending', 'running', 'sent', 'failed', 'missed', 'skipped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export type RunTrigger = 'schedule' | 'manual' | 'catch_up' | 'cli';

export type FindingState = 'new' | 'ongoing' | 'resolved';

/** An anomaly in a digest: the record plus where it stands since the last digest. */
export type DigestFinding = Anomaly & { state: Exclude<FindingState, 'resolved'>; snapshotUrl: string | null };

/** A finding of the previous digest that is gone from this one. */
export interface ResolvedFinding {
  id: string;
  kind: AnomalyKind;
  severity: Severity;
  title: string;
  service?: string;
}

export interface DigestCounts {
  total: number;
  new: number;
  ongoing: number;
  resolved: number;
  bySeverity: Record<Severity, number>;
  byKind: Partial<Record<AnomalyKind, number>>;
}

export interface DigestGroup {
  service: string | null;
  findings: DigestFinding[];
}

/** The content of one digest, before it is turned into text, HTML or Slack blocks. */
export interface Digest {
  schedule: { id: string; name: string };
  window: { from: string; to: string };
  generatedAt: string;
  groups: DigestGroup[];
  resolved: ResolvedFinding[];
  counts: DigestCounts;
  /** One snapshot of the anomalies page for the whole window (null when it could not be made). */
  snapshotUrl: string | null;
  /** Live link to the anomalies page for the window. */
  liveUrl: string;
  /** Sources that failed or parts the scan skipped: the digest may be incomplete. */
  warnings: string[];
  /** Incidents first (docs/incidents.md), then the telemetry-health summary. Absent in digests stored before incidents existed. */
  incidents?: DigestIncident[];
  telemetryHealth?: DigestHealth;
  /** Findings left out because someone muted them. */
  muted?: number;
}

export interface RenderedDigest {
  digest: Digest;
  subject: string;
  text: string;
  html: string;
}

export type ChannelDeliveryStatus = 'sending' | 'delivered' | 'failed';

export interface ChannelResult {
  index: number;
  type: StoredChannel['type'];
  /** Where it went, without credentials (webhook origin+path, Slack host, recipients). */
  target: string;
  status: ChannelDeliveryStatus;
  attempts: number;
  error?: string;
  at: string;
}

export interface RunRecord {
  id: string;
  scheduleId: string;
  scheduledFor: string;
  trigger: string;
  status: RunStatus;
  window: { from: string; to: string };
  startedAt: string;
  finishedAt: string | null;
  attempts: number;
  counts: Partial<DigestCounts>;
  channelResults: ChannelResult[];
  rendered: { subject: string; text: string; html: string; digest: Digest } | null;
  error: string | null;
}
