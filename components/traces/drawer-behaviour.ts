'use client';

import { useLayoutEffect, useState } from 'react';

/**
 * Where a side drawer starts so it does not cover the app header (search, time picker): the
 * header's bottom edge, followed as the header wraps or the page scrolls (it is sticky).
 */
export function useBelowHeader(): number {
  const [top, setTop] = useState(0);
  useLayoutEffect(() => {
    const header = document.querySelector('body header');
    if (!header) return;
    const measure = () => setTop(Math.max(0, Math.round(header.getBoundingClientRect().bottom)));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(header);
    window.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  }, []);
  return top;
}
