import { describe, expect, it } from 'vitest';
import type { ScheduleRecord } from '@/lib/digests/types';
import {
  channelInputFromForm,
  channelPlaceholder,
  draftFromScheduleForm,
  formChannelFromPublic,
  newScheduleForm,
  scheduleFormFromRecord,
  windowChoices,
} from './schedule-form-model';

const record: ScheduleRecord = {
  id: 'sch1',
  name: 'Mornings',
  cron: '0 9 * * 1-5',
  timezone: 'Europe/Berlin',
  window: '30m',
  filters: { services: ['checkout', 'payment-gateway'], kinds: ['gc_storm'], minSeverity: 'warning' },
  channels: [
    { type: 'webhook', url: 'https://hooks.example/in', hasSecret: true },
    { type: 'webhook', url: 'https://ops.example/in', hasSecret: true, secretRef: 'OPS' },
    { type: 'webhook', url: 'https://plain.example/in', hasSecret: false },
    { type: 'slack', url: 'https://hooks.slack.com/…Xy9Z', masked: true },
    { type: 'email', to: ['oncall@example.com'] },
  ],
  skipEmpty: true,
  enabled: false,
  ownerId: null,
  createdAt: '2026-11-20T08:00:00.000Z',
  updatedAt: '2026-11-21T08:00:00.000Z',
  nextRunAt: null,
  lastRun: null,
};

describe('schedule form ↔ record', () => {
  it('fills the form from a schedule without any secret and with the Slack URL field empty', () => {
    const form = scheduleFormFromRecord(record);
    expect(form).toMatchObject({ name: 'Mornings', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', window: '30m', services: 'checkout, payment-gateway', kinds: ['gc_storm'], minSeverity: 'warning', skipEmpty: true });
    expect(form.channels).toEqual([
      { type: 'webhook', url: 'https://hooks.example/in', secret: '', storedSecretFor: 'https://hooks.example/in' },
      { type: 'webhook', url: 'https://ops.example/in', secret: '', secretRef: 'OPS' },
      { type: 'webhook', url: 'https://plain.example/in', secret: '' },
      { type: 'slack', url: '', storedMasked: 'https://hooks.slack.com/…Xy9Z' },
      { type: 'email', to: ['oncall@example.com'] },
    ]);
  });

  it('saves an untouched edit as the same schedule: no secret sent, the masked Slack URL stands for the stored one', () => {
    const draft = draftFromScheduleForm(scheduleFormFromRecord(record));
    expect(draft).toEqual({
      name: 'Mornings',
      cron: '0 9 * * 1-5',
      timezone: 'Europe/Berlin',
      window: '30m',
      filters: record.filters,
      channels: [
        { type: 'webhook', url: 'https://hooks.example/in' },
        { type: 'webhook', url: 'https://ops.example/in', secretRef: 'OPS' },
        { type: 'webhook', url: 'https://plain.example/in' },
        { type: 'slack', url: 'https://hooks.slack.com/…Xy9Z' },
        { type: 'email', to: ['oncall@example.com'] },
      ],
      skipEmpty: true,
    });
    expect(draft).not.toHaveProperty('enabled'); // editing must not resume a paused schedule
  });

  it('sends what the user typed in place of a stored secret or Slack URL', () => {
    const [hook, , , slack] = scheduleFormFromRecord(record).channels;
    expect(channelInputFromForm({ ...hook, secret: ' new-secret-123 ' } as typeof hook)).toEqual({ type: 'webhook', url: 'https://hooks.example/in', secret: 'new-secret-123' });
    expect(channelInputFromForm({ ...slack, url: 'https://hooks.slack.com/services/T0/B0/new' } as typeof slack)).toEqual({ type: 'slack', url: 'https://hooks.slack.com/services/T0/B0/new' });
  });

  it('turns a new form into a create body with empty filters and trimmed fields', () => {
    const form = { ...newScheduleForm('UTC', '0 9 * * *'), name: '  Nightly ', services: ' checkout  api,web ', channels: [{ type: 'email' as const, to: ['a@example.com', ' '] }] };
    expect(draftFromScheduleForm(form)).toEqual({
      name: 'Nightly',
      cron: '0 9 * * *',
      timezone: 'UTC',
      window: 'since_last_run',
      filters: { services: ['checkout', 'api', 'web'] },
      channels: [{ type: 'email', to: ['a@example.com'] }],
      skipEmpty: false,
    });
    expect(draftFromScheduleForm(newScheduleForm('UTC', '0 9 * * *')).filters).toEqual({});
  });

  it('says what an empty secret field does, and that a changed URL loses the stored secret', () => {
    const hook = formChannelFromPublic({ type: 'webhook', url: 'https://hooks.example/in', hasSecret: true });
    expect(channelPlaceholder(hook)).toBe('secret stored — leave empty to keep');
    expect(channelPlaceholder({ ...hook, url: 'https://hooks.example/other' } as typeof hook)).toMatch(/old URL/);
    expect(channelPlaceholder(formChannelFromPublic({ type: 'webhook', url: 'https://x.example', hasSecret: true, secretRef: 'OPS' }))).toMatch(/DIGEST_SECRET_OPS/);
    expect(channelPlaceholder(formChannelFromPublic({ type: 'slack', url: 'https://hooks.slack.com/…Xy9Z', masked: true }))).toBe('URL stored (https://hooks.slack.com/…Xy9Z) — leave empty to keep');
    expect(channelPlaceholder({ type: 'webhook', url: '', secret: '' })).toMatch(/optional/);
  });

  it('offers a window set through the API among the choices so editing does not change it', () => {
    expect(windowChoices('30m').map((c) => c.value)).toContain('30m');
    expect(windowChoices('24h').filter((c) => c.value === '24h')).toHaveLength(1);
  });
});
