import { z } from 'zod';
import { ApiError, badRequest } from '../api/respond';
import { channelResult, digestCounts, filtersInput, renderedDigest, storedChannel } from '../api/contract/digests';
import type { Db } from '../db';
import { open, seal, type Keyring } from '../crypto/secret-box';
import { channelProblems, type EgressPolicy } from '../net/egress-policy';
import { cronIntervalProblem, cronProblem, nextRunAfter } from './schedule';
import { newRowId } from '../row-id';
import type {
  ChannelInput,
  CreateScheduleInput,
  DigestFilters,
  PublicChannel,
  RenderedDigest,
  RunRecord,
  RunStatus,
  ScheduleRecord,
  StoredChannel,
  UpdateScheduleInput,
} from './types';

/**
 * Digest schedules and runs in the database (client injected). Channel secrets (webhook
 * HMAC keys) and Slack webhook URLs are stored in DigestSchedule.channels and never leave
 * this module unmasked: every record handed out goes through `toPublicChannel`.
 */


export type ScheduleRow = NonNullable<Awaited<ReturnType<Db['digestSchedule']['findUnique']>>>;
export type RunRow = NonNullable<Awaited<ReturnType<Db['digestRun']['findUnique']>>>;

/**
 * JSON this module wrote earlier, checked against its schema: a row written by an older
 * build or edited by hand reads as `fallback` instead of flowing on with the wrong shape.
 */
export function parseStored<S extends z.ZodType>(schema: S, text: string, fallback: z.infer<S>): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fallback;
  }
  const checked = schema.safeParse(value);
  return checked.success ? checked.data : fallback;
}

const storedChannelList = z.array(storedChannel);
export const storedChannelResults = z.array(channelResult);
/** What a run stores in `rendered` (possibly only partly, while it is being built). */
export const storedRendered = renderedDigest.partial();

/** What the channels column is sealed for (AES-GCM additional data: a sealed value cannot be moved to another column). */
export const CHANNELS_PURPOSE = 'digest-channels';

/** Channels are stored sealed (lib/crypto/secret-box.ts) when a key is configured: they hold URLs with tokens and HMAC keys. */
export const storedChannels = (row: Pick<ScheduleRow, 'channels'>, keyring: Keyring): StoredChannel[] =>
  parseStored(storedChannelList, open(row.channels, keyring, CHANNELS_PURPOSE), []);

export const sealChannels = (channels: readonly StoredChannel[], keyring: Keyring): string => seal(JSON.stringify(channels), keyring, CHANNELS_PURPOSE);
export const storedFilters = (row: Pick<ScheduleRow, 'filters'>): DigestFilters => parseStored(filtersInput, row.filters, {});

/**
 * What a webhook or Slack URL looks like outside this module: the origin and its last
 * four characters. Both kinds carry credentials in their path or query.
 */
export function maskUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…${url.slice(-4)}`;
  } catch {
    return '…';
  }
}

export function toPublicChannel(c: StoredChannel): PublicChannel {
  switch (c.type) {
    case 'webhook':
      return { type: 'webhook', url: maskUrl(c.url), masked: true, hasSecret: Boolean(c.secret || c.secretRef), ...(c.secretRef ? { secretRef: c.secretRef } : {}) };
    case 'slack':
      return { type: 'slack', url: maskUrl(c.url), masked: true };
    case 'email':
      return { type: 'email', to: [...c.to] };
  }
}

/**
 * Input channels → stored ones. What the API handed out can be sent back unchanged: a
 * masked URL stands for the stored URL it masks, and a webhook without `secret` keeps the
 * secret stored for the same URL.
 */
export function mergeChannels(input: readonly ChannelInput[], stored: readonly StoredChannel[]): StoredChannel[] {
  return input.map((c, i): StoredChannel => {
    if (c.type === 'email') return { type: 'email', to: [...new Set(c.to.map((t) => t.toLowerCase()))] };
    const url = unmask(c.type, c.url, stored, i);
    if (c.type === 'slack') return { type: 'slack', url };
    const secret = c.secret ?? (c.secretRef ? undefined : storedWebhookSecret(stored, url));
    return { type: 'webhook', url, ...(secret ? { secret } : {}), ...(c.secretRef ? { secretRef: c.secretRef } : {}) };
  });
}

function unmask(type: 'webhook' | 'slack', url: string, stored: readonly StoredChannel[], i: number): string {
  if (!url.includes('…') && !url.includes('%E2%80%A6')) return url;
  const same = stored.find((s) => s.type === type && maskUrl(s.url) === url) as { url: string } | undefined;
  if (!same) throw badRequest(`channels.${i}.url: enter the full URL (the masked one matches no stored channel)`);
  return same.url;
}

/** Channels that break the egress policy, and schedules past the quota, are refused when saved (and again when sent). */
export interface ScheduleRules {
  egress: EgressPolicy;
  maxSchedules: number;
  keyring: Keyring;
}

function assertChannels(channels: readonly StoredChannel[], rules: ScheduleRules): void {
  const problems = channelProblems(rules.egress, channels);
  if (problems.length) throw badRequest(problems.join('; '), 'egress_denied');
}

function storedWebhookSecret(stored: readonly StoredChannel[], url: string): string | undefined {
  for (const s of stored) if (s.type === 'webhook' && s.url === url && s.secret) return s.secret;
  return undefined;
}

function assertCron(cron: string, timezone: string, nowMs: number): void {
  const problem = cronProblem(cron, timezone, nowMs);
  if (problem) throw badRequest(problem, problem.startsWith('unknown time zone') ? 'bad_timezone' : 'bad_cron');
  const often = cronIntervalProblem(cron, timezone, nowMs);
  if (often) throw badRequest(often, 'bad_cron');
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toScheduleRecord(row: ScheduleRow, lastRun: Pick<RunRow, 'id' | 'status' | 'scheduledFor' | 'finishedAt'> | null, nowMs: number, keyring: Keyring): ScheduleRecord {
  const next = row.enabled ? nextRunAfter(row.cron, row.timezone, nowMs) : null;
  return {
    id: row.id,
    name: row.name,
    cron: row.cron,
    timezone: row.timezone,
    window: row.window,
    filters: storedFilters(row),
    channels: storedChannels(row, keyring).map(toPublicChannel),
    skipEmpty: row.skipEmpty,
    enabled: row.enabled,
    ownerId: row.ownerId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    nextRunAt: next === null ? null : new Date(next).toISOString(),
    lastRun: lastRun ? { id: lastRun.id, status: lastRun.status as RunStatus, scheduledFor: lastRun.scheduledFor.toISOString(), finishedAt: iso(lastRun.finishedAt) } : null,
  };
}

/** What a schedule's record shows of its latest run (not the rendered digest, which is large). */
const LAST_RUN_FIELDS = { id: true, status: true, scheduledFor: true, finishedAt: true } as const;
const latestRun = (db: Db, scheduleId: string) => db.digestRun.findFirst({ where: { scheduleId }, orderBy: { startedAt: 'desc' }, select: LAST_RUN_FIELDS });

export async function createSchedule(db: Db, input: CreateScheduleInput, nowMs: number, rules: ScheduleRules, ownerId: string | null = null): Promise<ScheduleRecord> {
  assertCron(input.cron, input.timezone, nowMs);
  const channels = mergeChannels(input.channels, []);
  assertChannels(channels, rules);
  // A soft quota (two racing creates may both pass): it bounds growth, it is not an exact count.
  if ((await db.digestSchedule.count()) >= rules.maxSchedules) throw new ApiError(429, 'schedule_quota', `at most ${rules.maxSchedules} digest schedules (DIGEST_MAX_SCHEDULES)`);
  const row = await db.digestSchedule.create({
    data: {
      id: newRowId(),
      name: input.name,
      cron: input.cron,
      timezone: input.timezone,
      window: input.window,
      filters: JSON.stringify(input.filters),
      channels: sealChannels(channels, rules.keyring),
      skipEmpty: input.skipEmpty,
      enabled: input.enabled,
      ownerId,
      // Slots are counted from here: a new schedule never "catches up" on its own past.
      createdAt: new Date(nowMs),
      updatedAt: new Date(nowMs),
    },
  });
  return toScheduleRecord(row, null, nowMs, rules.keyring);
}

export async function getScheduleRow(db: Db, id: string): Promise<ScheduleRow | null> {
  return db.digestSchedule.findUnique({ where: { id } });
}

export async function getSchedule(db: Db, id: string, nowMs: number, keyring: Keyring): Promise<ScheduleRecord | null> {
  const row = await getScheduleRow(db, id);
  return row ? toScheduleRecord(row, await latestRun(db, id), nowMs, keyring) : null;
}

export async function listSchedules(db: Db, nowMs: number, keyring: Keyring): Promise<ScheduleRecord[]> {
  // One query: each schedule with its latest run.
  const rows = await db.digestSchedule.findMany({ orderBy: { createdAt: 'asc' }, take: 500, include: { runs: { orderBy: { startedAt: 'desc' }, take: 1, select: LAST_RUN_FIELDS } } });
  return rows.map(({ runs, ...row }) => toScheduleRecord(row, runs[0] ?? null, nowMs, keyring));
}

export async function updateSchedule(db: Db, id: string, patch: UpdateScheduleInput, nowMs: number, rules: ScheduleRules): Promise<ScheduleRecord | null> {
  const row = await getScheduleRow(db, id);
  if (!row) return null;
  assertCron(patch.cron ?? row.cron, patch.timezone ?? row.timezone, nowMs);
  const channels = patch.channels !== undefined ? mergeChannels(patch.channels, storedChannels(row, rules.keyring)) : null;
  if (channels) assertChannels(channels, rules);
  const updated = await db.digestSchedule.update({
    where: { id },
    data: {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.cron !== undefined ? { cron: patch.cron } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
      ...(patch.window !== undefined ? { window: patch.window } : {}),
      ...(patch.filters !== undefined ? { filters: JSON.stringify(patch.filters) } : {}),
      ...(channels ? { channels: sealChannels(channels, rules.keyring) } : {}),
      ...(patch.skipEmpty !== undefined ? { skipEmpty: patch.skipEmpty } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      // The runner counts slots from the last change: a re-enabled schedule does not replay its pause.
      updatedAt: new Date(nowMs),
    },
  });
  return toScheduleRecord(updated, await latestRun(db, id), nowMs, rules.keyring);
}

export async function deleteSchedule(db: Db, id: string): Promise<boolean> {
  const { count } = await db.digestSchedule.deleteMany({ where: { id } });
  return count > 0;
}

export function toRunRecord(row: RunRow, withRendered = true): RunRecord {
  const rendered = parseStored(storedRendered, row.rendered, {});
  return {
    id: row.id,
    scheduleId: row.scheduleId,
    scheduledFor: row.scheduledFor.toISOString(),
    trigger: row.trigger,
    status: row.status as RunStatus,
    window: { from: row.windowFrom.toISOString(), to: row.windowTo.toISOString() },
    startedAt: row.startedAt.toISOString(),
    finishedAt: iso(row.finishedAt),
    attempts: row.attempts,
    counts: parseStored(digestCounts.partial(), row.counts, {}),
    channelResults: parseStored(storedChannelResults, row.channelResults, []),
    rendered: withRendered ? complete(rendered) : null,
    error: row.error,
  };
}

/** A stored rendering with every part present, else null (a run still being built). */
export function complete(r: Partial<RenderedDigest>): RenderedDigest | null {
  return r.digest && r.subject !== undefined && r.text !== undefined && r.html !== undefined ? { digest: r.digest, subject: r.subject, text: r.text, html: r.html } : null;
}

/** Runs of a schedule, newest scheduled time first. */
export async function listRuns(db: Db, scheduleId: string, limit = 20): Promise<RunRecord[]> {
  const rows = await db.digestRun.findMany({ where: { scheduleId }, orderBy: [{ scheduledFor: 'desc' }, { startedAt: 'desc' }], take: limit });
  return rows.map((r) => toRunRecord(r));
}
