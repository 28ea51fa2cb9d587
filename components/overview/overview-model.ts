/**
 * The overview's numbers: findings counted by service × kind (with the worst severity of
 * each cell, for its colour), totals per kind and per service. Pure.
 */
import { severityRank, type Anomaly, type AnomalyKind, type Severity } from '@/lib/model/anomaly';

export interface CountCell {
  count: number;
  worst: Severity;
}

export interface CountMatrix {
  /** Services worst first (then most findings, then name); null = not tied to a service. */
  services: (string | null)[];
  /** Kinds present, worst first likewise. */
  kinds: AnomalyKind[];
  cell: (service: string | null, kind: AnomalyKind) => CountCell | null;
  byService: Map<string | null, CountCell>;
  byKind: Map<AnomalyKind, CountCell>;
  total: number;
}

function add(map: Map<unknown, CountCell>, key: unknown, s: Severity): void {
  const c = map.get(key);
  if (!c) map.set(key, { count: 1, worst: s });
  else {
    c.count += 1;
    if (severityRank(s) > severityRank(c.worst)) c.worst = s;
  }
}

const byWorst = <K,>(totals: Map<K, CountCell>, name: (k: K) => string) => (a: K, b: K) => {
  const x = totals.get(a)!;
  const y = totals.get(b)!;
  const na = name(a);
  const nb = name(b);
  return severityRank(y.worst) - severityRank(x.worst) || y.count - x.count || (na < nb ? -1 : na > nb ? 1 : 0);
};

export function countMatrix(list: readonly Anomaly[]): CountMatrix {
  const cells = new Map<string, CountCell>();
  const byService = new Map<string | null, CountCell>();
  const byKind = new Map<AnomalyKind, CountCell>();
  const key = (service: string | null, kind: string) => JSON.stringify([service, kind]);
  for (const a of list) {
    const service = a.service ?? null;
    add(cells as Map<unknown, CountCell>, key(service, a.kind), a.severity);
    add(byService as Map<unknown, CountCell>, service, a.severity);
    add(byKind as Map<unknown, CountCell>, a.kind, a.severity);
  }
  return {
    // Findings without a service sort after every named service.
    services: [...byService.keys()].sort(byWorst(byService, (s) => (s === null ? '\uffff' : s))),
    kinds: [...byKind.keys()].sort(byWorst(byKind, (k) => k)),
    cell: (service, kind) => cells.get(key(service, kind)) ?? null,
    byService,
    byKind,
    total: list.length,
  };
}


