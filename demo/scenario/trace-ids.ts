import { hash32, hex8 } from './random';
import { DEMO_SEED } from './story';

/**
 * Demo trace ids encode their slot so any id can be resolved without an index: the low
 * 32 bits are (slot·2 + kind) masked by a hash of the high 64 bits, and the whole id is
 * re-derived to verify it. An id we did not mint (e.g. the sampled-out one) never decodes.
 */

export const SLOT_MS = 10_000;
export const TRACE_KINDS = ['checkout', 'browse'] as const;

export interface SlotRef {
  slot: number;
  kind: number;
}

export function traceIdFor(slot: number, kind: number, seed = DEMO_SEED): string {
  let high = hex8(hash32(seed, 't', slot, kind, 1)) + hex8(hash32(seed, 't', slot, kind, 2));
  if (high === '0000000000000000') high = '0000000000000001';
  const packed = (slot * 2 + kind) >>> 0;
  const masked = (packed ^ hash32(seed, 'mask', high)) >>> 0;
  return high + hex8(hash32(seed, 't', slot, kind, 3)) + hex8(masked);
}

/** The slot a canonical (32-hex) demo trace id was minted for, or null. */
export function decodeTraceId(id: string, seed = DEMO_SEED): SlotRef | null {
  if (!/^[0-9a-f]{32}$/.test(id)) return null;
  const high = id.slice(0, 16);
  const packed = (parseInt(id.slice(24), 16) ^ hash32(seed, 'mask', high)) >>> 0;
  const ref = { slot: Math.floor(packed / 2), kind: packed % 2 };
  return traceIdFor(ref.slot, ref.kind, seed) === id ? ref : null;
}
