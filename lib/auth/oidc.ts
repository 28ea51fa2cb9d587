import * as client from 'openid-client';
import type { AuthConfig, OidcConfig } from './auth-config';
import { isLoopbackHost } from './auth-config';
import { roleFromGroups, type User } from './roles';

/**
 * OpenID Connect sign-in through `openid-client` (authorization code + PKCE + nonce).
 * The only code here that talks to the provider; cookie sealing is in seal.ts and the
 * routes under app/auth/. Flow and settings: docs/security.md, "Sign-in and roles".
 */

/** What the login cookie carries from /auth/login to /auth/callback. */
export interface LoginState {
  verifier: string;
  state: string;
  nonce: string;
  next: string;
}

let discovered: { key: string; config: Promise<client.Configuration> } | null = null;

/** The provider's metadata, discovered once per issuer/client and retried after a failure. */
export function providerConfig(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}\n${oidc.clientId}`;
  if (discovered?.key === key) return discovered.config;
  const issuer = new URL(oidc.issuer);
  // Plain http only for a provider on this machine (development and the integration test).
  const insecure = issuer.protocol === 'http:' && isLoopbackHost(issuer.hostname.replace(/^\[|\]$/g, ''));
  const config = client.discovery(issuer, oidc.clientId, oidc.clientSecret ?? undefined, oidc.clientSecret ? undefined : client.None(), insecure ? { execute: [client.allowInsecureRequests] } : undefined);
  config.catch(() => {
    if (discovered?.config === config) discovered = null;
  });
  discovered = { key, config };
  return config;
}

export const callbackUrl = (publicUrl: string) => `${publicUrl}/auth/callback`;

/** Only a path of this app may follow sign-in (no open redirect through `next`). */
export const safeNext = (next: string | null): string => (next && /^\/(?![/\\])/.test(next) ? next : '/');

export async function beginLogin(oidc: OidcConfig, publicUrl: string, next: string | null): Promise<{ url: URL; login: LoginState }> {
  const config = await providerConfig(oidc);
  const verifier = client.randomPKCECodeVerifier();
  const login: LoginState = { verifier, state: client.randomState(), nonce: client.randomNonce(), next: safeNext(next) };
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(publicUrl),
    scope: oidc.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: login.state,
    nonce: login.nonce,
  });
  return { url, login };
}

export type LoginResult = { ok: true; user: User } | { ok: false; reason: string };

/** Exchange the code (checking state, nonce and PKCE), then map the user's groups to a role. */
export async function finishLogin(auth: AuthConfig, publicUrl: string, currentUrl: URL, login: LoginState): Promise<LoginResult> {
  const oidc = auth.oidc!;
  const config = await providerConfig(oidc);
  const tokens = await client.authorizationCodeGrant(config, currentUrl, {
    pkceCodeVerifier: login.verifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
    idTokenExpected: true,
  });
  const claims = tokens.claims()!;
  let groups = groupsOf(claims[oidc.groupsClaim]);
  let profile: Record<string, unknown> = claims;
  if (groups === null && tokens.access_token) {
    // Many providers put groups only in userinfo.
    profile = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    groups = groupsOf(profile[oidc.groupsClaim]);
  }
  const name = String(profile.name ?? profile.preferred_username ?? profile.email ?? claims.sub).slice(0, 200);
  const role = roleFromGroups(groups ?? [], auth.roles);
  if (!role) return { ok: false, reason: `${name} signed in but is in no group that grants a role here` };
  return { ok: true, user: { id: `oidc:${claims.sub}`, name, role, via: 'oidc' } };
}

function groupsOf(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.filter((g): g is string => typeof g === 'string');
  if (typeof value === 'string') return value.split(',').map((g) => g.trim()).filter(Boolean);
  return null;
}
