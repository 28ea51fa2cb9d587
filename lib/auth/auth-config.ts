import { z } from 'zod';
import { ROLES, type RoleMapping } from './roles';

/**
 * The sign-in part of the environment (AUTH_*, OIDC_*, SESSION_*), parsed by
 * lib/config.ts at start-up. Modes and variables: docs/security.md.
 */

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** null: a public client (PKCE only, token endpoint auth "none"). */
  clientSecret: string | null;
  scopes: string;
  groupsClaim: string;
}

export interface ProxyAuthConfig {
  /** Addresses or CIDR ranges of the trusted proxy; the identity header is ignored from anyone else. */
  trusted: string[];
  userHeader: string;
  groupsHeader: string;
  nameHeader: string | null;
  /** Where the header's sign-out control sends people (the proxy ends its own session); null: no control. */
  signOutUrl: string | null;
}

export interface AuthConfig {
  mode: 'none' | 'oidc' | 'proxy';
  roles: RoleMapping;
  /** Key material for session and login cookies (oidc). */
  sessionSecret: string | null;
  sessionMaxAgeS: number;
  /** Cookies get `Secure` (and the __Host- prefix) when PUBLIC_URL is https. */
  secureCookies: boolean;
  oidc: OidcConfig | null;
  proxy: ProxyAuthConfig | null;
}

const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));

export const authEnvSchema = z.object({
  AUTH_MODE: z.enum(['none', 'oidc', 'proxy'], 'must be none, oidc or proxy').default('none'),
  AUTH_ALLOW_NONE_ON_NETWORK: z.enum(['true', 'false'], 'must be true or false').default('false'),
  AUTH_ADMIN_GROUPS: list,
  AUTH_EDITOR_GROUPS: list,
  AUTH_VIEWER_GROUPS: list,
  AUTH_DEFAULT_ROLE: z.enum([...ROLES, 'none'], 'must be viewer, editor, admin or none').default('none'),
  SESSION_SECRET: z.string().min(32, 'must have at least 32 characters').optional(),
  SESSION_MAX_AGE_S: z.coerce.number().int().min(60).max(30 * 86_400).default(8 * 3600),
  OIDC_ISSUER: z.string().trim().url().optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().trim().default('openid profile email'),
  OIDC_GROUPS_CLAIM: z.string().trim().min(1).default('groups'),
  AUTH_PROXY_TRUSTED: list,
  AUTH_PROXY_USER_HEADER: z.string().trim().toLowerCase().default('x-forwarded-user'),
  AUTH_PROXY_GROUPS_HEADER: z.string().trim().toLowerCase().default('x-forwarded-groups'),
  AUTH_PROXY_NAME_HEADER: z.string().trim().toLowerCase().optional(),
  AUTH_PROXY_SIGN_OUT_URL: z
    .string()
    .trim()
    .refine((v) => /^\/(?!\/)/.test(v) || /^https?:\/\//.test(v), 'must be a path of this site (/oauth2/sign_out) or an http(s) URL')
    .optional(),
});

export type AuthEnv = z.infer<typeof authEnvSchema>;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOSTS.has(host) || /^127\./.test(host);

/** Build the auth config, or the problems (each naming its variable). */
export function authConfigFrom(e: AuthEnv, host: string, publicUrl: string): { auth: AuthConfig; problems: string[] } {
  const problems: string[] = [];
  if (e.AUTH_MODE === 'none' && !isLoopbackHost(host) && e.AUTH_ALLOW_NONE_ON_NETWORK !== 'true') {
    problems.push(`AUTH_MODE: "none" (no sign-in) is refused on HOST=${host}; set AUTH_MODE=oidc or proxy, or AUTH_ALLOW_NONE_ON_NETWORK=true to accept an open dashboard`);
  }
  let oidc: OidcConfig | null = null;
  if (e.AUTH_MODE === 'oidc') {
    if (!e.OIDC_ISSUER) problems.push('OIDC_ISSUER: required when AUTH_MODE=oidc');
    if (!e.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID: required when AUTH_MODE=oidc');
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET: required when AUTH_MODE=oidc (at least 32 random characters)');
    if (e.OIDC_ISSUER && !e.OIDC_ISSUER.startsWith('https://') && !isLoopbackHost(new URL(e.OIDC_ISSUER).hostname.replace(/^\[|\]$/g, ''))) {
      problems.push('OIDC_ISSUER: must be https:// (plain http only for a provider on this machine)');
    }
    if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID) {
      oidc = { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET ?? null, scopes: e.OIDC_SCOPES, groupsClaim: e.OIDC_GROUPS_CLAIM };
    }
  }
  let proxy: ProxyAuthConfig | null = null;
  if (e.AUTH_MODE === 'proxy') {
    if (!e.AUTH_PROXY_TRUSTED.length) problems.push('AUTH_PROXY_TRUSTED: required when AUTH_MODE=proxy (the proxy\'s addresses or CIDR ranges)');
    const bad = e.AUTH_PROXY_TRUSTED.filter((a) => !parseCidr(a));
    if (bad.length) problems.push(`AUTH_PROXY_TRUSTED: not an IP address or CIDR range: ${bad.join(', ')}`);
    proxy = { trusted: e.AUTH_PROXY_TRUSTED, userHeader: e.AUTH_PROXY_USER_HEADER, groupsHeader: e.AUTH_PROXY_GROUPS_HEADER, nameHeader: e.AUTH_PROXY_NAME_HEADER ?? null, signOutUrl: e.AUTH_PROXY_SIGN_OUT_URL ?? null };
  }
  const auth: AuthConfig = {
    mode: e.AUTH_MODE,
    roles: {
      admin: e.AUTH_ADMIN_GROUPS,
      editor: e.AUTH_EDITOR_GROUPS,
      viewer: e.AUTH_VIEWER_GROUPS,
      fallback: e.AUTH_DEFAULT_ROLE === 'none' ? null : e.AUTH_DEFAULT_ROLE,
    },
    sessionSecret: e.SESSION_SECRET ?? null,
    sessionMaxAgeS: e.SESSION_MAX_AGE_S,
    secureCookies: publicUrl.startsWith('https://'),
    oidc,
    proxy,
  };
  return { auth, problems };
}

/** An IPv4/IPv6 address or CIDR as [bytes, prefix bits], or null. */
export function parseCidr(text: string): { bytes: number[]; bits: number } | null {
  const [addr, prefix] = text.split('/');
  const bytes = ipBytes(addr);
  if (!bytes) return null;
  const max = bytes.length * 8;
  const bits = prefix === undefined ? max : Number(prefix);
  if (!Number.isInteger(bits) || bits < 0 || bits > max) return null;
  return { bytes, bits };
}

/** Bytes of an IPv4 or IPv6 address (IPv4-mapped IPv6 becomes IPv4), or null. */
export function ipBytes(addr: string): number[] | null {
  const a = addr.trim().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) return ipBytes(mapped[1]);
  if (/^\d+\.\d+\.\d+\.\d+$/.test(a)) {
    const parts = a.split('.').map(Number);
    return parts.every((p) => p >= 0 && p <= 255) ? parts : null;
  }
  if (!a.includes(':')) return null;
  const halves = a.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string) => (s ? s.split(':') : []);
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  const all = [...head, ...Array(Math.max(fill, 0)).fill('0'), ...tail];
  if (all.length !== 8 || !all.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return null;
  return all.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 255];
  });
}

/** Whether `addr` is inside one of the ranges. */
export function addressIn(addr: string, ranges: readonly string[]): boolean {
  const ip = ipBytes(addr);
  if (!ip) return false;
  return ranges.some((r) => {
    const c = parseCidr(r);
    if (!c || c.bytes.length !== ip.length) return false;
    for (let bit = 0; bit < c.bits; bit++) {
      const mask = 0x80 >> bit % 8;
      if ((ip[bit >> 3] & mask) !== (c.bytes[bit >> 3] & mask)) return false;
    }
    return true;
  });
}
