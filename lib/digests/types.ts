import { z } from 'zod';
import { ANOMALY_KINDS, SEVERITIES } from '../model/anomaly';
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

// Records and the digest itself are the public contract's (lib/api/contract/digests.ts).
export {
  RUN_STATUSES,
  type ChannelDeliveryStatus,
  type ChannelResult,
  type Digest,
  type DigestCounts,
  type DigestFinding,
  type DigestGroup,
  type FindingState,
  type PublicChannel,
  type RenderedDigest,
  type ResolvedFinding,
  type RunRecord,
  type RunStatus,
  type ScheduleRecord,
  type StoredChannel,
} from '../api/contract/digests';
export type RunTrigger = 'schedule' | 'manual' | 'catch_up' | 'cli';
