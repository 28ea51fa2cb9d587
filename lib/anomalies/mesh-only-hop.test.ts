import { describe, expect, it } from 'vitest';
import type { Span } from '../model/types';
import { isInboundMeshHop, isMeshHop, meshServiceNames } from '../correlate/mesh';
import { analyzeTrace } from '../correlate/trace-model';
import { runDetectors } from './index';
import { findMeshOnlyHops } from './mesh-only-hop';
import { child, emptyInput, MIN, span, T0, traceOf } from './test-helpers';

/** Mesh hops (lib/correlate/mesh.ts) and the mesh_only_hop finding (docs/anomalies.md). */

const T = 'a'.repeat(32);
const sidecar = (parent: Span | null, service: string, cluster: string, extra: Partial<Span> = {}) => {
  const fields = { service, kind: cluster.startsWith('inbound') ? ('server' as const) : ('client' as const), operation: `${service}:8080/*`, tags: { component: 'proxy', upstream_cluster: cluster, 'guid:x-request-id': 'cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2' }, ...extra };
  return parent ? child(parent, fields) : span(T, fields);
};

describe('mesh hop classification', () => {
  it('recognises Envoy and Istio sidecar spans by their tags, and their side', () => {
    expect(isMeshHop({ tags: { component: 'proxy' } })).toBe(true);
    expect(isMeshHop({ tags: { 'upstream_cluster.name': 'outbound|80||cart' } })).toBe(true);
    expect(isMeshHop({ tags: { 'istio.canonical_service': 'cart' } })).toBe(true);
    expect(isMeshHop({ tags: { component: 'net/http', 'http.method': 'GET' } })).toBe(false);
    expect(isMeshHop({ tags: { upstream_cluster: '' } })).toBe(false);
    expect(isInboundMeshHop({ kind: 'client', tags: { upstream_cluster: 'inbound|8080||' } })).toBe(true);
    expect(isInboundMeshHop({ kind: 'server', tags: { upstream_cluster: 'outbound|8080||cart' } })).toBe(false);
    expect(isInboundMeshHop({ kind: 'server', tags: { component: 'proxy' } })).toBe(true);
    expect(isInboundMeshHop({ kind: 'server', tags: {} })).toBe(false);
    expect([...meshServiceNames({ service: 'cart.shop', tags: { 'istio.namespace': 'shop', 'istio.canonical_service': 'cart-v2' } })].sort()).toEqual(['cart', 'cart-v2', 'cart.shop']);
  });

  it('flags mesh hops in the trace model and the API span, not as a new trace form', () => {
    const gw = sidecar(null, 'istio-ingressgateway', 'outbound|8080||cart.shop.svc.cluster.local');
    const app = child(gw, { service: 'cart', kind: 'server' });
    const view = analyzeTrace(traceOf([gw, app]));
    expect(view.spans.map((n) => n.meshHop)).toEqual([true, false]);
  });
});

describe('findMeshOnlyHops', () => {
  it('no finding when the application span follows the inbound sidecar', () => {
    const out = sidecar(null, 'frontend', 'outbound|8080||cart');
    const inbound = sidecar(out, 'cart', 'inbound|8080||');
    const spans = [out, inbound, child(inbound, { service: 'cart', kind: 'server' })];
    expect(findMeshOnlyHops(analyzeTrace(traceOf(spans)))).toEqual([]);
  });

  it('context_not_propagated: the request went on through the sidecar without an application span', () => {
    const out = sidecar(null, 'frontend', 'outbound|8080||cart');
    const inbound = sidecar(out, 'cart.shop', 'inbound|8080||', { tags: { component: 'proxy', upstream_cluster: 'inbound|8080||', 'istio.namespace': 'shop' } });
    const onward = sidecar(inbound, 'cart.shop', 'outbound|9090||pricing.shop.svc.cluster.local');
    const hops = findMeshOnlyHops(analyzeTrace(traceOf([out, inbound, onward, child(out, { service: 'frontend', kind: 'internal' })])));
    expect(hops).toHaveLength(1);
    expect(hops[0]).toMatchObject({ service: 'cart.shop', cause: 'context_not_propagated', upstreamCluster: 'inbound|8080||' });
    expect(hops[0].downstream.map((n) => n.spanId)).toEqual([onward.spanId]);
  });

  it('no_application_span: the service never shows up with its own spans; left alone when it does elsewhere', () => {
    const root = span(T, { service: 'frontend', kind: 'server' });
    const inbound = sidecar(root, 'cart', 'inbound|8080||');
    expect(findMeshOnlyHops(analyzeTrace(traceOf([root, inbound])))[0]).toMatchObject({ cause: 'no_application_span', service: 'cart' });
    const elsewhere = span(T, { service: 'cart', kind: 'server', parentSpanId: 'ffffffffffffffff' });
    expect(findMeshOnlyHops(analyzeTrace(traceOf([root, inbound, elsewhere])))).toEqual([]);
  });
});

describe('mesh_only_hop detector', () => {
  const at = T0 + 5 * MIN;
  function trace(n: number, withApp: boolean) {
    const tid = n.toString(16).padStart(32, '0');
    const root = span(tid, { service: 'frontend', kind: 'server', startMs: at - T0 });
    const inbound = child(root, { service: 'cart', kind: 'server', startMs: at - T0 + 1, tags: { component: 'proxy', upstream_cluster: 'inbound|8080||' } });
    return traceOf(withApp ? [root, inbound, child(inbound, { service: 'cart', kind: 'server', startMs: at - T0 + 2 })] : [root, inbound]);
  }

  const run = (traces: ReturnType<typeof trace>[], nowMs = at + 10 * MIN) => runDetectors(emptyInput({ traces, nowMs }), {}, { kinds: ['mesh_only_hop'] }).anomalies;

  it('warns when the service is instrumented in other traces; evidence names service, sidecar span and upstream_cluster', () => {
    const lost = trace(2, false);
    const [a] = run([trace(1, true), lost]);
    expect(a).toMatchObject({ kind: 'mesh_only_hop', severity: 'warning', service: 'cart', title: 'Context lost at the service boundary of cart', subject: { traceId: lost.traceId, spanIds: [lost.spans[1].spanId] } });
    expect(a.evidence).toMatchObject({ cause: 'no_application_span', service: 'cart', upstreamCluster: 'inbound|8080||', instrumentedElsewhere: true, sidecar: { spanId: lost.spans[1].spanId, service: 'cart', upstreamCluster: 'inbound|8080||' } });
    expect(a.links[0].href).toContain(lost.traceId);
  });

  it('is info for a service never instrumented, and for a trace that may still be arriving', () => {
    expect(run([trace(3, false)])[0].severity).toBe('info');
    expect(run([trace(1, true), trace(4, false)], at + 30_000)[0].severity).toBe('info');
  });

  it('adds a per-service aggregate once enough traces are sampled', () => {
    const found = run(Array.from({ length: 6 }, (_, i) => trace(10 + i, i % 2 === 0)));
    const agg = found.find((f) => f.evidence.aggregate === true);
    expect(agg).toMatchObject({ service: 'cart', evidence: { tracesSampled: 6, tracesAffected: 3 } });
  });

  it('finds exactly the broken hops in generated mesh traces with random service names', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
    const name = () => Array.from({ length: 3 + Math.floor(rnd() * 8) }, () => 'abcdefghijklmnopqrstuvwxyz-'[Math.floor(rnd() * 27)]).join('').replace(/^-|-$/g, 'x');
    for (let round = 0; round < 30; round++) {
      const tid = (round + 100).toString(16).padStart(32, '0');
      const ns = name();
      const services = Array.from({ length: 2 + Math.floor(rnd() * 5) }, (_, i) => `${name()}${i}`);
      const root = span(tid, { service: services[0], kind: 'server' });
      const spans: Span[] = [root];
      const broken = new Set<string>();
      let caller = root;
      for (const svc of services.slice(1)) {
        const out = child(caller, { service: `${caller.service}`, kind: 'client', tags: { component: 'proxy', upstream_cluster: `outbound|8080||${svc}.${ns}.svc.cluster.local` } });
        const inbound = child(out, { service: `${svc}.${ns}`, kind: 'server', tags: { component: 'proxy', upstream_cluster: 'inbound|8080||', 'istio.namespace': ns } });
        spans.push(out, inbound);
        if (rnd() < 0.4) {
          broken.add(inbound.spanId); // the app never reports: the chain ends here
          break;
        }
        const app = child(inbound, { service: svc, kind: 'server' }); // the app names itself without the namespace
        spans.push(app);
        caller = app;
      }
      const hops = findMeshOnlyHops(analyzeTrace(traceOf(spans)));
      expect(new Set(hops.map((h) => h.sidecar.spanId))).toEqual(broken);
      expect(hops.every((h) => h.cause === 'no_application_span')).toBe(true);
    }
  });
});
