import { describe, expect, it } from 'vitest';
import { selectionOf } from './use-drag-zoom';

describe('selectionOf', () => {
  it('orders the two ends, whichever way the drag went', () => {
    expect(selectionOf(5000, 2000)).toEqual({ fromMs: 2000, toMs: 5000 });
  });
  it('is no selection for a click (same sample) or an unknown end', () => {
    expect(selectionOf(3000, 3000)).toBeNull();
    expect(selectionOf(NaN, 3000)).toBeNull();
  });
});
