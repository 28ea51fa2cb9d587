/**
 * The critical path as Jaeger UI computes it (components/TracePage/CriticalPath): start
 * at the root's end, repeatedly descend into the last-finishing CHILD_OF child that
 * finishes before the current cursor; when no child fits, the span itself is critical
 * from its start to the cursor, and the cursor returns to the parent at the child's
 * start. Children are first clipped to their parent's time range (children entirely
 * outside it are dropped), and FOLLOWS_FROM children never count.
 *
 * Iterative (traces can be 50,000 spans deep) and O(n log n): along one parent the cursor
 * only moves backwards, so each parent keeps a pointer into its end-sorted children.
 */

export interface CriticalPathInput {
  key: string;
  startUs: number;
  endUs: number;
  childKeys: readonly string[];
  /** How this node hangs under its parent. */
  parentLink: 'CHILD_OF' | 'FOLLOWS_FROM' | null;
}

export interface CriticalSection {
  key: string;
  startUs: number;
  endUs: number;
}

interface Clipped {
  key: string;
  startUs: number;
  endUs: number;
  parent: Clipped | null;
  children: Clipped[]; // sorted by end, latest first
  next: number; // pointer into children
}

function clipTree(rootKey: string, nodes: ReadonlyMap<string, CriticalPathInput>): Clipped | null {
  const root = nodes.get(rootKey);
  if (!root) return null;
  const top: Clipped = { key: root.key, startUs: root.startUs, endUs: root.endUs, parent: null, children: [], next: 0 };
  const stack: Clipped[] = [top];
  while (stack.length > 0) {
    const cur = stack.pop()!;
    for (const childKey of nodes.get(cur.key)!.childKeys) {
      const child = nodes.get(childKey);
      if (!child || child.parentLink === 'FOLLOWS_FROM') continue;
      if (child.startUs > cur.endUs || child.endUs < cur.startUs) continue;
      const c: Clipped = {
        key: child.key,
        startUs: Math.max(child.startUs, cur.startUs),
        endUs: Math.min(child.endUs, cur.endUs),
        parent: cur,
        children: [],
        next: 0,
      };
      cur.children.push(c);
      stack.push(c);
    }
    // Stable sort: among equal ends the earlier-starting child (tree order) comes first.
    cur.children.sort((a, b) => b.endUs - a.endUs);
  }
  return top;
}

/** Sections from the root's end backwards (latest first), as Jaeger UI lists them. */
export function criticalPath(rootKey: string, nodes: ReadonlyMap<string, CriticalPathInput>): CriticalSection[] {
  const root = clipTree(rootKey, nodes);
  if (!root) return [];
  const sections: CriticalSection[] = [];
  let cur: Clipped = root;
  let cursor: number | null = null; // start of the child we just returned from
  for (;;) {
    let child: Clipped | null = null;
    if (cursor === null) {
      child = cur.children[0] ?? null;
    } else {
      while (cur.next < cur.children.length && cur.children[cur.next].endUs >= cursor) cur.next++;
      child = cur.children[cur.next] ?? null;
    }
    const sectionEnd = cursor ?? cur.endUs;
    if (child) {
      if (child.endUs !== sectionEnd) sections.push({ key: cur.key, startUs: child.endUs, endUs: sectionEnd });
      cur = child;
      cursor = null;
      continue;
    }
    sections.push({ key: cur.key, startUs: cur.startUs, endUs: sectionEnd });
    if (!cur.parent) break;
    cursor = cur.startUs;
    cur = cur.parent;
  }
  return sections;
}
