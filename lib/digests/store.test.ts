import { describe, expect, it } from 'vitest';
import { maskUrl, mergeChannels, toPublicChannel } from './store';
import { createScheduleInput } from './types';

const SLACK = 'https://hooks.slack.com/services/T000/B000/XXXXsecret';

describe('channels in API answers', () => {
  it('never carry a webhook secret, the webhook URL path or the Slack webhook URL', () => {
    const shown = [toPublicChannel({ type: 'webhook', url: 'https://h.example/in/tok3n-in-path?key=abc', secret: 'top-secret-1' }), toPublicChannel({ type: 'slack', url: SLACK })];
    expect(JSON.stringify(shown)).not.toContain('top-secret-1');
    expect(JSON.stringify(shown)).not.toContain('tok3n');
    expect(JSON.stringify(shown)).not.toContain('T000/B000');
    expect(shown).toEqual([
      { type: 'webhook', url: 'https://h.example/…=abc', masked: true, hasSecret: true },
      { type: 'slack', url: 'https://hooks.slack.com/…cret', masked: true },
    ]);
  });
  it('what was handed out can be sent back: the stored secret and Slack URL are kept', () => {
    const stored = [{ type: 'webhook' as const, url: 'https://h.example/x', secret: 'top-secret-1' }, { type: 'slack' as const, url: SLACK }];
    const merged = mergeChannels([{ type: 'webhook', url: maskUrl('https://h.example/x') }, { type: 'slack', url: maskUrl(SLACK) }], stored);
    expect(merged).toEqual(stored);
    expect(mergeChannels([{ type: 'webhook', url: 'https://other.example/' }], stored)).toEqual([{ type: 'webhook', url: 'https://other.example/' }]);
    expect(() => mergeChannels([{ type: 'slack', url: 'https://hooks.slack.com/…abcd' }], stored)).toThrow(/enter the full URL/);
  });
});

describe('schedule input', () => {
  it('fills defaults and refuses non-http channel URLs and bad windows', () => {
    const ok = createScheduleInput.parse({ name: 'Morning', cron: '0 9 * * 1-5', channels: [] });
    expect(ok).toMatchObject({ timezone: 'UTC', window: 'since_last_run', filters: {}, skipEmpty: false, enabled: true });
    expect(createScheduleInput.safeParse({ name: 'x', cron: '0 9 * * *', channels: [{ type: 'webhook', url: 'file:///etc/passwd' }] }).success).toBe(false);
    expect(createScheduleInput.safeParse({ name: 'x', cron: '0 9 * * *', channels: [{ type: 'slack', url: 'javascript:alert(1)' }] }).success).toBe(false);
    expect(createScheduleInput.safeParse({ name: 'x', cron: '0 9 * * *', window: '30d', channels: [] }).success).toBe(false);
    expect(createScheduleInput.safeParse({ name: 'x', cron: '0 9 * * *', window: '2m', channels: [] }).success).toBe(false);
  });
});
