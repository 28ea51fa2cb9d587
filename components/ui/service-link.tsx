'use client';

import Link from 'next/link';
import { useRangeQuery } from '@/components/shell/url-state';
import { serviceHref } from '@/lib/views/service-href';

/** A service name, linked to its page with the current range. The name is rendered as text. */
export function ServiceLink({ name, color, className = '' }: { name: string; color?: string; className?: string }) {
  const range = useRangeQuery();
  return (
    <Link href={serviceHref(name, range)} className={`hover:underline ${className}`} data-testid="service-link" title={name} style={color ? { color } : undefined}>
      {name}
    </Link>
  );
}
