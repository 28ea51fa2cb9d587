import type { SourceName } from '../model/types';
import { currentRequestBudget, mib, type ByteBudget } from './byte-budget';
import { SourceError } from './errors';

/**
 * One transport call's share of the memory budgets (lib/sources/byte-budget.ts): every chunk
 * it reads is charged to the source's bytes in flight and to the API request's total for the
 * source. `charge` is what the body reader asks before keeping a chunk (body.ts); `release`
 * gives the in-flight bytes back once the call has its parsed result or failed.
 */
export interface CallBytes {
  charge(bytes: number): string | null;
  release(): void;
}

/** Throws `too_large` at once when this request already spent its budget for the source: the call never reaches the backend. */
export function chargeCall(source: SourceName, inFlight: ByteBudget): CallBytes {
  const request = currentRequestBudget(source);
  if (request?.exhausted) throw new SourceError({ source, kind: 'too_large', message: `this request already read ${mib(request.limit)} from ${source}; narrow it (shorter range, fewer services)` });
  let held = 0;
  return {
    charge(bytes) {
      if (!inFlight.take(bytes)) return `${source}: answers in flight exceed the ${mib(inFlight.limit)} memory budget; narrow the query or try again`;
      held += bytes;
      if (request && !request.take(bytes)) {
        request.used = request.limit; // spent: the request's later calls fail before reaching the backend
        return `this request read more than ${mib(request.limit)} from ${source}; narrow it (shorter range, fewer services)`;
      }
      return null;
    },
    release() {
      inFlight.give(held);
      held = 0;
    },
  };
}
