/**
 * The incidents and telemetry-health parts of a rendered digest (they come first). Like the
 * rest of render.ts, every sentence and service name is data and is escaped for its medium.
 */
import { kindName } from '../model/anomaly';
import type { DigestHealth, DigestIncident } from './incidents';
import type { Digest } from './types';

const STATE = { new: 'NEW', ongoing: 'STILL GOING', resolved: 'RESOLVED' } as const;

const when = (i: DigestIncident) => (i.end ? `${i.start} → ${i.end}` : `since ${i.start} (ongoing)`);
const partial = (i: DigestIncident) => (i.partial.length ? ` (partial: ${i.partial.join(', ')} did not answer)` : '');

export function healthLine(h: DigestHealth): string {
  if (h.total === 0 && h.resolved === 0) return 'Telemetry health: nothing to report.';
  const kinds = Object.entries(h.byKind)
    .map(([k, n]) => `${n} ${kindName(k)}`)
    .join(', ');
  return `Telemetry health: ${h.total} finding${h.total === 1 ? '' : 's'}${kinds ? ` (${kinds})` : ''} — ${h.new} new, ${h.ongoing} still going, ${h.resolved} resolved.`;
}

export function incidentsText(d: Digest): string[] {
  const incidents = d.incidents ?? [];
  const lines: string[] = [];
  if (incidents.length) {
    lines.push('== Incidents ==');
    for (const i of incidents) {
      lines.push(`- [${STATE[i.state]}] ${i.severity.toUpperCase()} ${i.userFacing ? 'user-facing' : 'internal'}: ${i.sentence}`);
      lines.push(`  ${i.services.join(', ')} · ${when(i)}${partial(i)}`);
    }
    lines.push('');
  }
  if (d.telemetryHealth) lines.push(healthLine(d.telemetryHealth), '');
  if (d.muted) lines.push(`${d.muted} muted finding${d.muted === 1 ? ' is' : 's are'} left out.`, '');
  return lines;
}

export function incidentsHtml(d: Digest, escapeHtml: (s: string) => string): string[] {
  const incidents = d.incidents ?? [];
  const parts: string[] = [];
  if (incidents.length) {
    parts.push('<h3 style="margin:16px 0 6px 0">Incidents</h3><ul style="padding-left:18px">');
    for (const i of incidents) {
      parts.push(
        '<li style="margin:0 0 10px 0">',
        `<span style="font-size:11px;border:1px solid #94a3b8;border-radius:3px;padding:0 3px">${STATE[i.state]}</span> `,
        `<strong>${escapeHtml(i.severity.toUpperCase())}</strong> ${i.userFacing ? 'user-facing' : 'internal'}: ${escapeHtml(i.sentence)}`,
        `<br><span style="color:#475569">${escapeHtml(i.services.join(', '))} · ${escapeHtml(when(i))}${escapeHtml(partial(i))}</span>`,
        '</li>',
      );
    }
    parts.push('</ul>');
  }
  if (d.telemetryHealth) parts.push(`<p>${escapeHtml(healthLine(d.telemetryHealth))}</p>`);
  if (d.muted) parts.push(`<p style="color:#475569">${d.muted} muted finding${d.muted === 1 ? ' is' : 's are'} left out.</p>`);
  return parts;
}

export function incidentsSlack(d: Digest, escapeSlack: (s: string) => string): string[] {
  const out: string[] = [];
  const incidents = d.incidents ?? [];
  if (incidents.length) {
    out.push(`*Incidents*\n${incidents.slice(0, 10).map((i) => `• \`${STATE[i.state]}\` ${escapeSlack(i.sentence)} _(${escapeSlack(i.services.join(', '))})_`).join('\n')}`);
  }
  if (d.telemetryHealth) out.push(escapeSlack(healthLine(d.telemetryHealth)));
  return out;
}

/** The subject's lead: "2 incidents (1 new)" when there are any. */
export function incidentsSubject(d: Digest): string | null {
  const live = (d.incidents ?? []).filter((i) => i.state !== 'resolved');
  if (!live.length) return null;
  const fresh = live.filter((i) => i.state === 'new').length;
  return `${live.length} incident${live.length === 1 ? '' : 's'} (${fresh} new)`;
}
