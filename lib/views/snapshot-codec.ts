import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { formatBytes } from './snapshot-format';

/**
 * A snapshot is the JSON of every API response a view made, stored gzip-compressed.
 * The responses are keyed by the exact API URL the view requests (api-urls.ts), so the
 * page renders from them unchanged. Parts that failed at capture time are listed so the
 * page can say what is missing instead of showing an empty panel as if it were data.
 */

export interface FailedPart {
  status: number;
  message: string;
}

export interface StoredSnapshot {
  version: 1;
  takenAt: string;
  path: string;
  responses: Record<string, unknown>;
  failed: Record<string, FailedPart>;
}

const storedSnapshotSchema = z.object({
  version: z.literal(1),
  takenAt: z.string(),
  path: z.string(),
  responses: z.record(z.string(), z.unknown()),
  failed: z.record(z.string(), z.object({ status: z.number(), message: z.string() })),
});

export const DEFAULT_SNAPSHOT_MAX_BYTES = 20 * 1024 * 1024;
/**
 * JSON this app writes compresses well past 8:1, so a snapshot's raw JSON is held to 8×
 * the compressed cap while it is captured (snapshot-capture.ts) and never inflated past
 * that when read: a corrupted or hostile row must not exhaust memory.
 */
export const RAW_PER_COMPRESSED = 8;
export const rawSnapshotBudget = (maxBytes: number) => RAW_PER_COMPRESSED * maxBytes;

export class SnapshotTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(
      `The snapshot is ${formatBytes(bytes)} compressed, over the limit of ${formatBytes(maxBytes)}. ` +
        'Narrow the time range or the query, or share a live link instead.',
    );
    this.name = 'SnapshotTooLargeError';
  }
}

export class SnapshotCorruptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotCorruptError';
  }
}

/** Limit from SNAPSHOT_MAX_BYTES (a positive integer), else 20 MiB. */
export function snapshotMaxBytes(env: Record<string, string | undefined> = process.env): number {
  const raw = env.SNAPSHOT_MAX_BYTES?.trim();
  if (!raw) return DEFAULT_SNAPSHOT_MAX_BYTES;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`SNAPSHOT_MAX_BYTES: must be a positive integer number of bytes, got "${raw.slice(0, 40)}"`);
  return n;
}

/** gzip the snapshot; throws SnapshotTooLargeError when the compressed size exceeds `maxBytes`. */
export function encodeSnapshot(snapshot: StoredSnapshot, maxBytes: number): Uint8Array<ArrayBuffer> {
  const gz = gzipSync(Buffer.from(JSON.stringify(snapshot), 'utf8'));
  if (gz.length > maxBytes) throw new SnapshotTooLargeError(gz.length, maxBytes);
  // A standalone copy: Prisma's Bytes wants a plain Uint8Array, not a pooled Buffer slice.
  const out = new Uint8Array(new ArrayBuffer(gz.length));
  out.set(gz);
  return out;
}

export function decodeSnapshot(bytes: Uint8Array, maxInflatedBytes = rawSnapshotBudget(snapshotMaxBytes())): StoredSnapshot {
  let text: string;
  try {
    text = gunzipSync(bytes, { maxOutputLength: maxInflatedBytes }).toString('utf8');
  } catch (err) {
    throw new SnapshotCorruptError(`snapshot data cannot be decompressed: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new SnapshotCorruptError('snapshot data is not JSON');
  }
  const result = storedSnapshotSchema.safeParse(parsed);
  if (!result.success) throw new SnapshotCorruptError('snapshot data has an unknown shape');
  return result.data as StoredSnapshot;
}
