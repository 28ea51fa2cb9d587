import { randomBytes } from 'node:crypto';
import type { Db } from '../db';
import { buildDigest, executeRun, DEFAULT_LEASE_MS, type RunnerDeps } from './execute';
import { digestWindow, slotsBetween } from './schedule';
import { getScheduleRow, toRunRecord, type RunRow, type ScheduleRow } from './store';
import type { RenderedDigest, RunRecord, RunTrigger } from './types';
import { newRowId } from '../row-id';
import { recordAudit, SCHEDULER } from '../auth/audit';

/**
 * The digest runner. Every replica ticks; the database decides who runs a slot: a run is
 * claimed by INSERTing its DigestRun row, and the unique key (scheduleId, scheduledFor)
 * lets exactly one INSERT win — the others get a unique violation and move on. A claim
 * carries a lease; a run whose lease ran out (its runner died) is taken over by one
 * replica through a conditional UPDATE, and execute.ts never resends a channel.
 *
 * Missed slots (server down): the most recent one runs if it is at most `graceMs` old;
 * every other one is recorded `missed`.
 */

export { DEFAULT_LEASE_MS, type RunnerDeps, type ScanQuery } from './execute';
export const DEFAULT_GRACE_MS = 60 * 60_000;
/** Slots are never looked for further back than this (a schedule paused for months). */
const MAX_LOOKBACK_MS = 7 * 86_400_000;
/** Runs later than this after their slot are marked as catch-up runs. */
const LATE_MS = 2 * 60_000;
/** A run taken over this many times is given up (something in it crashes the runner). */
const MAX_RUN_ATTEMPTS = 3;

/** Schedules of one tick run side by side, at most this many at once (one unreachable webhook must not hold up the rest). */
export const DEFAULT_SCHEDULE_CONCURRENCY = 4;

/** A lease token of its own for every claim: `<runner>/<random>`. */
const leaseToken = (owner: string) => `${owner}/${randomBytes(6).toString('hex')}`;

/** The tick's logical time plus the real time spent since: leases are stamped when they are taken, not when the tick began. */
const tickClock = (nowMs: number) => {
  const t0 = Date.now();
  return () => nowMs + (Date.now() - t0);
};

/** Runs the runner starts on its own are audited as the scheduler's (docs/security.md, "Audit log"); a failed audit write never stops a digest. */
async function auditRun(deps: RunnerDeps, run: RunRow, detail: Record<string, unknown>, nowMs: number): Promise<void> {
  try {
    await recordAudit(deps.db, SCHEDULER, 'digest.run', { type: 'digest', id: run.scheduleId }, { runId: run.id, scheduledFor: run.scheduledFor.toISOString(), ...detail }, nowMs);
  } catch (e) {
    deps.log?.(`audit of digest run ${run.id} failed`, e);
  }
}

export const isUniqueViolation = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === 'P2002';

/** Where the last digest of a schedule ended (for "since last run" windows). */
async function lastWindowTo(db: Db, scheduleId: string, beforeMs: number): Promise<number | null> {
  const last = await db.digestRun.findFirst({
    where: { scheduleId, status: { in: ['sent', 'failed', 'skipped'] }, windowTo: { lte: new Date(beforeMs) } },
    orderBy: { windowTo: 'desc' },
    select: { windowTo: true },
  });
  return last ? last.windowTo.getTime() : null;
}

async function windowFor(db: Db, schedule: ScheduleRow, toMs: number) {
  return digestWindow({ window: schedule.window, cron: schedule.cron, timezone: schedule.timezone, toMs, lastWindowToMs: await lastWindowTo(db, schedule.id, toMs) });
}

/** INSERT the run; null when another runner already holds this (schedule, slot). */
async function claim(deps: RunnerDeps, schedule: ScheduleRow, slotMs: number, trigger: RunTrigger, status: 'running' | 'missed', nowMs: number): Promise<RunRow | null> {
  const window = await windowFor(deps.db, schedule, slotMs);
  try {
    return await deps.db.digestRun.create({
      data: {
        id: newRowId(),
        scheduleId: schedule.id,
        scheduledFor: new Date(slotMs),
        status,
        trigger,
        windowFrom: new Date(window.fromMs),
        windowTo: new Date(window.toMs),
        startedAt: new Date(nowMs),
        ...(status === 'running'
          ? { leaseOwner: leaseToken(deps.owner), leaseUntil: new Date(nowMs + (deps.leaseMs ?? DEFAULT_LEASE_MS)), attempts: 1 }
          : { finishedAt: new Date(nowMs), error: 'the server was not running at the scheduled time (outside the catch-up grace period)' }),
      },
    });
  } catch (e) {
    if (isUniqueViolation(e)) return null;
    throw e;
  }
}

export interface TickResult {
  /** Run ids this runner executed. */
  ran: string[];
  missed: number;
  /** Slots another runner had already claimed. */
  lost: number;
  resumed: string[];
}

/** The slots of one schedule that are due at `nowMs`, since its last scheduled run (or its creation/update). */
async function dueSlots(db: Db, schedule: ScheduleRow, nowMs: number): Promise<number[]> {
  const last = await db.digestRun.findFirst({
    where: { scheduleId: schedule.id, trigger: { in: ['schedule', 'catch_up'] } },
    orderBy: { scheduledFor: 'desc' },
    select: { scheduledFor: true },
  });
  const anchor = Math.max(last?.scheduledFor.getTime() ?? 0, schedule.updatedAt.getTime(), schedule.createdAt.getTime(), nowMs - MAX_LOOKBACK_MS);
  return slotsBetween(schedule.cron, schedule.timezone, anchor, nowMs);
}

async function tickSchedule(deps: RunnerDeps, schedule: ScheduleRow, tickMs: number, clock: () => number, out: TickResult): Promise<void> {
  // Due slots are judged at the tick's time; claims are stamped with the time they are made.
  const slots = await dueSlots(deps.db, schedule, tickMs);
  if (slots.length === 0) return;
  let nowMs = clock();
  const latest = slots[slots.length - 1];
  const graceMs = deps.graceMs ?? DEFAULT_GRACE_MS;
  for (const slot of slots.slice(0, -1)) if (await claim(deps, schedule, slot, 'schedule', 'missed', nowMs)) out.missed += 1;
  if (tickMs - latest > graceMs) {
    if (await claim(deps, schedule, latest, 'schedule', 'missed', nowMs)) out.missed += 1;
    return;
  }
  nowMs = clock();
  const run = await claim(deps, schedule, latest, tickMs - latest > LATE_MS ? 'catch_up' : 'schedule', 'running', nowMs);
  if (!run) {
    out.lost += 1;
    return;
  }
  await auditRun(deps, run, { trigger: run.trigger }, nowMs);
  await executeRun(deps, run, schedule, nowMs);
  out.ran.push(run.id);
}

/** Take over runs whose runner stopped renewing its lease; the conditional UPDATE lets only one replica win. */
async function resumeAbandoned(deps: RunnerDeps, tickMs: number, out: TickResult): Promise<void> {
  const clock = tickClock(tickMs);
  const stale = await deps.db.digestRun.findMany({ where: { status: { in: ['pending', 'running'] }, leaseUntil: { lt: new Date(tickMs) } }, take: 20 });
  for (const run of stale) {
    const nowMs = clock();
    const giveUp = run.attempts >= MAX_RUN_ATTEMPTS;
    const { count } = await deps.db.digestRun.updateMany({
      where: { id: run.id, status: run.status, leaseOwner: run.leaseOwner, leaseUntil: { lt: new Date(nowMs) } },
      data: giveUp
        ? { status: 'failed', error: `given up after ${run.attempts} runner attempts`, finishedAt: new Date(nowMs), leaseOwner: null, leaseUntil: null }
        : { leaseOwner: leaseToken(deps.owner), leaseUntil: new Date(nowMs + (deps.leaseMs ?? DEFAULT_LEASE_MS)), attempts: { increment: 1 } },
    });
    if (count !== 1 || giveUp) continue;
    const schedule = await getScheduleRow(deps.db, run.scheduleId);
    const fresh = await deps.db.digestRun.findUnique({ where: { id: run.id } });
    if (!schedule || !fresh) continue;
    await auditRun(deps, fresh, { trigger: 'resume', attempt: fresh.attempts }, nowMs);
    await executeRun(deps, fresh, schedule, nowMs);
    out.resumed.push(run.id);
  }
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachBounded<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/** One pass of the runner: resume abandoned runs, then run (or record as missed) every due slot, schedules side by side. */
export async function tick(deps: RunnerDeps, nowMs: number): Promise<TickResult> {
  const out: TickResult = { ran: [], missed: 0, lost: 0, resumed: [] };
  await resumeAbandoned(deps, nowMs, out);
  const schedules = await deps.db.digestSchedule.findMany({ where: { enabled: true }, orderBy: { createdAt: 'asc' } });
  const clock = tickClock(nowMs);
  await eachBounded(schedules, deps.scheduleConcurrency ?? DEFAULT_SCHEDULE_CONCURRENCY, async (schedule) => {
    try {
      await tickSchedule(deps, schedule, nowMs, clock, out);
    } catch (e) {
      deps.log?.(`digest schedule ${schedule.id} could not run`, e);
    }
  });
  return out;
}

export class ScheduleNotFound extends Error {
  constructor(id: string) {
    super(`no digest schedule ${id}`);
    this.name = 'ScheduleNotFound';
  }
}

/**
 * "Run now" (and `npm run digest -- --once`): a run of its own whose slot is the press
 * time, window ending now; sent to the schedule's channels. Disabled schedules run too.
 */
export async function runNow(deps: RunnerDeps, scheduleId: string, nowMs: number, trigger: RunTrigger = 'manual'): Promise<RunRecord> {
  const schedule = await getScheduleRow(deps.db, scheduleId);
  if (!schedule) throw new ScheduleNotFound(scheduleId);
  let slot = nowMs;
  let run: RunRow | null = null;
  // Two presses in the same millisecond get consecutive slots rather than an error.
  for (let i = 0; i < 5 && !run; i++, slot++) run = await claim(deps, schedule, slot, trigger, 'running', nowMs);
  if (!run) throw new Error('could not claim a run slot');
  await executeRun(deps, run, schedule, nowMs);
  const done = await deps.db.digestRun.findUnique({ where: { id: run.id } });
  return toRunRecord(done ?? run);
}

/** What "Run now" would send, without sending, storing or snapshotting anything. */
export async function preview(deps: RunnerDeps, scheduleId: string, nowMs: number): Promise<(RenderedDigest & { window: { from: string; to: string } }) | null> {
  const schedule = await getScheduleRow(deps.db, scheduleId);
  if (!schedule) return null;
  const window = await windowFor(deps.db, schedule, nowMs);
  const rendered = await buildDigest({ ...deps, snapshot: null }, schedule, window, nowMs, { withSnapshots: false, excludeRunId: null });
  return { ...rendered, window: rendered.digest.window };
}
