import { describe, expect, it } from 'vitest';
import { buildIncidents } from '../incidents';
import { CHECKOUT, RANGE, finding, graphOf } from '../incidents/test-fixtures';
import { digestIncidents } from './incidents';

const graph = graphOf([CHECKOUT]);
const report = (findings: Parameters<typeof buildIncidents>[0]['findings']) => buildIncidents({ findings, graph, range: RANGE });
const storm = finding('gc_storm', 'risk-engine', 20);
const slow = finding('latency_spike', 'api-gateway', 21);
const orphans = finding('orphan_span', 'order-service', 5);

describe('digest incidents', () => {
  it('marks everything new when there was no earlier digest', () => {
    const { incidents, health } = digestIncidents(report([storm, slow, orphans]), null);
    expect(incidents.map((i) => i.state)).toEqual(['new']);
    expect(health).toMatchObject({ total: 1, new: 1, ongoing: 0, resolved: 0, byKind: { orphan_span: 1 } });
  });

  it('says still going for an incident that grew, and resolved for one that is gone', () => {
    const first = digestIncidents(report([storm, finding('leak', 'worker', 0), orphans]), null);
    const prev = { incidents: first.incidents, healthIds: first.health.findingIds };
    // The storm now has a new symptom (and so may lead with another seed); the worker leak is gone; the orphans too.
    const second = digestIncidents(report([storm, slow]), prev);
    expect(second.incidents.map((i) => [i.state, i.services.slice().sort().join()])).toEqual([
      ['ongoing', 'api-gateway,risk-engine'],
      ['resolved', 'worker'],
    ]);
    expect(second.health).toMatchObject({ total: 0, new: 0, ongoing: 0, resolved: 1 });
  });
});
