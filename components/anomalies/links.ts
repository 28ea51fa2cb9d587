/**
 * The links of a finding as the page renders them: trace links carry the checked range
 * (`/trace/<id>?from&to`), explore links keep the query and range the detector gave them,
 * and anything that is not an app-relative path is dropped (hrefs are data, not trusted).
 */
import type { Anomaly } from '@/lib/model/anomaly';
import { withLinkRange, type LinkRange } from '@/lib/routes';

export type FindingLinkKind = 'trace' | 'explore' | 'other';

export interface FindingLink {
  label: string;
  href: string;
  kind: FindingLinkKind;
}

/** `/x…` but not `//host` or `/\host`, which browsers treat as another origin. */
export const isAppPath = (href: string): boolean => /^\/(?![/\\])/.test(href) && !/[\u0000-\u001f]/.test(href);

/**
 * `range`: the checked range, and in `link` the range links should carry (lib/routes.ts
 * linkRange: the view's relative range when it had one, so the next page stays live).
 */
export function findingLinks(a: Pick<Anomaly, 'links'>, range: { from: string; to: string; link?: LinkRange | null } | null): FindingLink[] {
  const out: FindingLink[] = [];
  const carry: LinkRange | null = range ? (range.link ?? { from: range.from, to: range.to, relative: false }) : null;
  for (const link of a.links ?? []) {
    if (typeof link?.href !== 'string' || !isAppPath(link.href)) continue;
    const url = new URL(link.href, 'http://app.invalid');
    const kind: FindingLinkKind = url.pathname.startsWith('/trace/') ? 'trace' : url.pathname === '/explore' ? 'explore' : 'other';
    const href = `${url.pathname}${url.search}`;
    // The trace page looks the trace up inside the range; explore links carry the finding's window, which a live range replaces.
    out.push({ label: String(link.label ?? ''), href: kind === 'other' ? href : withLinkRange(href, carry), kind });
  }
  return out;
}

/** Links that lead somewhere else than the trace page being shown (its own "Open trace" is noise). */
export function linksAwayFrom(links: readonly FindingLink[], currentTraceId: string): FindingLink[] {
  const self = `/trace/${encodeURIComponent(currentTraceId)}`.toLowerCase();
  return links.filter((l) => l.kind !== 'trace' || l.href.split('?')[0].toLowerCase() !== self);
}
