import { BlockList, isIP } from 'node:net';

/**
 * Where digests may send (docs/security.md, "Egress"). Pure: the DNS lookup and the
 * pinned connect live in lib/net/egress-connect.ts.
 *
 * - Loopback, private, link-local, CGNAT, multicast and reserved addresses are denied
 *   unless a listed CIDR (or address) covers them.
 * - Listed host names (`hooks.example.com`, `*.example.com`) make the allow-list strict:
 *   once one is listed, every other host is refused. With none listed, any host whose
 *   addresses are all public is allowed.
 * - Slack channels must point at a Slack host; e-mail recipients at a listed domain.
 */

export interface EgressPolicy {
  /** Host patterns (lower case, `*.` prefix for subdomains); empty: any public host. */
  hosts: string[];
  /** Address ranges allowed even though they are private/loopback/link-local. */
  cidrs: string[];
  slackHosts: string[];
  mailDomains: string[];
}

const DENIED_V4 = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24', '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4'];
const DENIED_V6 = ['::/128', '::1/128', '64:ff9b::/96', '100::/64', '2001:db8::/32', 'fc00::/7', 'fe80::/10', 'fec0::/10', 'ff00::/8'];

export const DEFAULT_SLACK_HOSTS = ['hooks.slack.com'];

function addRange(list: BlockList, cidr: string): boolean {
  const [addr, bits] = cidr.split('/');
  const family = isIP(addr);
  if (!family) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (bits === undefined) {
    list.addAddress(addr, type);
    return true;
  }
  const prefix = Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) return false;
  list.addSubnet(addr, prefix, type);
  return true;
}

const DENIED = new BlockList();
for (const c of DENIED_V4) addRange(DENIED, c);
for (const c of DENIED_V6) addRange(DENIED, c);

/** `::ffff:10.0.0.1` and `::ffff:a00:1` are 10.0.0.1: judged as the IPv4 address they carry. */
function unmapV4(ip: string): string | null {
  const m = /^::ffff:(?:0:)?(.+)$/i.exec(ip);
  if (!m) return null;
  if (isIP(m[1]) === 4) return m[1];
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(m[1]);
  if (!hex) return null;
  const n = (parseInt(hex[1], 16) << 16) | parseInt(hex[2], 16);
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** An entry of DIGEST_EGRESS_ALLOW: an address, a CIDR, a host name or `*.domain`. */
export function classifyAllowEntry(entry: string): 'cidr' | 'host' | null {
  const e = entry.trim().toLowerCase();
  if (!e) return null;
  const [addr, bits] = e.split('/');
  if (isIP(addr)) return addRange(new BlockList(), e) ? 'cidr' : null;
  if (bits !== undefined) return null;
  return /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(e) ? 'host' : null;
}

export function makeEgressPolicy(opts: { allow?: readonly string[]; slackHosts?: readonly string[]; mailDomains?: readonly string[] }): EgressPolicy {
  const hosts: string[] = [];
  const cidrs: string[] = [];
  for (const raw of opts.allow ?? []) {
    const e = raw.trim().toLowerCase();
    const kind = classifyAllowEntry(e);
    if (kind === 'cidr') cidrs.push(e);
    else if (kind === 'host') hosts.push(e);
    else throw new Error(`not an address, CIDR or host name: "${raw.slice(0, 80)}"`);
  }
  const lower = (xs: readonly string[] | undefined) => (xs ?? []).map((x) => x.trim().toLowerCase()).filter(Boolean);
  return { hosts, cidrs, slackHosts: opts.slackHosts?.length ? lower(opts.slackHosts) : DEFAULT_SLACK_HOSTS, mailDomains: lower(opts.mailDomains) };
}

const matchesHost = (pattern: string, host: string) => (pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern);

/** Brackets off (`[::1]` → `::1`), lower case, no trailing dot. */
export const normalizeHost = (host: string) => host.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();

/** Whether the host name itself may be contacted (before its addresses are looked at). */
export function hostProblem(policy: EgressPolicy, rawHost: string): string | null {
  const host = normalizeHost(rawHost);
  if (policy.hosts.length === 0 || isIP(host)) return null;
  return policy.hosts.some((p) => matchesHost(p, host)) ? null : `host ${host} is not in DIGEST_EGRESS_ALLOW`;
}

/** Why an address may not be contacted, or null when it may. */
export function addressProblem(policy: EgressPolicy, ip: string): string | null {
  const family = isIP(ip);
  if (!family) return 'not an IP address';
  const v4 = family === 6 ? unmapV4(ip) : ip;
  const addr = v4 ?? ip;
  const type = v4 ? 'ipv4' : 'ipv6';
  if (!DENIED.check(addr, type)) return null;
  const allowed = new BlockList();
  for (const c of policy.cidrs) addRange(allowed, c);
  if (allowed.check(addr, type)) return null;
  return 'a private, loopback or link-local address';
}

/** An IP literal as the URL host is judged by both rules, so a listed CIDR is enough for it. */
export function urlProblem(policy: EgressPolicy, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'not an http(s) URL';
  if (u.username || u.password) return 'credentials in the URL are not allowed';
  const host = normalizeHost(u.hostname);
  if (isIP(host)) return addressProblem(policy, host);
  return hostProblem(policy, host);
}

export function slackProblem(policy: EgressPolicy, url: string): string | null {
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:') return 'a Slack webhook URL must use https';
    return policy.slackHosts.includes(normalizeHost(u.hostname)) ? null : `a Slack webhook URL must point at ${policy.slackHosts.join(' or ')}`;
  } catch {
    return 'not a URL';
  }
}

/** Recipients outside the allowed mail domains (subdomains of a listed domain count). */
export function recipientsOutside(policy: EgressPolicy, to: readonly string[]): string[] {
  return to.filter((addr) => {
    const domain = addr.slice(addr.lastIndexOf('@') + 1).toLowerCase();
    return !policy.mailDomains.some((d) => domain === d || domain.endsWith(`.${d}`));
  });
}

/** Every channel problem of a schedule, as `channels.N.field: reason` (validated when saved and again when sent). */
export function channelProblems(policy: EgressPolicy, channels: readonly ({ type: 'webhook' | 'slack'; url: string } | { type: 'email'; to: string[] })[]): string[] {
  const out: string[] = [];
  channels.forEach((c, i) => {
    if (c.type === 'email') {
      const bad = recipientsOutside(policy, c.to);
      if (bad.length) out.push(`channels.${i}.to: ${bad.slice(0, 3).join(', ')} outside the allowed mail domains (DIGEST_MAIL_DOMAINS)`);
      return;
    }
    const p = c.type === 'slack' ? (slackProblem(policy, c.url) ?? urlProblem(policy, c.url)) : urlProblem(policy, c.url);
    if (p) out.push(`channels.${i}.url: ${p}`);
  });
  return out;
}
