'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { useSearchParams } from 'next/navigation';
import { serviceHref } from '@/lib/views/service-href';

/**
 * A service name, linked to its page with the current range. The name is rendered as text.
 * Outside the app router (a row rendered on its own) there is no range to carry.
 */
export function ServiceLink({ name, color, className = '', children }: { name: string; color?: string; className?: string; children?: ReactNode }) {
  const params = useSearchParams() as URLSearchParams | null;
  const range = new URLSearchParams();
  for (const k of ['from', 'to']) {
    const v = params?.get(k);
    if (v) range.set(k, v);
  }
  // Not prefetched: a list of search results names hundreds of services (docs/search-api.md, "Pages").
  return (
    <Link href={serviceHref(name, range.toString())} prefetch={false} className={`hover:underline ${className}`} data-testid="service-link" title={children === undefined ? name : `${name}: its service page`} style={color ? { color } : undefined}>
      {children ?? name}
    </Link>
  );
}
