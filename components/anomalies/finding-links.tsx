import { IntentLink } from '@/components/ui/intent-link';
import type { Anomaly } from '@/lib/model/anomaly';
import { findingLinks } from './links';

const TEST_IDS = { trace: 'anomaly-trace-link', explore: 'anomaly-explore-link', other: 'anomaly-link' } as const;

/** The finding's links into /trace and /explore, carrying the checked range. Labels are text. */
export function FindingLinks({ anomaly, range }: { anomaly: Anomaly; range: Parameters<typeof findingLinks>[1] }) {
  const links = findingLinks(anomaly, range);
  if (links.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs">
      {links.map((l, i) => (
        <li key={`${i}-${l.href}`}>
          <IntentLink href={l.href} data-testid={TEST_IDS[l.kind]} className="text-sky-700 underline-offset-2 hover:underline dark:text-sky-400">
            {l.kind === 'trace' ? '↗ ' : l.kind === 'explore' ? '⌕ ' : ''}
            {l.label}
          </IntentLink>
        </li>
      ))}
    </ul>
  );
}
