import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  checkedGzip,
  inflatedStream,
  decodeSnapshot,
  DEFAULT_SNAPSHOT_MAX_BYTES,
  encodeSnapshot,
  SnapshotCorruptError,
  snapshotMaxBytes,
  SnapshotTooLargeError,
  type StoredSnapshot,
} from './snapshot-codec';

const snapshot = (responses: Record<string, unknown>): StoredSnapshot => ({
  version: 1,
  takenAt: '2026-11-23T12:00:00.000Z',
  path: '/trace/abc?from=2026-11-23T11%3A00%3A00.000Z&to=2026-11-23T12%3A00%3A00.000Z',
  responses,
  failed: { '/api/v1/query/logs?query=x': { status: 502, message: 'loki: connection refused' } },
});

describe('snapshot encoding', () => {
  it('round-trips the responses exactly, including hostile text, and compresses', () => {
    const logs = Array.from({ length: 500 }, (_, i) => ({ line: `<script>alert(${i})</script> "quoted" ünïcode`, tsNs: `17638992000000000${i}` }));
    const s = snapshot({ '/api/v1/traces/abc/correlated?from=a&to=b': { logs, nan: null } });
    const bytes = encodeSnapshot(s, DEFAULT_SNAPSHOT_MAX_BYTES);
    expect(bytes[0]).toBe(0x1f); // gzip magic
    expect(bytes[1]).toBe(0x8b);
    expect(bytes.length).toBeLessThan(JSON.stringify(s).length / 5);
    expect(decodeSnapshot(bytes)).toEqual(s);
  });

  it('refuses a snapshot over the cap with a message giving both sizes', () => {
    // Random data does not compress, so the gzip stays about as large as the input.
    const s = snapshot({ '/api/x': randomBytes(64 * 1024).toString('base64') });
    expect(() => encodeSnapshot(s, 32 * 1024)).toThrow(SnapshotTooLargeError);
    try {
      encodeSnapshot(s, 32 * 1024);
    } catch (e) {
      expect((e as SnapshotTooLargeError).bytes).toBeGreaterThan(32 * 1024);
      expect((e as Error).message).toMatch(/KiB compressed, over the limit of 32\.0 KiB/);
    }
    expect(encodeSnapshot(s, 200 * 1024).length).toBeGreaterThan(32 * 1024);
  });

  it('rejects bytes that are not a snapshot instead of rendering them', () => {
    expect(() => decodeSnapshot(new Uint8Array([1, 2, 3]))).toThrow(SnapshotCorruptError);
    expect(() => decodeSnapshot(gzipSync('not json'))).toThrow(/not JSON/);
    expect(() => decodeSnapshot(gzipSync(JSON.stringify({ version: 2 })))).toThrow(/unknown shape/);
  });

  it('reads the cap from SNAPSHOT_MAX_BYTES, defaulting to 20 MiB', () => {
    expect(snapshotMaxBytes({})).toBe(20 * 1024 * 1024);
    expect(snapshotMaxBytes({ SNAPSHOT_MAX_BYTES: '1048576' })).toBe(1_048_576);
    expect(() => snapshotMaxBytes({ SNAPSHOT_MAX_BYTES: '-5' })).toThrow(/SNAPSHOT_MAX_BYTES/);
    expect(() => snapshotMaxBytes({ SNAPSHOT_MAX_BYTES: '20MB' })).toThrow(/positive integer/);
  });
});

describe('streaming a stored snapshot to its page', () => {
  it('inflates what encodeSnapshot wrote as a stream, and stops past the budget even when the trailer lies', async () => {
    const s = snapshot({ '/api/v1/anomalies?from=a': { anomalies: Array.from({ length: 2_000 }, (_, i) => ({ id: `a${i}` })) } });
    const bytes = encodeSnapshot(s, DEFAULT_SNAPSHOT_MAX_BYTES);
    expect(JSON.parse(await new Response(inflatedStream(bytes)).text())).toEqual(s);
    const lying = gzipSync(Buffer.alloc(2 * 1024 * 1024));
    lying.writeUInt32LE(10, lying.length - 4); // claims 10 bytes
    expect(() => checkedGzip(lying, 1024 * 1024)).not.toThrow();
    await expect(new Response(inflatedStream(lying, 1024 * 1024)).text()).rejects.toThrow(/inflates past the 1\.0 MiB budget/);
  });
  it('passes what encodeSnapshot wrote, and refuses non-gzip or a trailer past the budget', () => {
    const bytes = encodeSnapshot(snapshot({ '/api/v1/anomalies?from=a': { anomalies: [] } }), DEFAULT_SNAPSHOT_MAX_BYTES);
    expect(checkedGzip(bytes)).toBe(bytes);
    expect(() => checkedGzip(new TextEncoder().encode('{"version":1,"plain":"json, not gzip"}'))).toThrow(SnapshotCorruptError);
    const bomb = gzipSync(Buffer.alloc(2 * 1024 * 1024)); // 2 MiB of zeros in ~2 KiB
    expect(() => checkedGzip(bomb, 1024 * 1024)).toThrow(/inflates to 2\.0 MiB, over the 1\.0 MiB budget/);
    expect(checkedGzip(bomb, 4 * 1024 * 1024)).toBe(bomb);
  });
});
