import type { Span, SpanKind, TagValue, Trace } from '../../lib/model/types';
import { hash32, logNormal, rng, spanIdFrom } from './random';
import { DEMO_SEED, instanceOf, isStorming } from './story';
import { ROUTES, type LatencyProfile } from './red-metrics';
import { SLOT_MS, traceIdFor } from './trace-ids';

/**
 * Builds the trace of one slot. Checkout: api-gateway → order-service → inventory,
 * payment-gateway → risk-engine, notification; order-service also hands work to a
 * background goroutine that dropped the request context, so that span's parent is a span
 * that was never reported (an orphan). Browse: api-gateway → inventory-service.
 */

const LANG: Record<string, string> = { 'risk-engine': 'java', 'notification-service': 'java' };

const processTagCache = new Map<string, Record<string, TagValue>>();

function processTags(service: string, seed: number): Record<string, TagValue> {
  const key = `${seed}:${service}`;
  const hit = processTagCache.get(key);
  if (hit) return hit;
  const tags: Record<string, TagValue> = {
    hostname: `${service}-0`,
    'service.instance.id': `${service}-${(hash32(seed, 'pod', service) % 0xfffff).toString(16).padStart(5, '0')}`,
    'host.name': `${service}-0`,
    'telemetry.sdk.language': LANG[service] ?? 'go',
  };
  processTagCache.set(key, tags);
  return tags;
}

function profileFor(service: string, route: string, stormy: boolean): LatencyProfile {
  const r = ROUTES.find((x) => x.service === service && x.route === route);
  if (!r) throw new Error(`no route profile for ${service} ${route}`);
  return stormy && r.storm ? r.storm : r.normal;
}

interface Ctx {
  traceId: string;
  slot: number;
  kind: number;
  seed: number;
  rand: () => number;
  spans: Span[];
}

interface SpanInit {
  service: string;
  operation: string;
  kind: SpanKind;
  parent: string | null;
  startUs: number;
  durationUs: number;
  error?: boolean;
  tags?: Record<string, TagValue>;
  events?: Span['events'];
}

function addSpan(ctx: Ctx, init: SpanInit): Span {
  const spanId = spanIdFrom(ctx.seed, 's', ctx.slot, ctx.kind, ctx.spans.length);
  const tags: Record<string, TagValue> = { 'span.kind': init.kind, ...init.tags };
  if (init.error) tags.error = true;
  const span: Span = {
    traceId: ctx.traceId,
    spanId,
    parentSpanId: init.parent,
    references: init.parent ? [{ type: 'CHILD_OF', traceId: ctx.traceId, spanId: init.parent }] : [],
    service: init.service,
    operation: init.operation,
    kind: init.kind,
    startUs: Math.round(init.startUs),
    durationUs: Math.max(1, Math.round(init.durationUs)),
    status: init.error ? 'error' : 'unset',
    tags,
    processTags: processTags(init.service, ctx.seed),
    events: init.events ?? [],
    warnings: [],
  };
  ctx.spans.push(span);
  return span;
}

/** A server span for a known route, with a latency drawn from the route's profile. */
function serverSpan(ctx: Ctx, service: string, method: string, route: string, parent: string | null, startUs: number, stormy: boolean, minUs = 0) {
  const p = profileFor(service, route, stormy);
  // Callers time out after 2.5 s, so no server span runs longer than that.
  const durationUs = Math.min(2.5e6, Math.max(minUs, logNormal(p.medianS, p.sigma, ctx.rand(), ctx.rand()) * 1e6));
  const error = ctx.rand() < p.errorRate;
  const status = error ? (service === 'risk-engine' ? 500 : 503) : 200;
  const events: Span['events'] = error
    ? [{ tsUs: Math.round(startUs + durationUs * 0.9), name: 'exception', fields: { event: 'error', 'exception.message': service === 'risk-engine' ? 'scoring timed out waiting for model lock' : 'upstream unavailable' } }]
    : [];
  return addSpan(ctx, {
    service, operation: `${method} ${route}`, kind: 'server', parent, startUs, durationUs, error, events,
    tags: { 'http.method': method, 'http.route': route, 'http.status_code': status, 'net.host.name': instanceOf(service) },
  });
}

function dbSpan(ctx: Ctx, service: string, statement: string, parent: string, startUs: number): Span {
  const durationUs = logNormal(0.003, 0.4, ctx.rand(), ctx.rand()) * 1e6;
  return addSpan(ctx, {
    service, operation: statement.split(' ').slice(0, 2).join(' '), kind: 'client', parent, startUs, durationUs,
    tags: { 'db.system': 'postgresql', 'db.statement': statement, 'peer.service': 'postgres' },
  });
}

function checkout(ctx: Ctx, t0: number, stormy: boolean): void {
  const gw = serverSpan(ctx, 'api-gateway', 'POST', '/api/checkout', null, t0, stormy);
  const order = serverSpan(ctx, 'order-service', 'POST', '/orders', gw.spanId, t0 + 1500, stormy);
  let t = order.startUs + 400;
  const insert = dbSpan(ctx, 'order-service', 'INSERT INTO orders (id, customer_id, total) VALUES ($1, $2, $3)', order.spanId, t);
  t = insert.startUs + insert.durationUs + 300;
  const inv = serverSpan(ctx, 'inventory-service', 'POST', '/reserve', order.spanId, t, stormy);
  dbSpan(ctx, 'inventory-service', 'UPDATE stock SET reserved = reserved + $1 WHERE sku = $2', inv.spanId, inv.startUs + 200);
  t = inv.startUs + inv.durationUs + 300;
  const pay = serverSpan(ctx, 'payment-gateway', 'POST', '/charge', order.spanId, t, stormy);
  const risk = serverSpan(ctx, 'risk-engine', 'POST', '/score', pay.spanId, pay.startUs + 800, stormy);
  // payment-gateway waits for the score (or falls back on a risk-engine error), then calls the card network.
  pay.durationUs = Math.max(pay.durationUs, risk.startUs - pay.startUs + risk.durationUs + 5_000);
  if (risk.status === 'error') pay.tags['risk.fallback'] = true;
  t = pay.startUs + pay.durationUs + 300;
  const notify = serverSpan(ctx, 'notification-service', 'POST', '/notify', order.spanId, t, stormy);
  order.durationUs = Math.max(order.durationUs, notify.startUs + notify.durationUs - order.startUs + 500);
  gw.durationUs = Math.max(gw.durationUs, order.startUs + order.durationUs - gw.startUs + 800);
  // The background goroutine: started with context.Background(), its parent was never reported.
  addSpan(ctx, {
    service: 'order-service', operation: 'publishOrderEvent', kind: 'producer',
    parent: spanIdFrom(ctx.seed, 'dropped', ctx.slot), startUs: order.startUs + order.durationUs - 200,
    durationUs: logNormal(0.04, 0.3, ctx.rand(), ctx.rand()) * 1e6,
    tags: { 'messaging.system': 'kafka', 'messaging.destination.name': 'orders.created' },
  });
}

function browse(ctx: Ctx, t0: number, stormy: boolean): void {
  const hostile = hash32(ctx.seed, 'hostile', ctx.slot) % 40 === 0;
  const gw = serverSpan(ctx, 'api-gateway', 'GET', '/api/products', null, t0, stormy);
  // Hostile text arrives in real traces (user input in URLs); the UI must show it as text.
  gw.tags['http.target'] = hostile ? '/api/products?q=<script>alert("xss")</script>' : '/api/products?page=1';
  const inv = serverSpan(ctx, 'inventory-service', 'GET', '/products', gw.spanId, t0 + 900, stormy);
  const sel = dbSpan(ctx, 'inventory-service', 'SELECT id, sku, stock FROM products LIMIT 50', inv.spanId, inv.startUs + 200);
  inv.durationUs = Math.max(inv.durationUs, sel.startUs + sel.durationUs - inv.startUs + 200);
  gw.durationUs = Math.max(gw.durationUs, inv.startUs + inv.durationUs - gw.startUs + 500);
}

/** Trace start (µs) of a slot's trace, before building it. */
export function slotStartUs(slot: number, kind: number, seed = DEMO_SEED): number {
  const jitterMs = (hash32(seed, 'jitter', slot, kind) % 1500);
  return (slot * SLOT_MS + kind * 2000 + jitterMs) * 1000;
}

export function buildTrace(slot: number, kind: number, anchorMs: number, seed = DEMO_SEED): Trace {
  const traceId = traceIdFor(slot, kind, seed);
  const ctx: Ctx = { traceId, slot, kind, seed, rand: rng(hash32(seed, 'trace', slot, kind)), spans: [] };
  const t0 = slotStartUs(slot, kind, seed);
  const stormy = isStorming(anchorMs, t0 / 1000);
  if (kind === 0) checkout(ctx, t0, stormy);
  else browse(ctx, t0, stormy);
  return { traceId, spans: ctx.spans, warnings: [] };
}
