import { describe, expect, it } from 'vitest';
import { activeMutes, muteInput, type FindingMute } from './mutes';
import { muteText } from './text';

const m = (over: Partial<FindingMute>): FindingMute => ({ id: 'm', findingId: 'f', mode: 'mute', by: 'ana', reason: 'known', until: '2026-12-04T14:00:00.000Z', createdAt: '2026-12-04T12:00:00.000Z', ...over });

describe('finding mutes', () => {
  it('requires who and why, and a duration of at most 30 days', () => {
    expect(muteInput.parse({ findingId: 'f', mode: 'ack', by: ' ana ', reason: 'on it', for: '4h' })).toEqual({ findingId: 'f', mode: 'ack', by: 'ana', reason: 'on it', for: 4 * 3_600_000 });
    expect(() => muteInput.parse({ findingId: 'f', mode: 'mute', by: '', reason: 'x', for: '1h' })).toThrow(/by is required/);
    expect(() => muteInput.parse({ findingId: 'f', mode: 'mute', by: 'a', reason: ' ', for: '1h' })).toThrow(/reason is required/);
    expect(() => muteInput.parse({ findingId: 'f', mode: 'mute', by: 'a', reason: 'x', for: '31d' })).toThrow(/at most 30d/);
    expect(() => muteInput.parse({ findingId: 'f', mode: 'snooze', by: 'a', reason: 'x', for: '1h' })).toThrow();
  });

  it('keeps, per finding, the newest mute that has not run out', () => {
    const now = Date.parse('2026-12-04T13:00:00.000Z');
    const map = activeMutes(
      [m({ id: 'old', createdAt: '2026-12-04T11:00:00.000Z' }), m({ id: 'new', mode: 'ack', createdAt: '2026-12-04T12:30:00.000Z' }), m({ id: 'over', findingId: 'g', until: '2026-12-04T12:59:00.000Z' })],
      now,
    );
    expect([...map.entries()].map(([k, v]) => [k, v.id])).toEqual([['f', 'new']]);
    expect(muteText(map.get('f')!)).toBe('Acknowledged by ana until 14:00 UTC: known');
  });
});
