'use client';

import { usePathname } from 'next/navigation';
import { HeaderTools } from './header-tools';
import { SourcePills } from './source-pills';
import { TimeRangePicker } from './time-range-picker';
import { TraceSearch } from './trace-search';
import { UserMenu } from './user-menu';
import { useRangeQuery } from './url-state';
import { PAGES } from '@/lib/routes';
import { IntentLink } from '@/components/ui/intent-link';

const NAV = [
  { href: PAGES.overview, label: 'Overview' },
  { href: PAGES.traces, label: 'Traces' },
  { href: PAGES.map, label: 'Map' },
  { href: PAGES.explore, label: 'Explore' },
  { href: PAGES.anomalies, label: 'Anomalies' },
  { href: PAGES.views, label: 'Views' },
  { href: PAGES.digests, label: 'Digests' },
];

export function AppHeader() {
  const pathname = usePathname();
  const range = useRangeQuery();
  return (
    <header className="sticky top-0 z-40 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2 px-4 py-2">
        <IntentLink href={`/?${range}`} className="text-lg font-bold tracking-tight">
          <span className="text-sky-600 dark:text-sky-400">▲</span> Triangulate
        </IntentLink>
        <nav aria-label="Main" className="flex gap-1 text-sm">
          {NAV.map((n) => {
            const active = n.href === '/' ? pathname === '/' : pathname.startsWith(n.href);
            return (
              <IntentLink
                key={n.href}
                href={`${n.href}?${range}`}
                aria-current={active ? 'page' : undefined}
                className={`rounded px-2 py-1 ${active ? 'bg-slate-200 font-semibold dark:bg-slate-800' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
              >
                {n.label}
              </IntentLink>
            );
          })}
        </nav>
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <TraceSearch />
          <TimeRangePicker />
          <HeaderTools />
          <SourcePills />
          <UserMenu />
        </div>
      </div>
    </header>
  );
}
