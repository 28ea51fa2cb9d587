import { describe, expect, it } from 'vitest';
import { applyParamChanges, overlaid, reconcile, withChanges, withWritten } from './view-params-overlay';

const PATH = '/trace/abc';
const START = 'from=now-1h&to=now';

describe('the overlay of browser-only view parameters', () => {
  it('shows its changes over the address, removing what it clears', () => {
    const o = withChanges(null, PATH, `${START}&fsvc=api`, { fsvc: null, ferr: '1' });
    expect(overlaid(o, `${START}&fsvc=api`).toString()).toBe(`${START}&ferr=1`);
    expect(overlaid(null, START).toString()).toBe(START);
  });

  it('gathers later changes on the same page and starts over on another page', () => {
    const a = withChanges(null, PATH, START, { fsvc: 'api' });
    const b = withChanges(a, PATH, START, { ferr: '1', fsvc: 'db' });
    expect(b.changes).toEqual({ fsvc: 'db', ferr: '1' });
    expect(b.from).toBe(START);
    expect(withChanges(b, '/trace/other', START, { span: 's1' }).changes).toEqual({ span: 's1' });
  });

  it('holds while the address is still the one it started from', () => {
    const o = withChanges(null, PATH, START, { fsvc: 'api' });
    expect(reconcile(o, PATH, START)).toBe(o);
    expect(reconcile(o, PATH, `?${START}`)).toBe(o);
  });

  it('ends once the address says what it says', () => {
    const o = withChanges(null, PATH, START, { fsvc: 'api', ftag: null });
    expect(reconcile(o, PATH, `${START}&fsvc=api`)).toBeNull();
    // '' and absent are the same
    expect(reconcile(withChanges(null, PATH, START, { ftag: '' }), PATH, START)).toBeNull();
  });

  it('holds over one of its own earlier writes while a later change is still on its way', () => {
    const first = withWritten(withChanges(null, PATH, START, { fsvc: 'api' }), `${START}&fsvc=api`);
    const second = withChanges(first, PATH, START, { ferr: '1' });
    expect(reconcile(second, PATH, `${START}&fsvc=api`)).toBe(second);
    expect(reconcile(second, PATH, `${START}&fsvc=api&ferr=1`)).toBeNull();
  });

  it('ends at a change of the address it did not write (a link, Back, another control)', () => {
    const o = withWritten(withChanges(null, PATH, START, { fsvc: 'api', ferr: '1' }), `${START}&fsvc=api`);
    expect(reconcile(o, PATH, 'from=now-6h&to=now')).toBeNull();
    expect(reconcile(o, '/services/api', START)).toBeNull();
    expect(reconcile(null, PATH, START)).toBeNull();
  });

  it('records each written address once, in the form URLSearchParams prints', () => {
    const o = withChanges(null, PATH, START, { ftag: 'a=b c' });
    const q = applyParamChanges(START, { ftag: 'a=b c' });
    const w = withWritten(withWritten(o, q), `?${q}`);
    expect(w.written).toEqual([q.toString()]);
    expect(reconcile({ ...w, changes: { ...w.changes, ferr: '1' } }, PATH, q.toString())).not.toBeNull();
  });
});
