import type { SpanNode, TraceView } from './trace-model';

/**
 * "Deepest span of this service covering time t", for many times at once. Per service,
 * spans sorted by start are swept together with the (sorted) query times through a heap
 * ordered by depth: spans that have started are pushed, spans that ended before t are
 * dropped lazily from the top. O((lines + spans) · log spans) instead of lines × spans.
 */

interface Item {
  node: SpanNode;
  order: number; // tree position: deterministic tie-break
}

/** Deeper first; among equal depth the later start (more specific), then tree order. */
const before = (a: Item, b: Item) =>
  a.node.depth !== b.node.depth ? a.node.depth > b.node.depth : a.node.startUs !== b.node.startUs ? a.node.startUs > b.node.startUs : a.order < b.order;

class Heap {
  private items: Item[] = [];
  get size() {
    return this.items.length;
  }
  peek(): Item | undefined {
    return this.items[0];
  }
  push(x: Item): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop(): void {
    const a = this.items;
    const last = a.pop()!;
    if (a.length === 0) return;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && before(a[l], a[m])) m = l;
      if (r < a.length && before(a[r], a[m])) m = r;
      if (m === i) return;
      [a[i], a[m]] = [a[m], a[i]];
      i = m;
    }
  }
}

export interface TimeQuery {
  service: string;
  tUs: number;
}

/**
 * For each query (any order), the deepest covering span of its service, or null. A span
 * covers [start - tolerance, end + tolerance].
 */
export function deepestCovering(view: TraceView, queries: readonly TimeQuery[], toleranceUs = 0): (SpanNode | null)[] {
  const result: (SpanNode | null)[] = new Array(queries.length).fill(null);
  const spansByService = new Map<string, Item[]>();
  view.spans.forEach((node, order) => {
    const list = spansByService.get(node.span.service);
    if (list) list.push({ node, order });
    else spansByService.set(node.span.service, [{ node, order }]);
  });
  const queriesByService = new Map<string, number[]>();
  queries.forEach((q, i) => {
    if (!spansByService.has(q.service)) return;
    const list = queriesByService.get(q.service);
    if (list) list.push(i);
    else queriesByService.set(q.service, [i]);
  });
  for (const [service, qs] of queriesByService) {
    const spans = spansByService.get(service)!.sort((a, b) => a.node.startUs - b.node.startUs || a.order - b.order);
    qs.sort((a, b) => queries[a].tUs - queries[b].tUs || a - b);
    const heap = new Heap();
    let next = 0;
    for (const qi of qs) {
      const t = queries[qi].tUs;
      while (next < spans.length && spans[next].node.startUs - toleranceUs <= t) heap.push(spans[next++]);
      // Lazy deletion: times only grow, so a span that ended before t never covers again.
      while (heap.size > 0 && heap.peek()!.node.endUs + toleranceUs < t) heap.pop();
      result[qi] = heap.peek()?.node ?? null;
    }
  }
  return result;
}
