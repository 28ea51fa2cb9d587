/** Test and bench fixture: the size at which the service map must stay readable. */

/** A layered fixture of 50 services and 200 edges (each service calls 4 of the next layers'). */
export function bigGraph(): { nodes: string[]; edges: { parent: string; child: string }[] } {
  const nodes = Array.from({ length: 50 }, (_, i) => `service-${String(i).padStart(2, '0')}`);
  const edges: { parent: string; child: string }[] = [];
  const seen = new Set<string>();
  let k = 7;
  while (edges.length < 200) {
    k = (k * 1103515245 + 12345) % 2147483648;
    const a = k % 45;
    const b = a + 1 + ((k >> 8) % Math.min(5, 49 - a));
    const key = `${a}>${b}`;
    if (b < 50 && !seen.has(key)) {
      seen.add(key);
      edges.push({ parent: nodes[a], child: nodes[b] });
    }
  }
  return { nodes, edges };
}
