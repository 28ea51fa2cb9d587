import { classifyAllowEntry, makeEgressPolicy, type EgressPolicy } from './egress-policy';

/** Parsing of the digest egress and secret-binding variables for lib/config.ts (docs/security.md). */

export const list = (v: string | undefined) => (v ?? '').split(/[\s,]+/).filter(Boolean);

/** `REF=id1 id2;REF2=id3` → {REF: [id1, id2], REF2: [id3]}. */
export function secretBindings(raw: string | undefined, problems: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of (raw ?? '').split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Z0-9_]{1,64})=(.*)$/.exec(part);
    if (!m) problems.push(`DIGEST_SECRET_BINDINGS: "${part.slice(0, 60)}" is not REF=scheduleId[ scheduleId…]`);
    else out[m[1]] = list(m[2]);
  }
  return out;
}

export function egressPolicy(e: { DIGEST_EGRESS_ALLOW?: string; DIGEST_SLACK_HOSTS?: string; DIGEST_MAIL_DOMAINS?: string; DIGEST_MAIL_FROM: string }, problems: string[]): EgressPolicy {
  const allow = list(e.DIGEST_EGRESS_ALLOW);
  for (const a of allow) if (!classifyAllowEntry(a)) problems.push(`DIGEST_EGRESS_ALLOW: "${a.slice(0, 60)}" is not an address, CIDR or host name`);
  const fromDomain = /@([^@\s>]+)>?\s*$/.exec(e.DIGEST_MAIL_FROM)?.[1];
  const mailDomains = e.DIGEST_MAIL_DOMAINS ? list(e.DIGEST_MAIL_DOMAINS) : fromDomain ? [fromDomain] : [];
  return makeEgressPolicy({ allow: allow.filter((a) => classifyAllowEntry(a)), slackHosts: list(e.DIGEST_SLACK_HOSTS), mailDomains });
}
