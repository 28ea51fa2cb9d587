/**
 * Stable anomaly ids: the same finding gets the same id on every run, so digests and
 * share links can refer to it. Pure and browser-safe (no node:crypto): FNV-1a 64-bit
 * over the UTF-8 bytes of kind, canonical JSON of the subject (sorted keys), service
 * and start. The service is part of the key because per-service findings (log context,
 * aggregates) have no other subject that tells two services apart.
 */
import type { AnomalyKind, AnomalySubject } from '../model/anomaly';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * FNV_PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}

/** JSON with object keys sorted at every level, so key order never changes the id. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function anomalyId(kind: AnomalyKind, subject: AnomalySubject, startMs: number, service?: string): string {
  return fnv1a64(`${kind}\n${canonicalJson(subject)}\n${service ?? ''}\n${startMs}`);
}
