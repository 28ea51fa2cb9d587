'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { ComponentProps } from 'react';

/** The app router, or null for a link rendered outside one (a row rendered on its own in a test). */
function useOptionalRouter(): ReturnType<typeof useRouter> | null {
  try {
    return useRouter();
  } catch {
    return null;
  }
}

/**
 * A link that prefetches its page only when pointed at or focused, never when it scrolls into
 * view. For long lists (findings, incidents, search results): viewport prefetching of every
 * trace link on Overview and Anomalies sent hundreds of requests that were aborted (issue 16).
 * For the header's page links too: prefetched on every page load, they were 21 requests (three
 * per link) that the server rendered while it built the trace page's stream.
 */
export function IntentLink({ href, onMouseEnter, onFocus, ...props }: Omit<ComponentProps<typeof Link>, 'prefetch' | 'href'> & { href: string }) {
  const router = useOptionalRouter();
  const prefetch = () => router?.prefetch(href);
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(e) => {
        prefetch();
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        prefetch();
        onFocus?.(e);
      }}
    />
  );
}
