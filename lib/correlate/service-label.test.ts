import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Labels } from '../model/types';
import { DEFAULT_SERVICE_LABELS, resolveServiceLabel, serviceFieldOf, serviceName, serviceOf } from './service-label';
import { toLogEntry } from './join';
import { seriesService } from '@/components/charts/chart-markers';
import { inventoryServices } from '../investigate/trace/metric-inventory';
import { missingTraceDetector } from '../anomalies/missing-trace';
import { emptyInput } from '../anomalies/test-helpers';
import { DEFAULT_DETECTOR_OPTIONS } from '../anomalies/types';

describe('the service-label rule', () => {
  it('prefers service_name, then service, app, container, and job last', () => {
    const all: Labels = { service_name: 'otel', service: 'svc', app: 'app', container: 'ctr', job: 'job' };
    const seen: string[] = [];
    const labels = { ...all };
    for (const name of DEFAULT_SERVICE_LABELS) {
      seen.push(serviceOf(labels)!);
      delete labels[name];
    }
    expect(seen).toEqual(['otel', 'svc', 'app', 'ctr', 'job']);
    expect(serviceOf(labels)).toBeNull();
  });

  it('does not let a scrape job that is not a service hide the workload', () => {
    expect(serviceOf({ job: 'kubernetes-pods', app: 'checkout' })).toBe('checkout');
    expect(serviceOf({ job: 'kubelet', container: 'checkout' })).toBe('checkout');
    expect(serviceOf({ job: 'checkout', instance: '10.0.0.1:8080' })).toBe('checkout');
  });

  it('trims values and skips blank ones', () => {
    expect(serviceOf({ service_name: ' \t', service: '  checkout\n' })).toBe('checkout');
    expect(serviceOf({ service_name: '' , job: 'j' })).toBe('j');
    expect(serviceName('   ')).toBeNull();
    expect(serviceName(undefined)).toBeNull();
  });

  it('applies the same value rule to a configured order', () => {
    expect(serviceOf({ team_service: ' pay ', service_name: 'x' }, ['team_service'])).toBe('pay');
    expect(serviceOf({ service_name: 'x' }, ['team_service'])).toBeNull();
  });

  it('is the first non-blank label of the order, trimmed, for any label set', () => {
    const value = fc.oneof(fc.constant(''), fc.constant('  '), fc.string({ maxLength: 6 }), fc.string({ maxLength: 4 }).map((s) => ` ${s}\n`));
    const labels = fc.dictionary(fc.constantFrom(...DEFAULT_SERVICE_LABELS, 'instance', 'namespace'), value);
    fc.assert(
      fc.property(labels, (l) => {
        const got = serviceOf(l);
        const first = DEFAULT_SERVICE_LABELS.findIndex((k) => (l[k] ?? '').trim() !== '');
        expect(got).toBe(first === -1 ? null : l[DEFAULT_SERVICE_LABELS[first]].trim());
      }),
    );
  });
});

describe('resolveServiceLabel', () => {
  it('finds the first label of the order that names the service on some series', () => {
    const series: Labels[] = [{ __name__: 'up', job: 'checkout' }, { __name__: 'up', job: 'kubernetes-pods', app: 'cart' }];
    expect(resolveServiceLabel(series, 'checkout')).toBe('job');
    expect(resolveServiceLabel(series, 'cart')).toBe('app');
    expect(resolveServiceLabel(series, 'nope')).toBeNull();
  });

  it('compares values as serviceOf reads them', () => {
    expect(resolveServiceLabel([{ service: ' checkout ' }], 'checkout')).toBe('service');
    expect(resolveServiceLabel([{ service: '' }], '  ')).toBeNull();
  });
});

describe('every caller names the same service', () => {
  // A Kubernetes pod scraped by annotation: the job is the scrape config, the app is the service.
  const labels: Labels = { job: 'kubernetes-pods', app: ' checkout ', namespace: 'shop' };

  it('logs, charts, the metric inventory and the detectors agree', () => {
    const log = toLogEntry({ tsNs: '1719990000000000000', line: 'hello', stream: labels, structuredMetadata: {}, parsed: {} });
    expect(log?.service).toBe('checkout');
    expect(seriesService({ labels })).toBe('checkout');
    expect(inventoryServices([labels])).toContain('checkout');
    const traceId = 'ab'.repeat(16);
    const [finding] = missingTraceDetector.detect(
      emptyInput({ missingTraceIds: [traceId], exemplars: [{ seriesLabels: labels, labels: {}, traceId, spanId: null, value: 1, tsMs: emptyInput().range.fromMs }] }),
      DEFAULT_DETECTOR_OPTIONS,
    );
    expect(finding.service).toBe('checkout');
  });
});

describe('which Elasticsearch field names services', () => {
  it('takes the first label field in the built-in order of service labels (service.name before app)', () => {
    expect(serviceFieldOf(['host.name', 'app', 'service.name'])).toBe('service.name');
    expect(serviceFieldOf(['kubernetes.pod.name', 'app'])).toBe('app');
  });

  it('follows the source\'s own service label, and finds none when no field names services', () => {
    expect(serviceFieldOf(['service.name', 'kubernetes.labels.team'], 'kubernetes_labels_team')).toBe('kubernetes.labels.team');
    expect(serviceFieldOf(['host.name', 'log.level'])).toBeNull();
  });

  it('falls back to the built-in order when the source\'s own service label is not among its fields', () => {
    expect(serviceFieldOf(['host.name', 'app'], 'kubernetes_labels_team')).toBe('app');
  });
});
