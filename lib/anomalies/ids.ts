/**
 * Stable anomaly ids: the same finding gets the same id on every run, so digests (new /
 * still going / resolved against the previous digest) and share links can refer to it.
 * Pure and browser-safe (no node:crypto): FNV-1a 64-bit over the UTF-8 bytes of kind,
 * canonical JSON of the subject (sorted keys), service and an anchor time.
 *
 * The rule — an id never depends on the query window or on `now`:
 * - Events, fixed in time by the data itself (a counter reset's sample, a trace's start,
 *   the first log line/exemplar naming a missing trace): kind + subject + that time
 *   (`eventId`). Any window that contains the event sees the same time.
 * - Conditions, which hold over a stretch of time and may have begun before the window
 *   (gc_storm, error_burst, latency_spike, leak, log_without_trace_context, the
 *   per-service trace aggregates, a missing trace nothing in the window refers to):
 *   kind + subject + service, no time at all (`conditionId`). Their `start` is clipped by
 *   the window and the evaluation grid follows `now`, so any time in the key would change
 *   while the problem goes on. A condition that went away and came back days later keeps
 *   its id, but a digest still calls it new: it classifies against the previous digest only.
 * - Several episodes of one condition in one run (two separate GC storms of an instance):
 *   the earliest keeps the condition id, each later one takes the event id of its start
 *   (`distinctEpisodeIds`), so no finding is deduplicated away.
 * The service is part of the key because per-service findings (log context, aggregates,
 * RED outliers) have no other subject that tells two services apart.
 */
import type { Anomaly, AnomalyKind, AnomalySubject } from '../model/anomaly';

const encoder = new TextEncoder();
const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/**
 * FNV-1a 64 in four 16-bit limbs (BigInt per byte was a hot spot of large scans). The
 * prime 0x100000001b3 is 0x1b3 + 2^40: limb k gains 0x1b3·h[k] plus h[k-2] << 8.
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2; // offset basis 0xcbf29ce484222325
  for (const byte of encoder.encode(text)) {
    h0 ^= byte;
    const t0 = h0 * 0x1b3;
    let t1 = h1 * 0x1b3;
    let t2 = h2 * 0x1b3 + (h0 << 8);
    const t3 = h3 * 0x1b3 + (h1 << 8);
    t1 += t0 >>> 16;
    t2 += t1 >>> 16;
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h3 = (t3 + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
  }
  return hex4(h3) + hex4(h2) + hex4(h1) + hex4(h0);
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

/** `anchorMs` null = a condition (no time in the key); see the rule above. */
export function anomalyId(kind: AnomalyKind, subject: AnomalySubject, anchorMs: number | null, service?: string): string {
  return fnv1a64(`${kind}\n${canonicalJson(subject)}\n${service ?? ''}\n${anchorMs ?? ''}`);
}

/** An event: kind + subject + the data's own time of it. */
export const eventId = (kind: AnomalyKind, subject: AnomalySubject, atMs: number, service?: string): string =>
  anomalyId(kind, subject, atMs, service);

/** A condition: kind + subject + service, stable for as long as the problem lasts. */
export const conditionId = (kind: AnomalyKind, subject: AnomalySubject, service?: string): string =>
  anomalyId(kind, subject, null, service);

/**
 * Condition findings of one detector run that share an id: the earliest keeps it, each
 * later one gets the event id of its own start. Order of the list is kept.
 */
export function distinctEpisodeIds(found: readonly Anomaly[]): Anomaly[] {
  const earliest = new Map<string, number>();
  for (const a of found) {
    const ms = Date.parse(a.start);
    if (!earliest.has(a.id) || ms < earliest.get(a.id)!) earliest.set(a.id, ms);
  }
  const taken = new Set<string>();
  return found.map((a) => {
    const ms = Date.parse(a.start);
    if (ms === earliest.get(a.id) && !taken.has(a.id)) {
      taken.add(a.id);
      return a;
    }
    return { ...a, id: eventId(a.kind, a.subject, ms, a.service) };
  });
}
