import type { Db } from '../db';
import { findShare, recordOpen } from './shares';
import { checkedGzip, inflatedStream, type StoredSnapshot } from './snapshot-codec';
import type { ShareState } from './tokens';
import { pinViewPath } from './view-path';

/**
 * What a share page (`/s/{token}/view`) shows, loaded by the page from
 * `/s/{token}/view/data` after its HTML arrives, never serialized into it (docs/security.md,
 * "Share links"). The token is the only permission: each load checks it again, so a revoked
 * or expired link stops showing anything at once.
 *
 * - A snapshot is inflated as a stream from its stored gzip (never whole in memory, never
 *   re-serialized), held to the raw budget as it flows.
 * - A live share serves the view captured now, through the same API handlers the page uses,
 *   as the app's internal reader (lib/auth/internal.ts): someone without an account sees the
 *   view's current data and can reach nothing else, and no internal error text (forOutsiders).
 */

export type SharedViewAnswer =
  | { kind: 'gone'; state: Exclude<ShareState, 'ok'> }
  | { kind: 'missing_data' }
  | { kind: 'snapshot'; json: ReadableStream<Uint8Array> }
  | { kind: 'live'; data: StoredSnapshot };

export interface SharedViewDeps {
  nowMs: number;
  /** Captures the view at a pinned path from this app itself (lib/views/service.ts). */
  capture: (pinnedPath: string) => Promise<StoredSnapshot>;
}

export async function loadSharedView(db: Db, token: string, deps: SharedViewDeps): Promise<SharedViewAnswer> {
  const found = await findShare(db, token, deps.nowMs);
  if (found.state !== 'ok') return { kind: 'gone', state: found.state };
  if (!found.snapshot) return { kind: 'live', data: forOutsiders(await deps.capture(pinViewPath(found.path, deps.nowMs))) };
  const row = await db.share.findUnique({ where: { id: found.id }, select: { snapshotData: true } });
  if (!row?.snapshotData) return { kind: 'missing_data' };
  return { kind: 'snapshot', json: inflatedStream(checkedGzip(row.snapshotData)) };
}

/**
 * For the share page itself: whether the link is ok and which kind it is. A snapshot's open
 * is counted here; a live share's where `/s/{token}` sent the visitor on.
 */
export async function openSharedViewPage(db: Db, token: string, nowMs: number = Date.now()): Promise<{ state: 'ok'; live: boolean } | { state: Exclude<ShareState, 'ok'> }> {
  const found = await findShare(db, token, nowMs);
  if (found.state !== 'ok') return { state: found.state };
  if (found.snapshot) await recordOpen(db, found.id, nowMs);
  return { state: 'ok', live: !found.snapshot };
}

/**
 * A live capture as someone without an account may see it: a source's or a request's error
 * text ("connect ECONNREFUSED 10.0.3.7:9090") names internal hosts, so outsiders get the
 * status only, as digests' outside channels do (lib/digests/execute.ts).
 */
export function forOutsiders(data: StoredSnapshot): StoredSnapshot {
  const responses = Object.fromEntries(Object.entries(data.responses).map(([url, body]) => [url, withoutSourceErrors(body)]));
  const failed = Object.fromEntries(Object.entries(data.failed).map(([url, f]) => [url, { status: f.status, message: `not available (HTTP ${f.status})` }]));
  return { ...data, responses, failed };
}

function withoutSourceErrors(body: unknown): unknown {
  const sources = (body as { sources?: unknown } | null)?.sources;
  if (!sources || typeof sources !== 'object') return body;
  const scrubbed = Object.fromEntries(
    Object.entries(sources as Record<string, unknown>).map(([name, rep]) => {
      const r = rep as { status?: unknown; message?: unknown } | null;
      return [name, r && typeof r === 'object' && (r.status === 'error' || r.status === 'timeout') && 'message' in r ? { ...r, message: 'unavailable' } : rep];
    }),
  );
  return { ...(body as object), sources: scrubbed };
}
