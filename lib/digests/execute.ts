import type { AnomaliesResponse } from '../api/types';
import type { Keyring } from '../crypto/secret-box';
import type { ScanResult } from '../investigate/scan/anomalies';
import { serviceGraph } from '../incidents';
import { incidentsOf } from '../investigate/scan/incidents';
import type { TraceBriefSearch } from '../investigate/scan/incident-traces';
import { activeMutes } from '../mutes/mutes';
import { listActiveMutes } from '../mutes/store';
import type { Db } from '../db';
import type { AnomalyKind } from '../model/anomaly';
import { applyFilters, classify, composeDigest, findingsForComparison, incidentsForComparison, isEmptyDigest } from './compose';
import type { PreviousIncidents } from './incidents';
import { channelTarget, realSleep, sendToChannel, withRetry, DEFAULT_RETRY, type ChannelDeps, type RetryPolicy, type Sleep } from './deliver';
import { renderDigest } from './render';
import { makeDigestSnapshots, type SnapshotMaker } from './snapshots';
import { complete, parseStored, storedChannelResults, storedChannels, storedFilters, storedRendered, type RunRow, type ScheduleRow } from './store';
import type { ChannelResult, RenderedDigest, ResolvedFinding } from './types';

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
  /** Unique per runner instance; each claim's lease token starts with it (lib/digests/runner.ts). */
  owner: string;
  /** The anomaly scan over the configured sources, with the traces it sampled (for incidents). */
  scan: (q: ScanQuery, nowMs: number) => Promise<ScanResult>;
  /** Finds each leading incident's trace where it hurt (lib/investigate/scan/incident-traces.ts); absent, the scan's sample serves. */
  traceSearch?: TraceBriefSearch;
  snapshot: SnapshotMaker | null;
  channels: ChannelDeps;
  publicUrl: string;
  retry?: RetryPolicy;
  sleep?: Sleep;
  /** How long a claim lasts before another runner may take the run over (default 5 min). */
  leaseMs?: number;
  /** Opens the stored channels (DIGEST_ENCRYPTION_KEYS). */
  keyring: Keyring;
  /** Schedules a tick works on at once (default 4). */
  scheduleConcurrency?: number;
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
  const digest = parseStored(storedRendered, prev.rendered, {}).digest;
  return digest ? { findings: findingsForComparison(digest), incidents: incidentsForComparison(digest) } : { findings: [], incidents: { incidents: [], healthIds: [] } };
}

/** Finding ids muted now: left out of digests while the mute lasts (acknowledged ones stay). */
async function mutedIds(db: Db, nowMs: number): Promise<Set<string>> {
  const mutes = activeMutes(await listActiveMutes(db, nowMs), nowMs);
  return new Set([...mutes.values()].filter((m) => m.mode === 'mute').map((m) => m.findingId));
}

/**
 * The scan as outside channels may see it: a source's own error text ("connect
 * ECONNREFUSED 10.0.3.7:9090") names internal hosts, so only its status goes out.
 */
function publicResponse(r: AnomaliesResponse): AnomaliesResponse {
  const sources = Object.fromEntries(Object.entries(r.sources).map(([name, rep]) => [name, { ...rep, message: rep.status === 'error' || rep.status === 'timeout' ? 'unavailable' : rep.message }]));
  return { ...r, sources: sources as AnomaliesResponse['sources'] };
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
  const visible = { ...scan.response, anomalies: scan.response.anomalies.filter((a) => !muted.has(a.id)) };
  // Outside channels see a source's status, never its error text (it names internal hosts).
  const response = publicResponse(visible);
  const prev = await previousDigest(deps.db, schedule.id, opts.excludeRunId, window.toMs);
  const base = {
    schedule: { id: schedule.id, name: schedule.name },
    window,
    response,
    filters,
    previous: prev?.findings ?? null,
    previousIncidents: prev?.incidents ?? null,
    graph: serviceGraph(scan.traces),
    muted: scan.response.anomalies.length - visible.anomalies.length,
    nowMs,
    publicUrl: deps.publicUrl,
  };
  let digest = composeDigest(base);
  if (opts.withSnapshots && deps.snapshot && !isEmptyDigest(digest)) {
    const shown = applyFilters(response.anomalies, filters);
    const findings = classify(shown, base.previous).current;
    const unfiltered = query.service === undefined && query.kinds === undefined && !filters.minSeverity;
    // The snapshot holds what the digest shows and nothing more: a digest filtered to one
    // service does not attach the others; an unfiltered one freezes the page with its incidents.
    const whole = unfiltered ? { response: publicResponse(scan.response), incidents: await incidentsOf(scan, window, deps.traceSearch ?? null) } : { response: { ...response, anomalies: shown } };
    const snaps = await makeDigestSnapshots(deps.snapshot, { scheduleName: schedule.name, window, ...whole, findings });
    for (const p of snaps.problems) deps.log?.(`digest ${schedule.id}: ${p}`);
    digest = composeDigest({ ...base, snapshots: snaps });
    digest.warnings.push(...snaps.warnings);
  }
  return renderDigest(digest);
}

/**
 * Extends the lease held by this claim's token; false when the run was taken over (the
 * token changed) — stop touching it. A token per claim, not per process: two claims of
 * one process can never renew each other's lease.
 */
async function renew(deps: RunnerDeps, run: Pick<RunRow, 'id' | 'leaseOwner'>, nowMs: number, data: Record<string, unknown> = {}): Promise<boolean> {
  if (!run.leaseOwner) return false;
  const { count } = await deps.db.digestRun.updateMany({
    where: { id: run.id, leaseOwner: run.leaseOwner },
    data: { leaseUntil: new Date(nowMs + (deps.leaseMs ?? DEFAULT_LEASE_MS)), ...data },
  });
  return count === 1;
}

export async function executeRun(deps: RunnerDeps, run: RunRow, schedule: ScheduleRow, nowMs: number): Promise<void> {
  // Logical time: the caller's `nowMs` plus the real time this run has taken so far.
  const t0 = Date.now();
  const clock = () => nowMs + (Date.now() - t0);
  let rendered: RenderedDigest | null = complete(parseStored(storedRendered, run.rendered, {}));
  try {
    if (!rendered) {
      const window = { fromMs: run.windowFrom.getTime(), toMs: run.windowTo.getTime() };
      const built = await buildDigest(deps, schedule, window, nowMs, { withSnapshots: true, excludeRunId: run.id });
      const stored = { rendered: JSON.stringify(built), counts: JSON.stringify(built.digest.counts) };
      if (schedule.skipEmpty && isEmptyDigest(built.digest)) {
        await renew(deps, run, clock(), { ...stored, status: 'skipped', finishedAt: new Date(clock()), ...RELEASED });
        return;
      }
      if (!(await renew(deps, run, clock(), stored))) return;
      rendered = built;
    }
  } catch (e) {
    const reason = `could not build the digest: ${(e as Error).message}`;
    deps.log?.(`digest ${schedule.id}: ${reason}`, e);
    await renew(deps, run, clock(), { status: 'failed', error: reason, finishedAt: new Date(clock()), ...RELEASED });
    return;
  }
  await deliverAll(deps, run, schedule, rendered, clock);
}

async function deliverAll(deps: RunnerDeps, run: RunRow, schedule: ScheduleRow, rendered: RenderedDigest, clock: () => number): Promise<void> {
  const channels = storedChannels(schedule, deps.keyring);
  const results = parseStored(storedChannelResults, run.channelResults, []);
  const save = (extra: Record<string, unknown> = {}) => renew(deps, run, clock(), { channelResults: JSON.stringify(results), ...extra });
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
    const outcome = await withRetry(() => sendToChannel(channel, rendered, { id: `${run.id}:${index}`, scheduleId: schedule.id }, deps.channels), deps.retry ?? DEFAULT_RETRY, deps.sleep ?? realSleep);
    Object.assign(entry, { status: outcome.ok ? 'delivered' : 'failed', attempts: outcome.attempts, at: new Date(clock()).toISOString() });
    if (!outcome.ok) entry.error = outcome.error;
    if (!(await save())) return;
  }
  const failed = results.filter((r) => r.status !== 'delivered');
  const error = failed.length ? failed.map((r) => `${r.type} ${r.target}: ${r.error ?? r.status}`).join('; ') : null;
  await save({ status: failed.length ? 'failed' : 'sent', error, finishedAt: new Date(clock()), ...RELEASED });
}
