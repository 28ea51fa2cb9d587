/**
 * One restart of a target resets every counter it exports: the API keeps one
 * counter_reset record per series (the contract parity is checked on), and pages and
 * digests show each restart as one row — the target, the time, how many series reset,
 * and whether rate() panels show a false spike (docs/anomalies.md, "counter_reset").
 * Pure and browser-safe.
 */
import type { Anomaly } from '../model/anomaly';

export interface RestartEvent<A extends Anomaly = Anomaly> {
  /** The detector's group key: `<job>/<instance>@<restart ms>`. */
  key: string;
  /** `job/instance` (or the service) that restarted. */
  target: string;
  service?: string;
  atMs: number;
  /** The counter_reset records (one per series) that reset at this restart. */
  members: A[];
  /** Some rate() panel over these series shows a spike that is only the reset. */
  falseSpike: boolean;
}

interface StepView {
  group: string | null;
  restartedAt: string | null;
  after: { ts: string } | null;
  falseSpike: boolean;
}

function stepsOf(a: Anomaly): StepView[] {
  const raw = Array.isArray(a.evidence.steps) ? a.evidence.steps : [a.evidence];
  return raw.map((s) => {
    const o = (s ?? {}) as Record<string, unknown>;
    const artifact = (o.rateArtifact ?? {}) as Record<string, unknown>;
    const after = o.after as { ts?: unknown } | undefined;
    return {
      group: typeof o.group === 'string' && o.group !== '' ? o.group : null,
      restartedAt: typeof o.restartedAt === 'string' ? o.restartedAt : null,
      after: typeof after?.ts === 'string' ? { ts: after.ts } : null,
      falseSpike: artifact.spike === true,
    };
  });
}

/** Every restart group a counter_reset record belongs to (none for other kinds). */
export function restartGroups(a: Anomaly): string[] {
  if (a.kind !== 'counter_reset') return [];
  return [...new Set(stepsOf(a).map((s) => s.group).filter((g): g is string => g !== null))];
}

/**
 * Restart events of the counter_reset records in `list` (in the order of their first
 * member), and the records that belong to none (resets without a restart, counts without
 * times) — those stay rows of their own.
 */
export function restartEvents<A extends Anomaly>(list: readonly A[]): { events: RestartEvent<A>[]; rest: A[] } {
  const events = new Map<string, RestartEvent<A>>();
  const rest: A[] = [];
  for (const a of list) {
    const steps = a.kind === 'counter_reset' ? stepsOf(a) : [];
    const grouped = steps.filter((s) => s.group !== null);
    if (grouped.length === 0 || grouped.length < steps.length) rest.push(a);
    for (const s of grouped) {
      let e = events.get(s.group!);
      if (!e) {
        const at = Date.parse(s.restartedAt ?? s.after?.ts ?? a.start);
        e = { key: s.group!, target: s.group!.slice(0, s.group!.lastIndexOf('@')), service: a.service, atMs: at, members: [], falseSpike: false };
        events.set(s.group!, e);
      }
      if (!e.members.includes(a)) e.members.push(a);
      e.falseSpike ||= s.falseSpike;
    }
  }
  return { events: [...events.values()], rest };
}

/** "payment-gateway restarted at 13:59: 14 counter series reset; rate() shows no false spike." */
export function restartSentence(e: RestartEvent, clock: (ms: number) => string): string {
  const who = e.service ?? e.target;
  const n = e.members.length;
  return `${who}${e.service && e.target !== e.service ? ` (${e.target})` : ''} restarted at ${clock(e.atMs)}: ${n} counter series reset; rate() panels ${e.falseSpike ? 'show a false spike there' : 'show no false spike'}.`;
}
