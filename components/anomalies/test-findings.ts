import type { Anomaly } from '@/lib/model/anomaly';

/** A minimal valid finding for tests; fields given override the defaults. */
export const finding = (over: Partial<Anomaly> & Pick<Anomaly, 'id'>): Anomaly => ({
  kind: 'gc_storm',
  severity: 'warning',
  title: `finding ${over.id}`,
  explanation: 'explained',
  start: '2026-03-02T14:00:00.000Z',
  subject: {},
  evidence: {},
  links: [],
  ...over,
});

export const at = (hhmmss: string): string => `2026-03-02T${hhmmss}.000Z`;
