import { describe, expect, it } from 'vitest';
import { incidentsOfService } from './of-service';

const incident = (id: string, services: string[], findingServices: (string | null)[] = []) => ({
  id,
  services,
  findings: findingServices.map((service, k) => ({ id: `${id}-${k}`, service })),
});

describe('incidentsOfService', () => {
  const report = [
    incident('storm', ['payment-gateway', 'risk-engine'], ['risk-engine', 'payment-gateway']),
    incident('leak', ['worker'], ['worker']),
    incident('orphans', ['order-service'], ['order-service', 'billing']),
  ];

  it('keeps the incidents that name the service, in the report order', () => {
    expect(incidentsOfService(report, 'risk-engine').map((i) => i.id)).toEqual(['storm']);
    expect(incidentsOfService(report, 'payment-gateway').map((i) => i.id)).toEqual(['storm']);
  });

  it('also keeps an incident with a finding on the service when its service list leaves it out', () => {
    expect(incidentsOfService(report, 'billing').map((i) => i.id)).toEqual(['orphans']);
  });

  it('matches names exactly (no prefix match) and answers nothing for a service without incidents', () => {
    expect(incidentsOfService(report, 'risk')).toEqual([]);
    expect(incidentsOfService(report, 'frontend')).toEqual([]);
  });
});
