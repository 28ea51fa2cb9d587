import type { DigestConfig } from '../config';
import type { Resolve } from '../net/egress-connect';
import { channelProblems, type EgressPolicy } from '../net/egress-policy';
import { sendEmail, type MailConfig } from './channels/email';
import { DeliveryError, describeUrl } from './channels/http-post';
import { sendSlack } from './channels/slack';
import { sendWebhook } from './channels/webhook';
import type { RenderedDigest, StoredChannel } from './types';

/** Sends a rendered digest to one channel, retrying with exponential backoff, bounded. */

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 2_000, maxDelayMs: 30_000 };

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export type RetryOutcome = { ok: true; attempts: number } | { ok: false; attempts: number; error: string };

/** Delay before retry n (1-based): base·2^(n-1), capped. */
export const backoffMs = (policy: RetryPolicy, retry: number): number => Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));

export async function withRetry(op: () => Promise<void>, policy: RetryPolicy, sleep: Sleep): Promise<RetryOutcome> {
  let last = 'not attempted';
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    try {
      await op();
      return { ok: true, attempts: attempt };
    } catch (e) {
      last = (e as Error).message || String(e);
      const retryable = !(e instanceof DeliveryError) || e.retryable;
      if (!retryable) return { ok: false, attempts: attempt, error: last };
      if (attempt < policy.attempts) await sleep(backoffMs(policy, attempt));
    }
  }
  return { ok: false, attempts: policy.attempts, error: `gave up after ${policy.attempts} attempts: ${last}` };
}

export interface ChannelDeps {
  mail: MailConfig | null;
  /** The HMAC key of a webhook channel of a schedule: its stored secret, or DIGEST_SECRET_<secretRef> when bound to the schedule. */
  webhookSecret: (channel: Extract<StoredChannel, { type: 'webhook' }>, scheduleId: string) => string | null;
  /** Where channels may send (lib/net/egress-policy, DIGEST_EGRESS_ALLOW and friends). */
  egress: EgressPolicy;
  /** DNS resolution of webhook hosts (tests inject a stub). */
  resolve?: Resolve;
  timeoutMs?: number;
  /** Signing time; defaults to the real clock. */
  now?: () => number;
}

export async function sendToChannel(channel: StoredChannel, r: RenderedDigest, delivery: { id: string; scheduleId: string }, deps: ChannelDeps): Promise<void> {
  // Checked again at send time: a schedule stored before the policy (or a tightened one) must not slip through.
  const problem = channelProblems(deps.egress, [channel])[0];
  if (problem) throw new DeliveryError(`delivery refused: ${problem.replace(/^channels\.0\.\w+: /, '')}`, false);
  const opts = { egress: deps.egress, resolve: deps.resolve, timeoutMs: deps.timeoutMs };
  switch (channel.type) {
    case 'webhook': {
      const secret = deps.webhookSecret(channel, delivery.scheduleId);
      if (channel.secretRef && !secret) throw new DeliveryError(`secret ${channel.secretRef} is not available to this schedule (DIGEST_SECRET_${channel.secretRef} unset or not bound in DIGEST_SECRET_BINDINGS)`, false);
      return sendWebhook({ url: channel.url, secret, deliveryId: delivery.id, nowMs: deps.now ?? Date.now }, r, opts);
    }
    case 'slack':
      return sendSlack(channel.url, r, opts);
    case 'email':
      return sendEmail(deps.mail, channel.to, r);
  }
}

/** Where a channel delivers, safe to show (no query strings, no Slack token path). */
export function channelTarget(channel: StoredChannel): string {
  switch (channel.type) {
    case 'webhook':
      return describeUrl(channel.url, true);
    case 'slack':
      return describeUrl(channel.url, false);
    case 'email':
      return channel.to.join(', ');
  }
}

/** The channel configuration of this process (lib/config: SMTP_URL, DIGEST_MAIL_FROM, DIGEST_SECRET_<REF>, DIGEST_SECRET_BINDINGS, egress). */
export function channelDepsFromConfig(cfg: Pick<DigestConfig, 'smtpUrl' | 'mailFrom' | 'secrets' | 'secretBindings' | 'egress'>): ChannelDeps {
  return {
    mail: cfg.smtpUrl ? { url: cfg.smtpUrl, from: cfg.mailFrom } : null,
    egress: cfg.egress,
    webhookSecret: (c, scheduleId) => {
      if (c.secret) return c.secret;
      if (!c.secretRef) return null;
      // Own-property lookups: a secretRef such as "constructor" must not find Object.prototype members.
      if (!Object.hasOwn(cfg.secrets, c.secretRef) || !Object.hasOwn(cfg.secretBindings, c.secretRef)) return null;
      // Seam for roles (docs/security.md, "Digests"): today an operator binds a secret to schedules in config.
      return cfg.secretBindings[c.secretRef].includes(scheduleId) ? cfg.secrets[c.secretRef] : null;
    },
  };
}
