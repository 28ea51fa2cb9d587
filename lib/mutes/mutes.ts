/**
 * Acknowledging or muting a finding for a time, with who and why (docs/api.md, "Mutes").
 * An acknowledged finding is shown as such; a muted one is also left out of digests.
 * Pure: the input schema and the "which mute is in force" rule.
 */
import { z } from 'zod';
import { parseDurationMs } from '../time/range';

import { MUTE_MODES } from '../api/contract/incidents';

export { MUTE_MODES };
export type MuteMode = (typeof MUTE_MODES)[number];

/** What the API says of a finding someone acknowledged or muted: the contract's shape. */
export type { FindingMute } from '../api/contract/incidents';
import type { FindingMute } from '../api/contract/incidents';

const MAX_MUTE_MS = 30 * 86_400_000;

/**
 * POST body. `by` is required text until sign-in exists (then it comes from the session).
 * `for` is a duration (`30m`, `4h`, `7d`), at most 30 days.
 */
export const muteInput = z.object({
  findingId: z.string().trim().min(1, 'findingId is required').max(200),
  mode: z.enum(MUTE_MODES),
  by: z.string().trim().min(1, 'by is required: who acknowledges or mutes').max(100),
  reason: z.string().trim().min(1, 'reason is required: say why').max(500),
  for: z.string().transform((v, ctx) => {
    const ms = parseDurationMs(v.trim());
    if (ms === null || ms <= 0 || ms > MAX_MUTE_MS) {
      ctx.addIssue({ code: 'custom', message: 'for must be a duration like 30m, 4h or 7d, at most 30d' });
      return z.NEVER;
    }
    return ms;
  }),
});
export type MuteInput = z.infer<typeof muteInput>;

/** The mute in force per finding at nowMs: the latest created one that has not run out. */
export function activeMutes(mutes: readonly FindingMute[], nowMs: number): Map<string, FindingMute> {
  const out = new Map<string, FindingMute>();
  for (const m of mutes) {
    if (Date.parse(m.until) <= nowMs) continue;
    const have = out.get(m.findingId);
    if (!have || m.createdAt > have.createdAt) out.set(m.findingId, m);
  }
  return out;
}
