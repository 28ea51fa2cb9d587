import type { HealthResponse } from '@/lib/api/contract/health';

export type LogsLanguage = 'logql' | 'lucene';

/**
 * The query language of Explore's logs box: the first chosen logs source's (lib/query/logs.ts
 * asks that one). `logsSource` is the page's parameter: absent (the first source), a name, a
 * comma list or `*` (docs/api.md, "Choosing sources"). Before health answers: LogQL.
 */
export function logsLanguage(health: HealthResponse | undefined, logsSource: string | null): LogsLanguage {
  const logs = health?.sources.loki;
  if (!logs) return 'logql';
  const names = health.named?.loki ?? [];
  const wanted = !logsSource || logsSource === '*' ? null : new Set(logsSource.split(',').map((n) => n.trim().toLowerCase()));
  // The order of the configuration decides which chosen source comes first.
  const first = wanted ? names.findIndex((n) => wanted.has(n.toLowerCase())) : 0;
  const backend = logs.sources?.[first]?.backend ?? (first <= 0 ? logs.backend : undefined);
  return backend === 'elasticsearch' ? 'lucene' : 'logql';
}
