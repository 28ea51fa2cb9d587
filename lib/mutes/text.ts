/**
 * How the pages say who acknowledged or muted a finding. Kept apart from mutes.ts so the
 * browser bundle does not pull zod (whose eval probe the CSP reports, docs/security.md).
 */
import type { FindingMute } from './mutes';

/** "muted by ana until 14:30 UTC: known, fix rolling out". */
export function muteText(m: FindingMute): string {
  return `${m.mode === 'mute' ? 'Muted' : 'Acknowledged'} by ${m.by} until ${new Date(m.until).toISOString().slice(11, 16)} UTC: ${m.reason}`;
}
