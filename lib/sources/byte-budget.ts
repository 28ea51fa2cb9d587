import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Memory budgets for backend answers (docs/reliability.md, "Memory budget"). Every byte a
 * transport reads is charged, chunk by chunk as it arrives, to two budgets:
 *
 * - the source's bytes **in flight**: answers being read or parsed right now, given back
 *   once a call has its parsed result (so 16 concurrent Prometheus reads cannot each buffer
 *   up to the per-call cap at once);
 * - the API request's **total per source**: everything one request (one scan, one
 *   investigation, one Explore query) reads from one backend, never given back, because the
 *   request keeps what it parsed until it answers. Per source, so a backend sending garbage
 *   spends only its own share and the others still answer.
 *
 * A chunk past either budget fails its call as `too_large` at once; the partial body is
 * dropped. Nothing waits for room: a refused call is the backpressure.
 */
export class ByteBudget {
  used = 0;
  constructor(readonly limit: number) {}
  take(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }
  give(n: number): void {
    this.used = Math.max(0, this.used - n);
  }
  get exhausted(): boolean {
    return this.used >= this.limit;
  }
}

/** What one API request may read from one backend in total (route() in lib/api/respond.ts sets it). */
export const REQUEST_BYTE_BUDGET = 128 * 1024 * 1024;
/** What one source's calls may hold at once while reading and parsing. */
export const SOURCE_BYTES_IN_FLIGHT = 96 * 1024 * 1024;

interface RequestBudgets {
  limit: number;
  bySource: Map<string, ByteBudget>;
}
const requestBudgets = new AsyncLocalStorage<RequestBudgets>();

/** Runs `work` with fresh request budgets; calls made inside it (however deep) are charged to their source's. */
export function withRequestBudget<T>(work: () => Promise<T>, limit = REQUEST_BYTE_BUDGET): Promise<T> {
  return requestBudgets.run({ limit, bySource: new Map() }, work);
}

/** The budget for `source` of the request this code runs for, or null outside one (the digest runner, scripts). */
export function currentRequestBudget(source: string): ByteBudget | null {
  const store = requestBudgets.getStore();
  if (!store) return null;
  let budget = store.bySource.get(source);
  if (!budget) store.bySource.set(source, (budget = new ByteBudget(store.limit)));
  return budget;
}

export const mib = (bytes: number): string => `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;
