import type { Span, TagValue } from '../model/types';

/**
 * Pure: which spans a service-mesh sidecar (Envoy, Istio) emitted — "mesh hops" — and which
 * side of the service they sit on (docs/trace-context.md §7.5).
 *
 * Rule, from Envoy's tracer (`source/common/tracing/common_values.h`): every span Envoy's HTTP
 * tracer writes carries `component=proxy` (Tags.Component, value Tags.Proxy) and, once routed,
 * `upstream_cluster` / `upstream_cluster.name`. Istio adds its custom tags `istio.*`
 * (canonical service, namespace, mesh id) to the sidecar's spans only. One of these marks a
 * mesh hop; application spans carry none of them.
 */

const MESH_TAGS = ['upstream_cluster', 'upstream_cluster.name', 'istio.canonical_service', 'istio.mesh_id'] as const;

const str = (v: TagValue | undefined): string | null => (typeof v === 'string' && v !== '' ? v : null);

export function isMeshHop(span: Pick<Span, 'tags'>): boolean {
  if (span.tags.component === 'proxy') return true;
  for (const t of MESH_TAGS) if (str(span.tags[t]) !== null) return true;
  return false;
}

/** The cluster Envoy routed to: Istio names it `inbound|port||` or `outbound|port|subset|host`. */
export function upstreamCluster(span: Pick<Span, 'tags'>): string | null {
  return str(span.tags.upstream_cluster) ?? str(span.tags['upstream_cluster.name']);
}

/**
 * The server side of a service (the inbound sidecar that hands the request to the app):
 * Istio's inbound cluster, or else a sidecar span of kind server (Envoy's ingress operation).
 */
export function isInboundMeshHop(span: Pick<Span, 'tags' | 'kind'>): boolean {
  if (!isMeshHop(span)) return false;
  const cluster = upstreamCluster(span);
  if (cluster?.startsWith('inbound|')) return true;
  if (cluster?.startsWith('outbound|')) return false;
  return span.kind === 'server';
}

/**
 * The names the application's own spans may use for the sidecar's service: Istio's sidecar
 * reports `<app>.<namespace>` while the app reports `<app>`, so the canonical service and the
 * name without its namespace suffix count as the same service.
 */
export function meshServiceNames(span: Pick<Span, 'tags' | 'service'>): Set<string> {
  const names = new Set<string>([span.service]);
  const canonical = str(span.tags['istio.canonical_service']);
  if (canonical) names.add(canonical);
  const ns = str(span.tags['istio.namespace']);
  if (ns && span.service.endsWith(`.${ns}`)) names.add(span.service.slice(0, -ns.length - 1));
  return names;
}
