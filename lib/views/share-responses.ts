import { MESSAGE_FOR_STATE, STATUS_FOR_STATE, type ShareState } from './tokens';

/**
 * The HTTP answers of a share link (`/s/{token}`). Every one of them keeps the token out
 * of Referer headers and out of search indexes. Error pages are static text: they carry
 * nothing about the view or its data.
 */

export const SHARE_HEADERS: Record<string, string> = {
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex, nofollow',
  'cache-control': 'no-store',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `nonce`: the request's CSP nonce (proxy.ts hands it over as x-nonce), which the page's one style element needs. */
export function shareErrorPage(state: Exclude<ShareState, 'ok'>, nonce: string | null = null): Response {
  const { title, detail } = MESSAGE_FOR_STATE[state];
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex, nofollow"><meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Triangulate</title>
<style${nonce ? ` nonce="${escapeHtml(nonce)}"` : ''}>body{font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#1e293b}h1{font-size:1.3rem}p{color:#475569}a{color:#0284c7}</style>
</head><body><main data-testid="share-error" data-state="${state}">
<h1>${escapeHtml(title)}</h1><p>${escapeHtml(detail)}</p><p><a href="/">Open Triangulate</a></p>
</main></body></html>`;
  return new Response(html, { status: STATUS_FOR_STATE[state], headers: { ...SHARE_HEADERS, 'content-type': 'text/html; charset=utf-8' } });
}

/** A site-relative redirect (the view path was validated to stay on this site when saved). */
export function shareRedirect(location: string): Response {
  return new Response(null, { status: 303, headers: { ...SHARE_HEADERS, location } });
}

