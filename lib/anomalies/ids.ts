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
 * - Episodes, which begin and end (gc_storm, error_burst, latency_spike): kind + subject +
 *   service + the episode's own start (`episodeId`). The detectors find that start on the
 *   samples' own times (episodes.ts `onsetOnScrapes`), not on the grid that follows `now`,
 *   so every window that holds the start sees the same one, and each episode of a
 *   repeating problem keeps its id as the windows slide over it (an id that went to "the
 *   earliest episode in the window" moved when an older one scrolled out). An episode that
 *   began before the samples read has no known start: it takes the condition id (a wider
 *   window that shows its start gives it the event id).
 * - Conditions, which hold over a stretch of time and may have begun before the window
 *   (leak, log_without_trace_context, the per-service trace aggregates, a missing trace
 *   nothing in the window refers to): kind + subject + service, no time at all
 *   (`conditionId`). Their `start` is clipped by the window, so any time in the key would
 *   change while the problem goes on. A condition that went away and came back days later
 *   keeps its id, but a digest still calls it new: it classifies against the previous
 *   digest only.
 * The service is part of the key because per-service findings (log context, aggregates,
 * RED outliers) have no other subject that tells two services apart.
 */
import type { AnomalyKind, AnomalySubject } from '../model/anomaly';

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
 * An episode: the event id of its own start when the data shows where it began, else
 * (it began before the samples read) the condition id. See the rule above.
 */
export const episodeId = (kind: AnomalyKind, subject: AnomalySubject, startMs: number | null, service?: string): string =>
  startMs === null ? conditionId(kind, subject, service) : eventId(kind, subject, startMs, service);
