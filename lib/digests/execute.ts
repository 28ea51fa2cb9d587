import type { ScanResult } from '../investigate/anomalies';
import { serviceGraph } from '../incidents';
import { incidentsOf } from '../investigate/incidents';
import { activeMutes } from '../mutes/mutes';
import { listActiveMutes } from '../mutes/store';
import type { Db } from '../db';
import type { AnomalyKind } from '../model/anomaly';
import { applyFilters, classify, composeDigest, findingsForComparison, incidentsForComparison, isEmptyDigest } from './compose';
import type { PreviousIncidents } from './incidents';
import { channelTarget, realSleep, sendToChannel, withRetry, DEFAULT_RETRY, type ChannelDeps, type RetryPolicy, type Sleep } from './deliver';
import { renderDigest } from './render';
import { makeDigestSnapshots, type SnapshotMaker } from './snapshots';
import { parseJson, storedChannels, storedFilters, type RunRow, type ScheduleRow } from './store';
import type { ChannelResult, Digest, RenderedDigest, ResolvedFinding } from './types';

/**
 * Executes one claimed run: compose and render the digest once (stored before anything is
 * sent, so a runner that takes over a crashed run sends the same digest), then deliver it
 * channel by channel, recording each result as it goes. A channel already `delivered` is
 * never sent again; one left `sending` by a crashed runner is not resent either (it may
 * have arrived) and ends `failed` — nothing is ever sent twice.
 */

export interface ScanQuery {
  fromMs: number;
  toMs: number;
  service?: string;
  kinds?: readonly AnomalyKind[];
}

export interface RunnerDeps {
  db: Db;
  /** Unique per runner instance (lease owner). */
  owner: string;
  /** The anomaly scan over the configured sources, with the traces it sampled (for incidents). */
  scan: (q: ScanQuery, nowMs: number) => Promise<ScanResult>;
  snapshot: SnapshotMaker | null;
  channels: ChannelDeps;
  publicUrl: string;
  retry?: RetryPolicy;
  sleep?: Sleep;
  /** How long a claim lasts before another runner may take the run over (default 5 min). */
  leaseMs?: number;
  /** A slot missed by at most this much still runs (default 1 h); older ones are recorded missed. */
  graceMs?: number;
  log?: (message: string, err?: unknown) => void;
}

export const DEFAULT_LEASE_MS = 5 * 60_000;
/** A finished run holds no lease. */
const RELEASED = { leaseOwner: null, leaseUntil: null };

/** The findings and incidents of the last digest that was produced (sent or skipped) before `beforeMs`. */
async function previousDigest(db: Db, scheduleId: string, excludeRunId: string | null, beforeMs: number): Promise<{ findings: ResolvedFinding[]; incidents: PreviousIncidents } | null> {
  const prev = await db.digestRun.findFirst({
    where: { scheduleId, status: { in: ['sent', 'skipped'] }, windowTo: { lte: new Date(beforeMs) }, ...(excludeRunId ? { id: { not: excludeRunId } } : {}) },
    orderBy: { windowTo: 'desc' },
  });
  if (!prev) return null;
  const digest = parseJson<{ digest?: Digest }>(prev.rendered, {}).digest;
  return digest ? { findings: findingsForComparison(digest), incidents: incidentsForComparison(digest) } : { findings: [], incidents: { incidents: [], healthIds: [] } };
}

/** Finding ids muted now: left out of digests while the mute lasts (acknowledged ones stay). */
async function mutedIds(db: Db, nowMs: number): Promise<Set<string>> {
  const mutes = activeMutes(await listActiveMutes(db, nowMs), nowMs);
  return new Set([...mutes.values()].filter((m) => m.mode === 'mute').map((m) => m.findingId));
}

export interface BuildOptions {
  withSnapshots: boolean;
  excludeRunId: string | null;
}

/** Scan, classify, (optionally) snapshot and render the digest of a window. */
export async function buildDigest(deps: RunnerDeps, schedule: ScheduleRow, window: { fromMs: number; toMs: number }, nowMs: number, opts: BuildOptions): Promise<RenderedDigest> {
  const filters = storedFilters(schedule);
  const single = filters.services?.length === 1 ? filters.services[0] : undefined;
  const query: ScanQuery = { ...window, ...(single ? { service: single } : {}), ...(filters.kinds?.length ? { kinds: filters.kinds } : {}) };
  const [scan, muted] = await Promise.all([deps.scan(query, nowMs), mutedIds(deps.db, nowMs)]);
  const response = { ...scan.response, anomalies: scan.response.anomalies.filter((a) => !muted.has(a.id)) };
  const prev = await previousDigest(deps.db, schedule.id, opts.excludeRunId, window.toMs);
  const base = {
    schedule: { id: schedule.id, name: schedule.name },
    window,
    response,
    filters,
    previous: prev?.findings ?? null,
    previousIncidents: prev?.incidents ?? null,
    graph: serviceGraph(scan.traces),
    muted: scan.response.anomalies.length - response.anomalies.length,
    nowMs,
    publicUrl: deps.publicUrl,
  };
  let digest = composeDigest(base);
  if (opts.withSnapshots && deps.snapshot && !isEmptyDigest(digest)) {
    const findings = classify(applyFilters(response.anomalies, filters), base.previous).current;
    const unfiltered = query.service === undefined && query.kinds === undefined;
    // The snapshot shows the page as it is: every finding, muted ones marked by the page.
    const whole = unfiltered ? { response: scan.response, incidents: incidentsOf(scan, window) } : { response: null };
    const snaps = await makeDigestSnapshots(deps.snapshot, { scheduleName: schedule.name, window, ...whole, findings });
    for (const w of snaps.warnings) deps.log?.(`digest ${schedule.id}: ${w}`);
    digest = composeDigest({ ...base, snapshots: snaps });
    digest.warnings.push(...snaps.warnings);
  }
  return renderDigest(digest);
}

/** Extends the lease; false when another runner owns the run now (stop touching it). */
async function renew(deps: RunnerDeps, runId: string, nowMs: number, data: Record<string, unknown> = {}): Promise<boolean> {
  const { count } = await deps.db.digestRun.updateMany({
    where: { id: runId, leaseOwner: deps.owner },
    data: { leaseUntil: new Date(nowMs + (deps.leaseMs ?? DEFAULT_LEASE_MS)), ...data },
  });
  return count === 1;
}

export async function executeRun(deps: RunnerDeps, run: RunRow, schedule: ScheduleRow, nowMs: number): Promise<void> {
  // Logical time: the caller's `nowMs` plus the real time this run has taken so far.
  const t0 = Date.now();
  const clock = () => nowMs + (Date.now() - t0);
  let rendered = parseJson<Partial<RenderedDigest>>(run.rendered, {});
  try {
    if (!rendered.digest || rendered.text === undefined) {
      const window = { fromMs: run.windowFrom.getTime(), toMs: run.windowTo.getTime() };
      const built = await buildDigest(deps, schedule, window, nowMs, { withSnapshots: true, excludeRunId: run.id });
      const stored = { rendered: JSON.stringify(built), counts: JSON.stringify(built.digest.counts) };
      if (schedule.skipEmpty && isEmptyDigest(built.digest)) {
        await renew(deps, run.id, clock(), { ...stored, status: 'skipped', finishedAt: new Date(clock()), ...RELEASED });
        return;
      }
      if (!(await renew(deps, run.id, clock(), stored))) return;
      rendered = built;
    }
  } catch (e) {
    const reason = `could not build the digest: ${(e as Error).message}`;
    deps.log?.(`digest ${schedule.id}: ${reason}`, e);
    await renew(deps, run.id, clock(), { status: 'failed', error: reason, finishedAt: new Date(clock()), ...RELEASED });
    return;
  }
  await deliverAll(deps, run, schedule, rendered as RenderedDigest, clock);
}

async function deliverAll(deps: RunnerDeps, run: RunRow, schedule: ScheduleRow, rendered: RenderedDigest, clock: () => number): Promise<void> {
  const channels = storedChannels(schedule);
  const results = parseJson<ChannelResult[]>(run.channelResults, []);
  const save = (extra: Record<string, unknown> = {}) => renew(deps, run.id, clock(), { channelResults: JSON.stringify(results), ...extra });
  for (const [index, channel] of channels.entries()) {
    const prior = results.find((r) => r.index === index);
    if (prior?.status === 'delivered' || prior?.status === 'failed') continue;
    const base = { index, type: channel.type, target: channelTarget(channel) };
    if (prior?.status === 'sending') {
      Object.assign(prior, { status: 'failed', error: 'the runner sending this stopped mid-delivery; not resent so it cannot arrive twice', at: new Date(clock()).toISOString() });
      if (!(await save())) return;
      continue;
    }
    const entry: ChannelResult = { ...base, status: 'sending', attempts: 0, at: new Date(clock()).toISOString() };
    results.push(entry);
    if (!(await save())) return;
    const outcome = await withRetry(() => sendToChannel(channel, rendered, `${run.id}:${index}`, deps.channels), deps.retry ?? DEFAULT_RETRY, deps.sleep ?? realSleep);
    Object.assign(entry, { status: outcome.ok ? 'delivered' : 'failed', attempts: outcome.attempts, at: new Date(clock()).toISOString() });
    if (!outcome.ok) entry.error = outcome.error;
    if (!(await save())) return;
  }
  const failed = results.filter((r) => r.status !== 'delivered');
  const error = failed.length ? failed.map((r) => `${r.type} ${r.target}: ${r.error ?? r.status}`).join('; ') : null;
  await save({ status: failed.length ? 'failed' : 'sent', error, finishedAt: new Date(clock()), ...RELEASED });
}
