import type { AnomalyKind, Severity } from '@/lib/model/anomaly';
import type { ChannelInput, PublicChannel, ScheduleRecord } from '@/lib/digests/types';

/**
 * The schedule form's state and its mapping to and from the API (pure, no React).
 * Secrets are write-only: an edited schedule's form never holds them. An empty webhook
 * secret or Slack URL field means "keep what is stored", which the API understands as a
 * webhook without `secret` (same URL) and a masked Slack URL.
 */

export type FormChannel =
  | {
      type: 'webhook';
      url: string;
      /** What the user typed; empty keeps the stored secret. */
      secret: string;
      /** Key taken from DIGEST_SECRET_<secretRef> on the server; passed through unchanged. */
      secretRef?: string;
      /** The URL the stored secret belongs to (edit only): the server keeps it only for that URL. */
      storedSecretFor?: string;
    }
  | {
      type: 'slack';
      /** What the user typed; empty keeps the stored URL. */
      url: string;
      /** The masked stored URL (edit only), e.g. https://hooks.slack.com/…XyZ9. */
      storedMasked?: string;
    }
  | { type: 'email'; to: string[] };

export interface ScheduleFormState {
  name: string;
  cron: string;
  timezone: string;
  window: string;
  /** Comma- or space-separated service names; empty = all. */
  services: string;
  kinds: AnomalyKind[];
  minSeverity: Severity | '';
  skipEmpty: boolean;
  channels: FormChannel[];
}

/** What the form sends: POST on create, PATCH on edit (never `enabled`: editing keeps a pause). */
export interface ScheduleDraftBody {
  name: string;
  cron: string;
  timezone: string;
  window: string;
  filters: { services?: string[]; kinds?: AnomalyKind[]; minSeverity?: Severity };
  channels: ChannelInput[];
  skipEmpty: boolean;
}

export const WINDOW_CHOICES: readonly { value: string; label: string }[] = [
  { value: 'since_last_run', label: 'Since the last digest' },
  { value: '1h', label: 'Last hour' },
  { value: '12h', label: 'Last 12 hours' },
  { value: '24h', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
];

/** The window choices, plus the schedule's own window when it is none of them (set through the API). */
export function windowChoices(current: string): readonly { value: string; label: string }[] {
  return WINDOW_CHOICES.some((c) => c.value === current) ? WINDOW_CHOICES : [...WINDOW_CHOICES, { value: current, label: `Last ${current}` }];
}

export function newScheduleForm(timezone: string, cron: string): ScheduleFormState {
  return { name: 'Morning digest', cron, timezone, window: 'since_last_run', services: '', kinds: [], minSeverity: '', skipEmpty: false, channels: [] };
}

export function formChannelFromPublic(c: PublicChannel): FormChannel {
  switch (c.type) {
    case 'webhook':
      return {
        type: 'webhook',
        url: c.url,
        secret: '',
        ...(c.secretRef ? { secretRef: c.secretRef } : {}),
        // A secretRef alone also sets hasSecret, but then there is no stored key to keep.
        ...(c.hasSecret && !c.secretRef ? { storedSecretFor: c.url } : {}),
      };
    case 'slack':
      return { type: 'slack', url: '', storedMasked: c.url };
    case 'email':
      return { type: 'email', to: [...c.to] };
  }
}

export function scheduleFormFromRecord(s: ScheduleRecord): ScheduleFormState {
  return {
    name: s.name,
    cron: s.cron,
    timezone: s.timezone,
    window: s.window,
    services: (s.filters.services ?? []).join(', '),
    kinds: [...(s.filters.kinds ?? [])],
    minSeverity: s.filters.minSeverity ?? '',
    skipEmpty: s.skipEmpty,
    channels: s.channels.map(formChannelFromPublic),
  };
}

export function channelInputFromForm(c: FormChannel): ChannelInput {
  switch (c.type) {
    case 'webhook': {
      const secret = c.secret.trim();
      return { type: 'webhook', url: c.url.trim(), ...(secret ? { secret } : {}), ...(c.secretRef ? { secretRef: c.secretRef } : {}) };
    }
    case 'slack':
      return { type: 'slack', url: c.url.trim() || c.storedMasked || '' };
    case 'email':
      return { type: 'email', to: c.to.map((t) => t.trim()).filter(Boolean) };
  }
}

export function draftFromScheduleForm(f: ScheduleFormState): ScheduleDraftBody {
  const services = f.services.split(/[,\s]+/).filter(Boolean);
  return {
    name: f.name.trim(),
    cron: f.cron.trim(),
    timezone: f.timezone.trim(),
    window: f.window,
    filters: {
      ...(services.length ? { services } : {}),
      ...(f.kinds.length ? { kinds: [...f.kinds] } : {}),
      ...(f.minSeverity ? { minSeverity: f.minSeverity } : {}),
    },
    channels: f.channels.map(channelInputFromForm),
    skipEmpty: f.skipEmpty,
  };
}

/** Placeholder of a channel's write-only field: says what an empty field does. */
export function channelPlaceholder(c: FormChannel): string {
  if (c.type === 'email') return 'oncall@example.com, sre@example.com';
  if (c.type === 'slack') return c.storedMasked ? `URL stored (${c.storedMasked}) — leave empty to keep` : 'https://hooks.slack.com/services/…';
  if (c.secretRef) return `signed with DIGEST_SECRET_${c.secretRef} on the server — or enter a secret`;
  if (c.storedSecretFor === undefined) return 'Signing secret (optional; kept on the server, never shown again)';
  return c.url.trim() === c.storedSecretFor
    ? 'secret stored — leave empty to keep'
    : 'the stored secret belongs to the old URL — enter it again to sign';
}
