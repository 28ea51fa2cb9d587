import { ApiError, badRequest } from '../api/respond';
import { INTERNAL_HEADER, internalKey } from '../auth/internal';
import { getConfig } from '../config';
import type { CreateShareDeps } from './shares';
import { captureSnapshot, selfBaseUrl, type CaptureDeps } from './snapshot-capture';
import { SnapshotTooLargeError, rawSnapshotBudget, snapshotMaxBytes } from './snapshot-codec';
import { ViewPathError } from './view-path';

/** Wiring of the views library for route handlers: process config, and its errors as API errors. */

export function shareDeps(nowMs: number): CreateShareDeps {
  const cfg = getConfig();
  return {
    nowMs,
    publicUrl: cfg.publicUrl,
    maxSnapshotBytes: snapshotMaxBytes(),
    capture: (pinnedPath) => captureSnapshot(pinnedPath, captureDeps(nowMs)),
  };
}

/** How this process captures a view from itself: over loopback, as the internal capture identity (lib/auth/internal.ts). */
export function captureDeps(nowMs: number): CaptureDeps {
  const cfg = getConfig();
  return { baseUrl: selfBaseUrl(cfg.host, cfg.port), fetch, headers: { [INTERNAL_HEADER]: internalKey() }, nowMs, maxRawBytes: rawSnapshotBudget(snapshotMaxBytes()) };
}

/** Run a views operation, turning its domain errors into the API's error answers. */
export async function withViewErrors<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof ViewPathError) throw badRequest(err.message, 'bad_view_path');
    if (err instanceof SnapshotTooLargeError) throw new ApiError(413, 'snapshot_too_large', err.message);
    throw err;
  }
}
