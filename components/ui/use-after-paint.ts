'use client';

import { useEffect, useState } from 'react';

/** Longest wait: a hidden tab runs no animation frames, and then nothing is painted anyway. */
const FALLBACK_MS = 300;

/**
 * True once the browser has painted a frame after `ready` became true (an animation frame,
 * then a task: the task runs after that frame's paint). Lets heavy work that can wait (parsing
 * a large answer) start after what the user is waiting for is on screen.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    let task: ReturnType<typeof setTimeout> | undefined;
    const done = () => setPainted(true);
    const frame = requestAnimationFrame(() => (task = setTimeout(done, 0)));
    const fallback = setTimeout(done, FALLBACK_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(task);
      clearTimeout(fallback);
    };
  }, [ready, painted]);
  return painted;
}
