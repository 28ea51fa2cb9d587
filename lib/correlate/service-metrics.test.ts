import { describe, expect, it } from 'vitest';
import { buildMetricCatalog, serviceMetricQueries } from './service-metrics';
import { promString } from './promql';

const panels = (qs: ReturnType<typeof serviceMetricQueries>) => Object.fromEntries(qs.map((q) => [q.panel, q]));

describe('promString', () => {
  it('escapes backslash, quote, newline and other control characters', () => {
    expect(promString('a"b\\c\nd\te\u0001')).toBe('"a\\"b\\\\c\\nd\\te\\u0001"');
    expect(promString('checkout')).toBe('"checkout"');
  });

  it('replaces a lone surrogate, so a hostile label value still makes a query that can go in a URL', () => {
    const q = promString('a\ud800b');
    expect(q).toBe('"a\\ufffdb"');
    expect(() => encodeURIComponent(q)).not.toThrow();
  });
});

describe('serviceMetricQueries', () => {
  it('uses OTel semconv metrics found through /api/v1/metadata (histogram family names)', () => {
    const catalog = buildMetricCatalog({
      metadata: {
        http_server_request_duration_seconds: [{ type: 'histogram', help: '', unit: 's' }],
        process_start_time_seconds: [{ type: 'gauge', help: '', unit: '' }],
      },
    });
    const p = panels(serviceMetricQueries('checkout', catalog));
    expect(p.requests).toMatchObject({ family: 'otel', unit: 'reqps', query: 'sum(rate(http_server_request_duration_seconds_count{service_name="checkout"}[5m]))' });
    expect(p.errors.query).toBe('sum(rate(http_server_request_duration_seconds_count{service_name="checkout",http_response_status_code=~"5.."}[5m]))');
    expect(p.latency_p99.query).toBe('histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket{service_name="checkout"}[5m])))');
    expect(p.restarts.query).toBe('sum by (instance) (changes(process_start_time_seconds{service_name="checkout"}[5m]))');
    expect(p.error_rate).toMatchObject({ unit: 'ratio', family: 'http_server_request_duration_seconds_count' });
    expect(p.error_rate.query).toBe(
      '(sum(rate(http_server_request_duration_seconds_count{service_name="checkout",http_response_status_code=~"5.."}[5m])) or sum(rate(http_server_request_duration_seconds_count{service_name="checkout"}[5m])) * 0) / sum(rate(http_server_request_duration_seconds_count{service_name="checkout"}[5m]))',
    );
    expect(Object.keys(p)).toEqual(['requests', 'errors', 'error_rate', 'latency_p50', 'latency_p99', 'restarts']);
  });

  it('builds the error-rate panel from the configured RED families, a gRPC or custom counter included', () => {
    const grpc = panels(serviceMetricQueries('ledger', buildMetricCatalog({ names: ['grpc_server_handled_total'] })));
    expect(grpc.error_rate.query).toContain('grpc_code=~"Unknown|DeadlineExceeded|Unimplemented|Internal|Unavailable|DataLoss"');
    const custom = { requests: 'shop_calls_total', errorLabel: 'outcome', errorValues: 'fail|timeout', latency: null };
    const p = panels(serviceMetricQueries('cart', buildMetricCatalog({ names: ['shop_calls_total'] }), { redFamilies: [custom] }));
    expect(p.error_rate.query).toBe('(sum(rate(shop_calls_total{service_name="cart",outcome=~"fail|timeout"}[5m])) or sum(rate(shop_calls_total{service_name="cart"}[5m])) * 0) / sum(rate(shop_calls_total{service_name="cart"}[5m]))');
    // A family whose counter lacks the outcome label cannot tell failures apart: no panel.
    const without = buildMetricCatalog({ series: [{ __name__: 'shop_calls_total', service_name: 'cart' }] });
    expect(serviceMetricQueries('cart', without, { redFamilies: [custom] }).map((q) => q.panel)).not.toContain('error_rate');
  });

  it('picks the status label the Prometheus client series actually carry', () => {
    const catalog = buildMetricCatalog({ series: [{ __name__: 'http_requests_total', job: 'api', status: '200' }] });
    const p = panels(serviceMetricQueries('api', catalog, { serviceLabel: 'job', rateWindow: '1m' }));
    expect(p.errors.query).toBe('sum(rate(http_requests_total{job="api",status=~"5.."}[1m]))');
    expect(p.latency_p50).toBeUndefined();
  });

  it('tries every known status label with `or` when only names are known', () => {
    const p = panels(serviceMetricQueries('api', buildMetricCatalog({ names: ['http_requests_total'] })));
    expect(p.errors.query.split(' or ')).toHaveLength(3);
    expect(p.errors.query).toContain('code=~"5.."');
  });

  it('builds Micrometer and Go runtime panels for a Spring + Go mix by what exists', () => {
    const names = ['http_server_requests_seconds_count', 'http_server_requests_seconds_bucket', 'jvm_gc_pause_seconds_count', 'jvm_gc_pause_seconds_sum', 'jvm_memory_used_bytes', 'jvm_threads_live_threads'];
    const p = panels(serviceMetricQueries('orders', buildMetricCatalog({ names })));
    expect(p.errors.query).toContain('status=~"5.."');
    expect(p.gc_rate).toMatchObject({ family: 'micrometer', unit: 'ops' });
    expect(p.gc_time.query).toBe('sum by (instance) (rate(jvm_gc_pause_seconds_sum{service_name="orders"}[5m]))');
    expect(p.heap.query).toContain('area="heap"');
    expect(p.threads.family).toBe('micrometer');
  });

  it('uses Istio metrics keyed by destination_service_name with latency converted to seconds', () => {
    const names = ['istio_requests_total', 'istio_request_duration_milliseconds_bucket'];
    const p = panels(serviceMetricQueries('reviews', buildMetricCatalog({ names })));
    expect(p.requests.query).toBe('sum(rate(istio_requests_total{destination_service_name="reviews",reporter="destination"}[5m]))');
    expect(p.errors.query).toContain('response_code=~"5.."');
    expect(p.latency_p99.query).toMatch(/istio_request_duration_milliseconds_bucket.*\/ 1000$/);
  });

  it('covers Go, Node and .NET runtimes', () => {
    const go = panels(serviceMetricQueries('w', buildMetricCatalog({ names: ['go_gc_duration_seconds_count', 'go_gc_duration_seconds_sum', 'go_goroutines', 'go_memstats_heap_inuse_bytes'] })));
    expect([go.gc_rate.family, go.threads.title, go.heap.unit]).toEqual(['go', 'Goroutines', 'bytes']);
    const node = panels(serviceMetricQueries('n', buildMetricCatalog({ metadata: { nodejs_gc_duration_seconds: [{ type: 'histogram', help: '', unit: '' }] } })));
    expect(node.gc_rate.query).toContain('nodejs_gc_duration_seconds_count');
    const net = panels(serviceMetricQueries('d', buildMetricCatalog({ names: ['dotnet_collection_count_total'] })));
    expect(net.gc_rate.query).toContain('generation="0"');
  });

  it('prefers native histograms only when no classic buckets exist', () => {
    const p = panels(serviceMetricQueries('x', buildMetricCatalog({ names: ['http_server_request_duration_seconds'] })));
    expect(p.latency_p50.query).toBe('histogram_quantile(0.5, sum(rate(http_server_request_duration_seconds{service_name="x"}[5m])))');
  });

  it('escapes a hostile service name and refuses a bad label name or window', () => {
    const catalog = buildMetricCatalog({ names: ['go_goroutines'] });
    const [q] = serviceMetricQueries('a"} or vector(1) #', catalog);
    expect(q.query).toBe('sum by (instance) (go_goroutines{service_name="a\\"} or vector(1) #"})');
    expect(() => serviceMetricQueries('a', catalog, { serviceLabel: 'bad-label' })).toThrow(/label name/);
    expect(() => serviceMetricQueries('a', catalog, { rateWindow: '5m]) or (' })).toThrow(/duration/);
  });

  it('returns no panels when nothing known exists', () => {
    expect(serviceMetricQueries('a', buildMetricCatalog({ names: ['up'] }))).toEqual([]);
  });
});
