import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { getConfig, type AppConfig } from '../config';
import { db } from '../db';
import { scanAnomalies } from '../investigate/scan/anomalies';
import { traceBriefSearch } from '../investigate/scan/incident-traces';
import { requestContext } from '../investigate/request-context';
import { apiUrlsForView } from '../views/api-urls';
import { createView } from '../views/saved-views';
import { shareDeps } from '../views/service';
import { createShare } from '../views/shares';
import { channelDepsFromConfig } from './deliver';
import type { RunnerDeps } from './execute';
import { startDigestLoop, type DigestLoop } from './loop';
import { pruneDigestData, resealChannels } from './retention';
import type { SnapshotMaker } from './snapshots';

/** Wiring of the digest runner to this process: its database, sources, views and configuration (lib/config). */

/** Snapshot shares of digests live this long (well past typical Loki/Jaeger retention). */
const SNAPSHOT_EXPIRES_IN = '90d';

const OWNER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

function snapshotMaker(): SnapshotMaker {
  return async ({ name, path, response, incidents }) => {
    const nowMs = Date.now();
    // origin "digest": kept out of /views, which lists what people saved.
    const view = await createView(db(), { name: name.slice(0, 200), description: 'Evidence attached to an anomaly digest.', path }, 'digest');
    const deps = shareDeps(nowMs);
    // The digest's own scan is exactly what the anomalies page shows for the window: store it, no re-scan.
    const capture = response
      ? async (pinned: string) => {
          const urls = apiUrlsForView(pinned);
          // Each of the view's requests gets its own answer; one the digest does not have is left for the page to report.
          const answer = (u: string) => (u.startsWith('/api/v1/incidents') ? incidents : response);
          const responses = Object.fromEntries(urls.flatMap((u) => (answer(u) ? [[u, answer(u)]] : [])));
          return { version: 1 as const, takenAt: new Date(nowMs).toISOString(), path: pinned, responses, failed: {} };
        }
      : deps.capture;
    const share = await createShare(db(), view.id, { snapshot: true, expiresIn: SNAPSHOT_EXPIRES_IN, pinRange: true }, { ...deps, capture });
    if (!share) throw new Error('the saved view behind the snapshot disappeared');
    return share.url;
  };
}

/** `cfg` is injectable for tests; the server passes nothing and gets the process configuration. */
export function serverRunnerDeps(cfg: AppConfig = getConfig()): RunnerDeps {
  const { jaeger } = requestContext({ config: cfg }).clients;
  return {
    db: db(),
    owner: OWNER,
    scan: (q, nowMs) =>
      scanAnomalies(requestContext({ nowMs, config: cfg }), q),
    traceSearch: jaeger ? traceBriefSearch(jaeger) : undefined,
    snapshot: snapshotMaker(),
    channels: channelDepsFromConfig(cfg.digests),
    keyring: cfg.digests.keyring,
    publicUrl: cfg.publicUrl,
    graceMs: cfg.digests.graceMs ?? undefined,
    log: (m, e) => console.error(`[triangulate] ${m}`, e instanceof Error ? e.message : (e ?? '')),
  };
}

const globalForLoop = globalThis as unknown as { triangulateDigestLoop?: DigestLoop };

/** Starts the in-process runner once per process (DIGEST_RUNNER=off disables it, e.g. for replicas that should not send). */
export function startServerDigestRunner(cfg: AppConfig = getConfig()): DigestLoop | null {
  if (!cfg.digests.runner) return null;
  globalForLoop.triangulateDigestLoop ??= startDigestLoop(() => serverRunnerDeps(cfg), {
    intervalMs: cfg.digests.tickMs ?? undefined,
    prune: async (nowMs) => {
      await pruneDigestData(db(), nowMs, cfg.digests.retentionDays);
      await resealChannels(db(), cfg.digests.keyring);
    },
  });
  return globalForLoop.triangulateDigestLoop;
}
