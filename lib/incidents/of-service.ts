/**
 * The incidents a service takes part in, for its page (docs/search-api.md, "Service
 * pages"): those that name it among their services or have a finding on it, in the
 * report's order (user-facing first, worst first).
 */
import type { Incident } from './types';

export function incidentsOfService<T extends { services: readonly string[]; findings: readonly Pick<Incident['findings'][number], 'service'>[] }>(incidents: readonly T[], service: string): T[] {
  return incidents.filter((i) => i.services.includes(service) || i.findings.some((f) => f.service === service));
}
