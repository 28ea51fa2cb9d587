'use client';

import type { ChannelInput } from './digests-api';

/** Editing one delivery channel of the schedule form. Secrets are write-only. */

const input = 'w-full rounded border border-slate-300 px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-800';

export function ChannelFields({ channel, onChange, onRemove }: { channel: ChannelInput; onChange: (c: ChannelInput) => void; onRemove: () => void }) {
  return (
    <fieldset className="space-y-1 rounded border border-slate-200 p-2 dark:border-slate-800" data-testid="digest-channel">
      <div className="flex items-center justify-between text-xs font-medium uppercase text-slate-500">
        <span>{channel.type === 'slack' ? 'Slack incoming webhook' : channel.type === 'email' ? 'E-mail (SMTP)' : 'JSON webhook (HMAC-signed)'}</span>
        <button type="button" onClick={onRemove} className="text-red-600 hover:underline">
          Remove
        </button>
      </div>
      {channel.type === 'email' ? (
        <input
          className={input}
          aria-label="Recipients"
          placeholder="oncall@example.com, sre@example.com"
          data-testid="channel-to"
          value={channel.to.join(', ')}
          onChange={(e) => onChange({ type: 'email', to: e.target.value.split(/[,\s]+/).filter(Boolean) })}
        />
      ) : (
        <input
          className={input}
          aria-label="Webhook URL"
          placeholder={channel.type === 'slack' ? 'https://hooks.slack.com/services/…' : 'https://example.com/hooks/triangulate'}
          data-testid="channel-url"
          value={channel.url}
          onChange={(e) => onChange({ ...channel, url: e.target.value })}
        />
      )}
      {channel.type === 'webhook' && (
        <input
          className={input}
          type="password"
          autoComplete="new-password"
          aria-label="Signing secret"
          placeholder="Signing secret (optional; kept on the server, never shown again)"
          data-testid="channel-secret"
          value={channel.secret ?? ''}
          onChange={(e) => onChange({ ...channel, secret: e.target.value || undefined })}
        />
      )}
    </fieldset>
  );
}
