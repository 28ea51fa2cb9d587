import { gunzipSync, gzipSync } from 'node:zlib';
import { sharedViewData } from '../api/contract/views';
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

/** The stored JSON is what a share page loads (the contract's SharedViewData). */
const storedSnapshotSchema = sharedViewData;

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

/**
 * Checks stored snapshot bytes before they are streamed to a page: the gzip magic, and the
 * inflated size the trailer declares (ISIZE, RFC 1952 §2.3.1) within the raw budget. Every
 * row is written by encodeSnapshot within that budget; this refuses a corrupted one before
 * any byte is sent. Throws SnapshotCorruptError.
 */
export function checkedGzip(bytes: Uint8Array, maxInflatedBytes = rawSnapshotBudget(snapshotMaxBytes())): Uint8Array {
  if (bytes.length < 18 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) throw new SnapshotCorruptError('snapshot data is not gzip');
  const n = bytes.length;
  const isize = (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0;
  if (isize > maxInflatedBytes) throw new SnapshotCorruptError(`snapshot data inflates to ${formatBytes(isize)}, over the ${formatBytes(maxInflatedBytes)} budget`);
  return bytes;
}

/**
 * The snapshot's JSON text as a stream, inflated chunk by chunk from the stored gzip: the
 * server never holds it whole nor serializes it again. The stream errors past
 * `maxInflatedBytes` (a trailer can lie), so the budget holds whatever the row says.
 */
export function inflatedStream(gzip: Uint8Array, maxInflatedBytes = rawSnapshotBudget(snapshotMaxBytes())): ReadableStream<Uint8Array> {
  let total = 0;
  const cap = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, ctl) {
      total += chunk.byteLength;
      if (total > maxInflatedBytes) ctl.error(new SnapshotCorruptError(`snapshot data inflates past the ${formatBytes(maxInflatedBytes)} budget`));
      else ctl.enqueue(chunk);
    },
  });
  return new Blob([gzip as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip')).pipeThrough(cap);
}
