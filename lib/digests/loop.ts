import { tick, type RunnerDeps } from './runner';

/**
 * The in-process runner loop: a tick right away (catch-up after a restart), then one
 * every `intervalMs`. Ticks never overlap, and nothing a tick throws escapes: a digest
 * must never take the server down.
 */

export interface DigestLoop {
  stop: () => void;
  /** Resolves when the tick in progress (if any) has finished. */
  idle: () => Promise<void>;
}

export const DEFAULT_TICK_MS = 30_000;
/** Retention (lib/digests/retention.ts) runs after a tick at most this often. */
export const PRUNE_EVERY_MS = 60 * 60_000;

export interface LoopOptions {
  intervalMs?: number;
  log?: (m: string, e?: unknown) => void;
  /** Deletes expired digest data; every replica may run it (the deletes are idempotent). */
  prune?: (nowMs: number) => Promise<unknown>;
}

export function startDigestLoop(makeDeps: () => RunnerDeps, opts: LoopOptions = {}): DigestLoop {
  const log = opts.log ?? ((m: string, e?: unknown) => console.error(`[triangulate] ${m}`, e ?? ''));
  let current: Promise<void> | null = null;
  let stopped = false;
  let prunedAt = Number.NEGATIVE_INFINITY;
  const runOnce = () => {
    if (current || stopped) return;
    current = (async () => {
      try {
        const deps = makeDeps();
        const out = await tick({ ...deps, log: deps.log ?? log }, Date.now());
        if (out.missed) log(`digests: ${out.missed} scheduled run(s) recorded as missed`);
        if (opts.prune && Date.now() - prunedAt >= PRUNE_EVERY_MS) {
          prunedAt = Date.now();
          await opts.prune(prunedAt);
        }
      } catch (e) {
        log('digest runner tick failed', e);
      } finally {
        current = null;
      }
    })();
  };
  const timer = setInterval(runOnce, opts.intervalMs ?? DEFAULT_TICK_MS);
  timer.unref?.();
  runOnce();
  return {
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
    idle: async () => {
      await current;
    },
  };
}
