/**
 * The app's keyboard shortcuts as one registry (docs/architecture.md, "Keyboard"): pages and
 * controls register what a key does while they are on screen; one keydown listener asks the
 * registry. Pure apart from the DOM types, so it is unit-tested without a browser.
 */

export interface Shortcut {
  /** KeyboardEvent.key: '/', 't', 'j', '?', 'Escape'. */
  key: string;
  /** What the shortcuts dialog says it does; '' keeps it out of the list. */
  description: string;
  /** Return false to let the key through (nothing to do right now). */
  run: () => boolean | void;
  /**
   * Also while typing in a field: true for any field, or a test of the field (Escape closes
   * the popover or drawer that holds the field, never something else: a field's Escape is
   * the field's own, docs/architecture.md "Keyboard").
   */
  inFields?: boolean | ((field: unknown) => boolean);
}

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
  target?: unknown;
}

interface ElementLike {
  tagName?: string;
  isContentEditable?: boolean;
  closest?: (selector: string) => unknown;
  type?: string;
}

const TEXT_INPUTS = new Set(['text', 'search', 'url', 'email', 'number', 'password', 'tel', 'date', 'datetime-local', 'time', 'month', 'week']);

/** Whether a key press is typing: an input, a text area, a select, or an editor (CodeMirror is contenteditable). */
export function isTypingTarget(target: unknown): boolean {
  const el = target as ElementLike | null;
  if (!el || typeof el !== 'object') return false;
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return TEXT_INPUTS.has((el.type ?? 'text').toLowerCase());
  if (el.isContentEditable) return true;
  return typeof el.closest === 'function' && el.closest('[contenteditable=""], [contenteditable="true"], .cm-editor') !== null;
}

const takesFieldKey = (s: Shortcut, field: unknown) => (typeof s.inFields === 'function' ? s.inFields(field) : s.inFields === true);

export interface ShortcutRegistry {
  /** Add a shortcut; the latest registration of a key wins (an open dialog's Escape before the page's). Returns its removal. */
  register: (s: Shortcut) => () => void;
  /** Run the shortcut for a key press; true when one handled it (the caller then prevents the default). */
  handle: (e: KeyLike) => boolean;
  /** Documented shortcuts, one per key, in the order keys were first registered. */
  list: () => { key: string; description: string }[];
  subscribe: (onChange: () => void) => () => void;
}

export function createShortcutRegistry(): ShortcutRegistry {
  let entries: Shortcut[] = [];
  const listeners = new Set<() => void>();
  let listed: { key: string; description: string }[] = [];
  const changed = () => {
    const seen = new Map<string, string>();
    for (const s of entries) if (s.description && !seen.has(s.key)) seen.set(s.key, s.description);
    listed = [...seen].map(([key, description]) => ({ key, description }));
    listeners.forEach((l) => l());
  };
  return {
    register(s) {
      entries = [...entries, s];
      changed();
      return () => {
        entries = entries.filter((x) => x !== s);
        changed();
      };
    },
    handle(e) {
      if (e.defaultPrevented || e.isComposing || e.ctrlKey || e.metaKey || e.altKey) return false;
      const typing = isTypingTarget(e.target);
      for (let i = entries.length - 1; i >= 0; i--) {
        const s = entries[i];
        if (s.key !== e.key || (typing && !takesFieldKey(s, e.target))) continue;
        if (s.run() !== false) return true;
      }
      return false;
    },
    list: () => listed,
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
  };
}

/** The index `delta` steps from `current` in a list of `count` (j/k), staying inside it; -1 when the list is empty. */
export function stepIndex(current: number, count: number, delta: number): number {
  if (count <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : count - 1;
  return Math.min(count - 1, Math.max(0, current + delta));
}
