'use client';

import type { ReactNode } from 'react';
import { IntentLink } from './intent-link';
import { useSearchParams } from 'next/navigation';
import { serviceHref } from '@/lib/views/service-href';

/**
 * A service name, linked to its page with the current range. The name is rendered as text;
 * the service's colour is a swatch beside it, never the text's colour (light palette colours
 * fail contrast as text, issue 16).
 * Outside the app router (a row rendered on its own) there is no range to carry.
 */
export function ServiceLink({ name, color, className = '', children }: { name: string; color?: string; className?: string; children?: ReactNode }) {
  const params = useSearchParams() as URLSearchParams | null;
  const range = new URLSearchParams();
  for (const k of ['from', 'to']) {
    const v = params?.get(k);
    if (v) range.set(k, v);
  }
  // Prefetched on intent only: a list of search results names hundreds of services (docs/search-api.md, "Pages").
  return (
    <IntentLink href={serviceHref(name, range.toString())} className={`hover:underline ${className}`} data-testid="service-link" title={children === undefined ? name : `${name}: its service page`}>
      {color && <span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full align-middle" style={{ backgroundColor: color }} />}
      {children ?? name}
    </IntentLink>
  );
}
