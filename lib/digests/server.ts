import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { getConfig } from '../config';
import { db } from '../db';
import { findAnomalies } from '../investigate/anomalies';
import { notConfiguredMessage } from '../investigate/source-call';
import { getSources } from '../sources';
import { apiUrlsForView } from '../views/api-urls';
import { createView } from '../views/saved-views';
import { shareDeps } from '../views/service';
import { createShare } from '../views/shares';
import { channelDepsFromEnv } from './deliver';
import type { RunnerDeps } from './execute';
import { startDigestLoop, type DigestLoop } from './loop';
import type { SnapshotMaker } from './snapshots';

/** Wiring of the digest runner to this process: its database, sources, views and environment. */

/** Snapshot shares of digests live this long (well past typical Loki/Jaeger retention). */
const SNAPSHOT_EXPIRES_IN = '90d';

const OWNER = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

function snapshotMaker(): SnapshotMaker {
  return async ({ name, path, response }) => {
    const nowMs = Date.now();
    const view = await createView(db(), { name: name.slice(0, 200), description: 'Evidence attached to an anomaly digest.', path });
    const deps = shareDeps(nowMs);
    // The digest's own scan is exactly what the anomalies page shows for the window: store it, no re-scan.
    const capture = response
      ? async (pinned: string) => {
          const urls = apiUrlsForView(pinned);
          return { version: 1 as const, takenAt: new Date(nowMs).toISOString(), path: pinned, responses: Object.fromEntries(urls.map((u) => [u, response])), failed: {} };
        }
      : deps.capture;
    const share = await createShare(db(), view.id, { snapshot: true, expiresIn: SNAPSHOT_EXPIRES_IN, pinRange: true }, { ...deps, capture });
    if (!share) throw new Error('the saved view behind the snapshot disappeared');
    return share.url;
  };
}

export function serverRunnerDeps(): RunnerDeps {
  const cfg = getConfig();
  return {
    db: db(),
    owner: OWNER,
    scan: (q, nowMs) =>
      findAnomalies(
        {
          clients: getSources(),
          nowMs,
          notConfigured: {
            prometheus: notConfiguredMessage('prometheus', cfg.demo),
            loki: notConfiguredMessage('loki', cfg.demo),
            jaeger: notConfiguredMessage('jaeger', cfg.demo),
          },
        },
        q,
      ),
    snapshot: snapshotMaker(),
    channels: channelDepsFromEnv(process.env),
    publicUrl: cfg.publicUrl,
    graceMs: envMs('DIGEST_GRACE_MS'),
    log: (m, e) => console.error(`[triangulate] ${m}`, e instanceof Error ? e.message : (e ?? '')),
  };
}

function envMs(name: string): number | undefined {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

const globalForLoop = globalThis as unknown as { triangulateDigestLoop?: DigestLoop };

/** Starts the in-process runner once per process (DIGEST_RUNNER=off disables it, e.g. for replicas that should not send). */
export function startServerDigestRunner(): DigestLoop | null {
  if (process.env.DIGEST_RUNNER === 'off') return null;
  globalForLoop.triangulateDigestLoop ??= startDigestLoop(serverRunnerDeps, { intervalMs: envMs('DIGEST_TICK_MS') });
  return globalForLoop.triangulateDigestLoop;
}
