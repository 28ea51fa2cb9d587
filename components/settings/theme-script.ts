/**
 * The dark-mode class goes on <html> before the first paint, so a dark page never flashes
 * white: a tiny inline script in the root layout, run with the request's CSP nonce
 * (proxy.ts; docs/security.md, "CSP"). It mirrors applyTheme (theme.ts).
 */
export type ThemeChoice = 'light' | 'dark' | 'system';
export const THEME_KEY = 'triangulate.theme';

export const THEME_SCRIPT = `(function(){try{var c=localStorage.getItem(${JSON.stringify(THEME_KEY)});if(c!=='light'&&c!=='dark')c='system';var d=c==='dark'||(c==='system'&&window.matchMedia('(prefers-color-scheme: dark)').matches);var r=document.documentElement;if(d)r.classList.add('dark');r.style.colorScheme=d?'dark':'light';r.dataset.theme=c;}catch(e){}})();`;
