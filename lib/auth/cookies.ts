import type { AuthConfig } from './auth-config';

/**
 * Cookie names and attributes. HttpOnly and SameSite=Lax always; Secure and the __Host-
 * prefix (no Domain, Path=/) when PUBLIC_URL is https (docs/security.md).
 */

export const sessionCookieName = (auth: Pick<AuthConfig, 'secureCookies'>) => (auth.secureCookies ? '__Host-triangulate-session' : 'triangulate-session');
export const loginCookieName = (auth: Pick<AuthConfig, 'secureCookies'>) => (auth.secureCookies ? '__Host-triangulate-login' : 'triangulate-login');

export function cookieHeader(name: string, value: string, maxAgeS: number, auth: Pick<AuthConfig, 'secureCookies'>): string {
  const parts = [`${name}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${Math.max(0, Math.floor(maxAgeS))}`];
  if (auth.secureCookies) parts.push('Secure');
  return parts.join('; ');
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}
