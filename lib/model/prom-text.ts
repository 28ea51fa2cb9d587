/**
 * Prometheus text conventions shared by our /metrics, the demo exporter and the PromQL the
 * detectors link to: label values escaped as in the exposition format and in PromQL strings,
 * and numbers with Prometheus' spellings of the non-finite values.
 */

export const escapeLabelValue = (v: string): string => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export const formatPromNumber = (v: number): string => (Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf');
