import { describe, expect, it, vi } from 'vitest';
import { createShortcutRegistry, isTypingTarget, stepIndex } from './shortcuts';

const el = (tagName: string, extra: Record<string, unknown> = {}) => ({ tagName, closest: () => null, ...extra });

describe('the shortcut registry', () => {
  it('runs the shortcut of a key and reports it handled', () => {
    const r = createShortcutRegistry();
    const run = vi.fn();
    r.register({ key: 't', description: 'Open the time picker', run });
    expect(r.handle({ key: 't', target: el('BODY') })).toBe(true);
    expect(run).toHaveBeenCalledOnce();
    expect(r.handle({ key: 'x', target: el('BODY') })).toBe(false);
  });

  it('ignores keys typed in inputs, text areas and editors, except shortcuts meant for fields', () => {
    const r = createShortcutRegistry();
    const slash = vi.fn();
    const esc = vi.fn();
    r.register({ key: '/', description: 'Focus search', run: slash });
    r.register({ key: 'Escape', description: 'Close', run: esc, inFields: true });
    for (const target of [el('INPUT', { type: 'text' }), el('TEXTAREA'), el('SELECT'), el('DIV', { isContentEditable: true }), el('SPAN', { closest: () => ({}) })]) {
      expect(r.handle({ key: '/', target })).toBe(false);
    }
    expect(slash).not.toHaveBeenCalled();
    expect(r.handle({ key: 'Escape', target: el('INPUT', { type: 'text' }) })).toBe(true);
    expect(esc).toHaveBeenCalledOnce();
    // A checkbox or a button is not typing.
    expect(r.handle({ key: '/', target: el('INPUT', { type: 'checkbox' }) })).toBe(true);
    expect(r.handle({ key: '/', target: el('BUTTON') })).toBe(true);
  });

  it('gives Escape typed in a field only to what holds that field, so the field keeps it otherwise', () => {
    const r = createShortcutRegistry();
    const calls: string[] = [];
    const inPicker = el('INPUT', { type: 'datetime-local' });
    const headerSearch = el('INPUT', { type: 'search' });
    r.register({ key: 'Escape', description: 'Close drawer', run: () => void calls.push('drawer'), inFields: (field) => field === 'a field of the drawer' });
    r.register({ key: 'Escape', description: 'Close picker', run: () => void calls.push('picker'), inFields: (field) => field === inPicker });
    expect(r.handle({ key: 'Escape', target: headerSearch })).toBe(false);
    expect(calls).toEqual([]);
    expect(r.handle({ key: 'Escape', target: inPicker })).toBe(true);
    expect(r.handle({ key: 'Escape', target: el('BUTTON') })).toBe(true);
    expect(calls).toEqual(['picker', 'picker']);
  });

  it('leaves keys with modifiers, during composition or already handled to the browser', () => {
    const r = createShortcutRegistry();
    const run = vi.fn();
    r.register({ key: 'k', description: 'Previous', run });
    expect(r.handle({ key: 'k', ctrlKey: true })).toBe(false);
    expect(r.handle({ key: 'k', metaKey: true })).toBe(false);
    expect(r.handle({ key: 'k', altKey: true })).toBe(false);
    expect(r.handle({ key: 'k', isComposing: true })).toBe(false);
    expect(r.handle({ key: 'k', defaultPrevented: true })).toBe(false);
    expect(run).not.toHaveBeenCalled();
  });

  it('gives a key to the latest registration first, and to the one before when it declines or is removed', () => {
    const r = createShortcutRegistry();
    const calls: string[] = [];
    r.register({ key: 'Escape', description: 'Close drawer', run: () => void calls.push('drawer') });
    const removeDialog = r.register({ key: 'Escape', description: 'Close dialog', run: () => void calls.push('dialog') });
    r.register({ key: 'Escape', description: '', run: () => false });
    r.handle({ key: 'Escape' });
    removeDialog();
    r.handle({ key: 'Escape' });
    expect(calls).toEqual(['dialog', 'drawer']);
  });

  it('lists each documented key once, and tells subscribers when the list changes', () => {
    const r = createShortcutRegistry();
    const changed = vi.fn();
    r.subscribe(changed);
    r.register({ key: '/', description: 'Focus search', run: () => {} });
    const off = r.register({ key: '/', description: 'Search again', run: () => {} });
    r.register({ key: 'x', description: '', run: () => {} });
    expect(r.list()).toEqual([{ key: '/', description: 'Focus search' }]);
    off();
    expect(changed).toHaveBeenCalledTimes(4);
  });

  it('steps through a list without leaving it', () => {
    expect(stepIndex(-1, 5, 1)).toBe(0);
    expect(stepIndex(-1, 5, -1)).toBe(4);
    expect(stepIndex(2, 5, 1)).toBe(3);
    expect(stepIndex(4, 5, 1)).toBe(4);
    expect(stepIndex(0, 5, -1)).toBe(0);
    expect(stepIndex(0, 0, 1)).toBe(-1);
  });
});

describe('isTypingTarget', () => {
  it('knows no target is not typing', () => {
    expect(isTypingTarget(null)).toBe(false);
    expect(isTypingTarget(el('A'))).toBe(false);
  });
});
