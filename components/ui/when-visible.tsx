'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * Renders `children` once the placeholder comes near the viewport, so heavy below-the-fold
 * parts (charts) neither load their code nor render before what the user looks at first.
 */
export function WhenVisible({ children, placeholder, margin = '100px' }: { children: ReactNode; placeholder: ReactNode; margin?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || visible) return;
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setVisible(true), { rootMargin: margin });
    io.observe(el);
    return () => io.disconnect();
  }, [visible, margin]);
  return <div ref={ref}>{visible ? children : placeholder}</div>;
}
