/**
 * The links of a finding as the page renders them: trace links carry the checked range
 * (`/trace/<id>?from&to`), explore links keep the query and range the detector gave them,
 * and anything that is not an app-relative path is dropped (hrefs are data, not trusted).
 */
import type { Anomaly } from '@/lib/model/anomaly';

export type FindingLinkKind = 'trace' | 'explore' | 'other';

export interface FindingLink {
  label: string;
  href: string;
  kind: FindingLinkKind;
}

/** `/x…` but not `//host` or `/\host`, which browsers treat as another origin. */
export const isAppPath = (href: string): boolean => /^\/(?![/\\])/.test(href) && !/[\u0000-\u001f]/.test(href);

export function findingLinks(a: Pick<Anomaly, 'links'>, range: { from: string; to: string } | null): FindingLink[] {
  const out: FindingLink[] = [];
  for (const link of a.links ?? []) {
    if (typeof link?.href !== 'string' || !isAppPath(link.href)) continue;
    const url = new URL(link.href, 'http://app.invalid');
    const kind: FindingLinkKind = url.pathname.startsWith('/trace/') ? 'trace' : url.pathname === '/explore' ? 'explore' : 'other';
    if (range && kind !== 'other') {
      // The trace page looks the trace up inside the range; explore links normally carry one already.
      if (!url.searchParams.has('from')) url.searchParams.set('from', range.from);
      if (!url.searchParams.has('to')) url.searchParams.set('to', range.to);
    }
    out.push({ label: String(link.label ?? ''), href: `${url.pathname}${url.search}`, kind });
  }
  return out;
}

/** Links that lead somewhere else than the trace page being shown (its own "Open trace" is noise). */
export function linksAwayFrom(links: readonly FindingLink[], currentTraceId: string): FindingLink[] {
  const self = `/trace/${encodeURIComponent(currentTraceId)}`.toLowerCase();
  return links.filter((l) => l.kind !== 'trace' || l.href.split('?')[0].toLowerCase() !== self);
}
