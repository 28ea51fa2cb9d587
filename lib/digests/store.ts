import { badRequest } from '../api/respond';
import type { Db } from '../db';
import { cronProblem, nextRunAfter } from './schedule';
import { newRowId } from '../row-id';
import type {
  ChannelInput,
  ChannelResult,
  CreateScheduleInput,
  DigestFilters,
  PublicChannel,
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

export function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export const storedChannels = (row: Pick<ScheduleRow, 'channels'>): StoredChannel[] => parseJson<StoredChannel[]>(row.channels, []);
export const storedFilters = (row: Pick<ScheduleRow, 'filters'>): DigestFilters => parseJson<DigestFilters>(row.filters, {});

/** What a Slack webhook URL looks like in the UI: the host and its last four characters. */
export function maskSlackUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…${url.slice(-4)}`;
  } catch {
    return '…';
  }
}

export function toPublicChannel(c: StoredChannel): PublicChannel {
  switch (c.type) {
    case 'webhook':
      return { type: 'webhook', url: c.url, hasSecret: Boolean(c.secret || c.secretRef), ...(c.secretRef ? { secretRef: c.secretRef } : {}) };
    case 'slack':
      return { type: 'slack', url: maskSlackUrl(c.url), masked: true };
    case 'email':
      return { type: 'email', to: [...c.to] };
  }
}

/**
 * Input channels → stored ones. What the API handed out can be sent back unchanged: a
 * webhook without `secret` keeps the secret stored for the same URL, and a masked Slack
 * URL stands for the stored URL it masks.
 */
export function mergeChannels(input: readonly ChannelInput[], stored: readonly StoredChannel[]): StoredChannel[] {
  return input.map((c, i): StoredChannel => {
    if (c.type === 'webhook') {
      const secret = c.secret ?? (c.secretRef ? undefined : storedWebhookSecret(stored, c.url));
      return { type: 'webhook', url: c.url, ...(secret ? { secret } : {}), ...(c.secretRef ? { secretRef: c.secretRef } : {}) };
    }
    if (c.type === 'slack') {
      if (!c.url.includes('…') && !c.url.includes('%E2%80%A6')) return { type: 'slack', url: c.url };
      const same = stored.find((s): s is Extract<StoredChannel, { type: 'slack' }> => s.type === 'slack' && maskSlackUrl(s.url) === c.url);
      if (!same) throw badRequest(`channels.${i}.url: enter the full Slack webhook URL (the masked one matches no stored channel)`);
      return { type: 'slack', url: same.url };
    }
    return { type: 'email', to: [...new Set(c.to.map((t) => t.toLowerCase()))] };
  });
}

function storedWebhookSecret(stored: readonly StoredChannel[], url: string): string | undefined {
  for (const s of stored) if (s.type === 'webhook' && s.url === url && s.secret) return s.secret;
  return undefined;
}

function assertCron(cron: string, timezone: string, nowMs: number): void {
  const problem = cronProblem(cron, timezone, nowMs);
  if (problem) throw badRequest(problem, problem.startsWith('unknown time zone') ? 'bad_timezone' : 'bad_cron');
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toScheduleRecord(row: ScheduleRow, lastRun: Pick<RunRow, 'id' | 'status' | 'scheduledFor' | 'finishedAt'> | null, nowMs: number): ScheduleRecord {
  const next = row.enabled ? nextRunAfter(row.cron, row.timezone, nowMs) : null;
  return {
    id: row.id,
    name: row.name,
    cron: row.cron,
    timezone: row.timezone,
    window: row.window,
    filters: storedFilters(row),
    channels: storedChannels(row).map(toPublicChannel),
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

export async function createSchedule(db: Db, input: CreateScheduleInput, nowMs: number, ownerId: string | null = null): Promise<ScheduleRecord> {
  assertCron(input.cron, input.timezone, nowMs);
  const row = await db.digestSchedule.create({
    data: {
      id: newRowId(),
      name: input.name,
      cron: input.cron,
      timezone: input.timezone,
      window: input.window,
      filters: JSON.stringify(input.filters),
      channels: JSON.stringify(mergeChannels(input.channels, [])),
      skipEmpty: input.skipEmpty,
      enabled: input.enabled,
      ownerId,
      // Slots are counted from here: a new schedule never "catches up" on its own past.
      createdAt: new Date(nowMs),
      updatedAt: new Date(nowMs),
    },
  });
  return toScheduleRecord(row, null, nowMs);
}

export async function getScheduleRow(db: Db, id: string): Promise<ScheduleRow | null> {
  return db.digestSchedule.findUnique({ where: { id } });
}

export async function getSchedule(db: Db, id: string, nowMs: number): Promise<ScheduleRecord | null> {
  const row = await getScheduleRow(db, id);
  return row ? toScheduleRecord(row, await latestRun(db, id), nowMs) : null;
}

export async function listSchedules(db: Db, nowMs: number): Promise<ScheduleRecord[]> {
  // One query: each schedule with its latest run.
  const rows = await db.digestSchedule.findMany({ orderBy: { createdAt: 'asc' }, take: 500, include: { runs: { orderBy: { startedAt: 'desc' }, take: 1, select: LAST_RUN_FIELDS } } });
  return rows.map(({ runs, ...row }) => toScheduleRecord(row, runs[0] ?? null, nowMs));
}

export async function updateSchedule(db: Db, id: string, patch: UpdateScheduleInput, nowMs: number): Promise<ScheduleRecord | null> {
  const row = await getScheduleRow(db, id);
  if (!row) return null;
  assertCron(patch.cron ?? row.cron, patch.timezone ?? row.timezone, nowMs);
  const updated = await db.digestSchedule.update({
    where: { id },
    data: {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.cron !== undefined ? { cron: patch.cron } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
      ...(patch.window !== undefined ? { window: patch.window } : {}),
      ...(patch.filters !== undefined ? { filters: JSON.stringify(patch.filters) } : {}),
      ...(patch.channels !== undefined ? { channels: JSON.stringify(mergeChannels(patch.channels, storedChannels(row))) } : {}),
      ...(patch.skipEmpty !== undefined ? { skipEmpty: patch.skipEmpty } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      // The runner counts slots from the last change: a re-enabled schedule does not replay its pause.
      updatedAt: new Date(nowMs),
    },
  });
  return toScheduleRecord(updated, await latestRun(db, id), nowMs);
}

export async function deleteSchedule(db: Db, id: string): Promise<boolean> {
  const { count } = await db.digestSchedule.deleteMany({ where: { id } });
  return count > 0;
}

export function toRunRecord(row: RunRow, withRendered = true): RunRecord {
  const rendered = parseJson<Partial<NonNullable<RunRecord['rendered']>>>(row.rendered, {});
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
    counts: parseJson(row.counts, {}),
    channelResults: parseJson<ChannelResult[]>(row.channelResults, []),
    rendered: withRendered && rendered.digest && rendered.text !== undefined ? (rendered as RunRecord['rendered']) : null,
    error: row.error,
  };
}

/** Runs of a schedule, newest scheduled time first. */
export async function listRuns(db: Db, scheduleId: string, limit = 20): Promise<RunRecord[]> {
  const rows = await db.digestRun.findMany({ where: { scheduleId }, orderBy: [{ scheduledFor: 'desc' }, { startedAt: 'desc' }], take: limit });
  return rows.map((r) => toRunRecord(r));
}
