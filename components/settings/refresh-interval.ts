/**
 * How often a page refetches its data: a choice in the URL (`refresh=off|10s|30s|1m|5m`), so
 * a shared link refreshes like the sender's page. Without one, the Overview refreshes every
 * minute (it is the page left open on a wall screen) and every other page not at all. Pure.
 */
export const REFRESH_CHOICES = ['off', '10s', '30s', '1m', '5m'] as const;
export type RefreshChoice = (typeof REFRESH_CHOICES)[number];

const MS: Record<RefreshChoice, number | null> = { off: null, '10s': 10_000, '30s': 30_000, '1m': 60_000, '5m': 300_000 };
const WORDS: Record<RefreshChoice, string> = { off: 'Off', '10s': 'every 10 seconds', '30s': 'every 30 seconds', '1m': 'every minute', '5m': 'every 5 minutes' };

export const isRefreshChoice = (v: unknown): v is RefreshChoice => typeof v === 'string' && (REFRESH_CHOICES as readonly string[]).includes(v);

/** The page's default when the URL has no choice. */
export const defaultRefresh = (pathname: string): RefreshChoice => (pathname === '/' ? '1m' : 'off');

/** The choice in effect: the URL's when it is one of the choices, else the page's default. */
export function effectiveRefresh(param: string | null, pathname: string): RefreshChoice {
  return isRefreshChoice(param) ? param : defaultRefresh(pathname);
}

export const refreshMs = (choice: RefreshChoice): number | null => MS[choice];
/** "every minute", for "refreshes every minute". */
export const refreshWords = (choice: RefreshChoice): string => WORDS[choice];
