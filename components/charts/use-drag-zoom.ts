'use client';

import { useRef, useState, type MouseEvent } from 'react';
import type { MouseHandlerDataParam } from 'recharts';

/**
 * Drag across a chart to pick a time range (Grafana's zoom). The selection snaps to the
 * samples under the pointer; a drag shorter than two samples is a click, not a zoom, and
 * the click that ends a real drag does not reach the chart's parent (which pins the cursor).
 */

export interface DragSelection {
  fromMs: number;
  toMs: number;
}

export function selectionOf(a: number, b: number): DragSelection | null {
  if (!Number.isFinite(a) || !Number.isFinite(b) || a === b) return null;
  return { fromMs: Math.min(a, b), toMs: Math.max(a, b) };
}

const labelMs = (s: MouseHandlerDataParam): number => (typeof s.activeLabel === 'number' ? s.activeLabel : Number(s.activeLabel));

export function useDragZoom(onZoom: ((fromMs: number, toMs: number) => void) | undefined) {
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const justZoomed = useRef(false);
  if (!onZoom) return { selection: null, handlers: {}, onClickCapture: undefined };
  return {
    selection: drag ? selectionOf(drag.a, drag.b) : null,
    handlers: {
      onMouseDown: (s: MouseHandlerDataParam) => {
        const v = labelMs(s);
        if (Number.isFinite(v)) setDrag({ a: v, b: v });
      },
      onMouseMove: (s: MouseHandlerDataParam) => {
        const v = labelMs(s);
        if (drag && Number.isFinite(v) && v !== drag.b) setDrag({ a: drag.a, b: v });
      },
      /** Leaving the plot cancels the drag (the button may be released outside it). */
      onMouseLeave: () => setDrag(null),
      onMouseUp: () => {
        const sel = drag ? selectionOf(drag.a, drag.b) : null;
        setDrag(null);
        if (sel) {
          justZoomed.current = true;
          onZoom(sel.fromMs, sel.toMs);
        }
      },
    },
    onClickCapture: (e: MouseEvent) => {
      if (justZoomed.current) {
        justZoomed.current = false;
        e.stopPropagation();
      }
    },
  };
}
