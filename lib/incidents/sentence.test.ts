import { describe, expect, it } from 'vitest';
import { buildIncidents } from './build';
import { CHECKOUT, RANGE, finding, graphOf, restart } from './test-fixtures';

const graph = graphOf([CHECKOUT]);
const sentence = (findings: Parameters<typeof buildIncidents>[0]['findings']) => buildIncidents({ findings, graph, range: RANGE }).incidents[0].sentence;

const storm = finding('gc_storm', 'risk-engine', 4, undefined, { evidence: { peakCollectionsPerSec: 30, baselineCollectionsPerSec: 0.2, peakTimeFraction: 0.3 } });
const ownLatency = finding('latency_spike', 'risk-engine', 5, undefined, { evidence: { ratio: 39.2, peakP99Ms: 1800, baselineP99Ms: 46 } });
const checkoutSlow = finding('latency_spike', 'api-gateway', 6, undefined, { evidence: { ratio: 4.6, peakP99Ms: 2300, baselineP99Ms: 500 } });
const paymentErrors = finding('error_burst', 'payment-gateway', 6, undefined, { evidence: { peakErrorShare: 0.09, baselineErrorShare: 0.002 } });

describe('incident sentence', () => {
  it('leads with the cause and since when, then its own effect and what users feel', () => {
    expect(sentence([storm, ownLatency, checkoutSlow, paymentErrors])).toBe(
      "Since 12:04 UTC risk-engine has been in a GC storm (30 collections/s, usually 0.2/s). Its p99 is 39× higher, api-gateway's p99 is 4.6× higher and payment-gateway's errors are up to 9 % of requests (usually 0.2 %).",
    );
  });

  it('speaks in the past of an incident that is over, and names an earlier restart', () => {
    const over = finding('gc_storm', 'risk-engine', 4, 30, { evidence: { peakCollectionsPerSec: 12, baselineCollectionsPerSec: 0.5 } });
    const slow = finding('latency_spike', 'api-gateway', 5, 29, { evidence: { ratio: 3 } });
    expect(sentence([over, slow, restart('payment-gateway', -10)])).toBe(
      "From 12:04 UTC to 12:30 UTC risk-engine was in a GC storm (12 collections/s, usually 0.5/s). api-gateway's p99 was 3× higher. payment-gateway restarted at 11:50 UTC.",
    );
  });

  it('says so when no cause candidate is linked', () => {
    expect(sentence([checkoutSlow])).toBe("Since 12:06 UTC api-gateway's p99 has been 4.6× higher. No cause candidate was found among the linked services.");
  });
});
