import { describe, expect, it } from 'vitest';
import { stepAdvice } from './step-check';

const DAY = 86_400_000;

describe('stepAdvice', () => {
  it('warns when a 30-day rate([5m]) runs at a 4,320 s step and proposes a covering range', () => {
    const a = stepAdvice('sum(rate(http_requests_total[5m]))', 4320, 0, 30 * DAY)!;
    expect(a.rangeText).toBe('5m');
    expect(a.message).toMatch(/longer than the \[5m\] range: about 93 % of the samples are skipped/);
    // 30 d at a 5 m step is 8,640 points: still under Prometheus's 11,000.
    expect(a.safeStepSec).toBe(300);
    expect(a.widenedRange).toBe('4335s');
    expect(a.widenedQuery).toBe('sum(rate(http_requests_total[4335s]))');
  });
  it('offers no step when the safe one would exceed 11,000 points', () => {
    const a = stepAdvice('rate(x[1m])', 600, 0, 30 * DAY)!;
    expect(a.safeStepSec).toBeNull();
    expect(a.widenedQuery).toBe('rate(x[615s])');
  });
  it('is silent when the step fits inside the range, or there is no range selector', () => {
    expect(stepAdvice('rate(x[5m])', 60, 0, DAY)).toBeNull();
    expect(stepAdvice('up', 4320, 0, 30 * DAY)).toBeNull();
    expect(stepAdvice('max_over_time(rate(x[1m])[1h:5m])', 300, 0, DAY)?.rangeText).toBe('1m');
  });
});
