import type { Db } from '../db';
import { newRowId } from '../row-id';
import { expiresAtFor, type CreateShareInput, type ShareRecord } from '../api/contract/views';
import { decodeSnapshot, encodeSnapshot, type StoredSnapshot } from './snapshot-codec';
import { generateToken, hashToken, isWellFormedToken, shareState, type ShareState } from './tokens';
import { pinViewPath } from './view-path';
import { shareUrl } from '../routes';

/** Share links of saved views: create, list, revoke, open. The database client is injected. */

export type { ShareRecord } from '../api/contract/views';

interface ShareRow {
  id: string;
  viewId: string;
  path: string;
  snapshot: boolean;
  snapshotBytes: number;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  openCount: number;
  lastOpenedAt: Date | null;
  createdBy: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toShareRecord(r: ShareRow, nowMs: number): ShareRecord {
  const status = r.revokedAt ? 'revoked' : r.expiresAt && r.expiresAt.getTime() <= nowMs ? 'expired' : 'active';
  return {
    id: r.id,
    viewId: r.viewId,
    path: r.path,
    snapshot: r.snapshot,
    snapshotBytes: r.snapshotBytes,
    createdAt: r.createdAt.toISOString(),
    expiresAt: iso(r.expiresAt),
    revokedAt: iso(r.revokedAt),
    openCount: r.openCount,
    lastOpenedAt: iso(r.lastOpenedAt),
    status,
    createdBy: r.createdBy,
  };
}


export interface CreateShareDeps {
  nowMs: number;
  publicUrl: string;
  /** Fetches every response the view at the (pinned) path shows; needed for snapshots. */
  capture: (pinnedPath: string) => Promise<StoredSnapshot>;
  maxSnapshotBytes: number;
  /** The signed-in creator (User.id). */
  createdBy?: string | null;
}

export interface CreatedShare {
  url: string;
  token: string;
  expiresAt: string | null;
  share: ShareRecord;
  /** API URLs whose data could not be captured (snapshots only). */
  failedParts: string[];
}

/**
 * Creates a share of the saved view `viewId` (null when the view does not exist).
 * Snapshots always pin the range: frozen data must say which times it covers.
 * Throws SnapshotTooLargeError past the size cap, TimeRangeError for a bad range.
 */
export async function createShare(db: Db, viewId: string, input: CreateShareInput, deps: CreateShareDeps): Promise<CreatedShare | null> {
  const view = await db.savedView.findUnique({ where: { id: viewId } });
  if (!view) return null;
  const path = input.snapshot || input.pinRange ? pinViewPath(view.path, deps.nowMs) : view.path;
  let snapshotData: Uint8Array<ArrayBuffer> | null = null;
  let failedParts: string[] = [];
  if (input.snapshot) {
    const snapshot = await deps.capture(path);
    failedParts = Object.keys(snapshot.failed);
    snapshotData = encodeSnapshot(snapshot, deps.maxSnapshotBytes);
  }
  const token = generateToken();
  const row = await db.share.create({
    data: {
      id: newRowId(),
      viewId,
      tokenHash: hashToken(token),
      path,
      snapshot: input.snapshot,
      snapshotData,
      snapshotBytes: snapshotData?.length ?? 0,
      expiresAt: expiresAtFor(input.expiresIn, deps.nowMs),
      createdBy: deps.createdBy ?? null,
    },
    omit: { snapshotData: true },
  });
  return { url: shareUrl(deps.publicUrl, token), token, expiresAt: iso(row.expiresAt), share: toShareRecord(row, deps.nowMs), failedParts };
}

/** Shares of a view, newest first (null when the view does not exist). */
export async function listShares(db: Db, viewId: string, nowMs: number): Promise<ShareRecord[] | null> {
  const view = await db.savedView.findUnique({ where: { id: viewId }, select: { id: true } });
  if (!view) return null;
  const rows = await db.share.findMany({ where: { viewId }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], omit: { snapshotData: true } });
  return rows.map((r) => toShareRecord(r, nowMs));
}

/** Revokes by token (what `DELETE /api/v1/shares/{token}` gets). Revoking twice keeps the first time. */
export async function revokeShareByToken(db: Db, token: string, nowMs: number): Promise<boolean> {
  if (!isWellFormedToken(token)) return false;
  const row = await db.share.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, tokenHash: true, expiresAt: true, revokedAt: true } });
  if (shareState(token, row, nowMs) === 'unknown' || !row) return false;
  await db.share.updateMany({ where: { id: row.id, revokedAt: null }, data: { revokedAt: new Date(nowMs) } });
  return true;
}

/** Revokes by share id within a view (the share dialog lists shares, never their tokens). */
export async function revokeShareById(db: Db, viewId: string, shareId: string, nowMs: number): Promise<ShareRecord | null> {
  const row = await db.share.findFirst({ where: { id: shareId, viewId }, select: { id: true } });
  if (!row) return null;
  await db.share.updateMany({ where: { id: shareId, revokedAt: null }, data: { revokedAt: new Date(nowMs) } });
  const updated = await db.share.findUniqueOrThrow({ where: { id: shareId }, omit: { snapshotData: true } });
  return toShareRecord(updated, nowMs);
}

export type FoundShare =
  | { state: 'ok'; id: string; path: string; snapshot: boolean; createdAt: string; expiresAt: string | null }
  | { state: Exclude<ShareState, 'ok'> };

/** Resolves a share token through the state machine of tokens.ts, without counting an open. */
export async function findShare(db: Db, token: string, nowMs: number): Promise<FoundShare> {
  if (!isWellFormedToken(token)) return { state: 'malformed' };
  const row = await db.share.findUnique({ where: { tokenHash: hashToken(token) }, omit: { snapshotData: true } });
  const state = shareState(token, row, nowMs);
  if (state !== 'ok' || !row) return { state: state === 'ok' ? 'unknown' : state };
  return { state: 'ok', id: row.id, path: row.path, snapshot: row.snapshot, createdAt: row.createdAt.toISOString(), expiresAt: iso(row.expiresAt) };
}

/** Counts one open of a share (atomic, so concurrent opens are all counted). */
export async function recordOpen(db: Db, shareId: string, nowMs: number): Promise<void> {
  await db.share.update({ where: { id: shareId }, data: { openCount: { increment: 1 }, lastOpenedAt: new Date(nowMs) } });
}

export type OpenedShare = Exclude<FoundShare, { state: 'ok' }> | (Extract<FoundShare, { state: 'ok' }> & { data: StoredSnapshot | null });

/**
 * Opens a share: resolves the token, counts the open and decodes the snapshot.
 * Never returns data for a token that is not ok.
 */
export async function openShare(db: Db, token: string, nowMs: number): Promise<OpenedShare> {
  const found = await findShare(db, token, nowMs);
  if (found.state !== 'ok') return found;
  await recordOpen(db, found.id, nowMs);
  return { ...found, data: found.snapshot ? await loadSnapshot(db, found.id) : null };
}

/** The decoded snapshot of a share (null when it has none). Throws SnapshotCorruptError. */
export async function loadSnapshot(db: Db, shareId: string): Promise<StoredSnapshot | null> {
  const row = await db.share.findUnique({ where: { id: shareId }, select: { snapshotData: true } });
  return row?.snapshotData ? decodeSnapshot(row.snapshotData) : null;
}
