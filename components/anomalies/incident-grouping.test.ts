import { describe, expect, it } from 'vitest';
import { buildIncidents } from '@/lib/incidents';
import { CHECKOUT, RANGE, finding, graphOf } from '@/lib/incidents/test-fixtures';
import { groupByIncident } from './incident-grouping';

describe('anomalies grouped by incident', () => {
  it('puts each incident\'s findings under it (cause first), then Telemetry health, then the rest', () => {
    const storm = finding('gc_storm', 'risk-engine', 20);
    const slow = finding('latency_spike', 'api-gateway', 21);
    const orphans = finding('orphan_span', 'order-service', 5);
    const report = buildIncidents({ findings: [slow, storm, orphans], graph: graphOf([CHECKOUT]), range: RANGE });
    const late = finding('error_burst', 'inventory-service', 50); // came after the incident scan
    const sections = groupByIncident([orphans, slow, storm, late], report);
    expect(sections.map((s) => [s.kind, s.rows.map((r) => r.key)])).toEqual([
      ['incident', [storm.id, slow.id]],
      ['health', [orphans.id]],
      ['other', [late.id]],
    ]);
    expect(sections[0].roles.get(storm.id)?.role).toBe('cause_candidate');
  });
});
