/**
 * The trace page's span search over columns built once per trace (docs/search-api.md,
 * "Inside a big trace"): services and operations as small integers, errors, the critical
 * path and durations in typed arrays. A filter change is then one tight loop over numbers,
 * and tags (the only strings compared) are read only for spans that passed every other test.
 */
import type { ApiSpan } from '../api/types';

export interface SpanFilterIndex {
  spans: readonly ApiSpan[];
  /** Distinct services, sorted; `serviceOf[i]` indexes it. */
  services: string[];
  serviceOf: Int32Array;
  /** Distinct operations, sorted; `operationOf[i]` indexes it. */
  operations: string[];
  operationOf: Int32Array;
  /** Each service's operations (indexes into `operations`), sorted by name. */
  operationsOfService: number[][];
  error: Uint8Array;
  critical: Uint8Array;
  durationMs: Float64Array;
}

function sortedIds(values: Map<string, number>): { names: string[]; remap: Int32Array } {
  const names = [...values.keys()].sort();
  const remap = new Int32Array(names.length);
  names.forEach((name, sorted) => (remap[values.get(name)!] = sorted));
  return { names, remap };
}

export function buildFilterIndex(spans: readonly ApiSpan[]): SpanFilterIndex {
  const n = spans.length;
  const serviceIds = new Map<string, number>();
  const operationIds = new Map<string, number>();
  const serviceOf = new Int32Array(n);
  const operationOf = new Int32Array(n);
  const error = new Uint8Array(n);
  const critical = new Uint8Array(n);
  const durationMs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = spans[i];
    let sv = serviceIds.get(s.service);
    if (sv === undefined) serviceIds.set(s.service, (sv = serviceIds.size));
    let op = operationIds.get(s.operation);
    if (op === undefined) operationIds.set(s.operation, (op = operationIds.size));
    serviceOf[i] = sv;
    operationOf[i] = op;
    error[i] = s.status === 'error' ? 1 : 0;
    critical[i] = s.critical ? 1 : 0;
    durationMs[i] = s.durationMs;
  }
  // Ids in name order, so the pickers list them sorted without sorting again.
  const svc = sortedIds(serviceIds);
  const ops = sortedIds(operationIds);
  const pairs = svc.names.map(() => new Set<number>());
  for (let i = 0; i < n; i++) {
    serviceOf[i] = svc.remap[serviceOf[i]];
    operationOf[i] = ops.remap[operationOf[i]];
    pairs[serviceOf[i]].add(operationOf[i]);
  }
  return {
    spans,
    services: svc.names,
    serviceOf,
    operations: ops.names,
    operationOf,
    operationsOfService: pairs.map((set) => [...set].sort((a, b) => a - b)),
    error,
    critical,
    durationMs,
  };
}
