'use client';

import { channelPlaceholder, type FormChannel } from './schedule-form-model';

/** Editing one delivery channel of the schedule form. Secrets are write-only: never shown, empty keeps them. */

const input = 'w-full rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800';

export function ChannelFields({ channel, onChange, onRemove }: { channel: FormChannel; onChange: (c: FormChannel) => void; onRemove: () => void }) {
  return (
    <fieldset className="space-y-1 rounded border border-slate-200 p-2 dark:border-slate-800" data-testid="digest-channel">
      <div className="flex items-center justify-between text-xs font-medium uppercase text-slate-500">
        <span>{channel.type === 'slack' ? 'Slack incoming webhook' : channel.type === 'email' ? 'E-mail (SMTP)' : 'JSON webhook (HMAC-signed)'}</span>
        <button type="button" onClick={onRemove} className="text-red-600 hover:underline">
          Remove
        </button>
      </div>
      {channel.type === 'email' && (
        <input
          className={input}
          aria-label="Recipients"
          placeholder={channelPlaceholder(channel)}
          data-testid="channel-to"
          value={channel.to.join(', ')}
          onChange={(e) => onChange({ type: 'email', to: e.target.value.split(/[,\s]+/).filter(Boolean) })}
        />
      )}
      {channel.type === 'slack' && (
        // The Slack URL is itself a credential: an edited channel shows it only masked, as a placeholder.
        <input
          className={input}
          autoComplete="off"
          aria-label="Webhook URL"
          placeholder={channelPlaceholder(channel)}
          data-testid="channel-url"
          value={channel.url}
          onChange={(e) => onChange({ ...channel, url: e.target.value })}
        />
      )}
      {channel.type === 'webhook' && (
        <>
          <input
            className={input}
            aria-label="Webhook URL"
            placeholder="https://example.com/hooks/triangulate"
            data-testid="channel-url"
            value={channel.url}
            onChange={(e) => onChange({ ...channel, url: e.target.value })}
          />
          <input
            className={input}
            type="password"
            autoComplete="new-password"
            aria-label="Signing secret"
            placeholder={channelPlaceholder(channel)}
            data-testid="channel-secret"
            value={channel.secret}
            onChange={(e) => onChange({ ...channel, secret: e.target.value })}
          />
        </>
      )}
    </fieldset>
  );
}
