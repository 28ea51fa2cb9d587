import { kindName } from '../model/anomaly';
import { restartEvents, restartSentence, type RestartEvent } from '../anomalies/restart-events';
import { incidentsHtml, incidentsSlack, incidentsSubject, incidentsText } from './render-incidents';
import type { Digest, DigestFinding, DigestGroup, RenderedDigest } from './types';

/**
 * Pure: a digest as plain text, HTML e-mail and Slack blocks. Titles, services and
 * explanations come from backend data (labels, span names) and are hostile: HTML escapes
 * every one of them, Slack's mrkdwn escapes &, < and > so no one can inject a link or a
 * mention.
 */



const STATE_LABEL = { new: 'NEW', ongoing: 'STILL GOING' } as const;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Slack mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
export const escapeSlack = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Only http(s) links are ever rendered as links. */
const safeHref = (url: string | null): string | null => (url && /^https?:\/\//i.test(url) ? url : null);
/** In Slack's <url|label> syntax, a URL with <, > or | would end the link early. */
const slackLink = (url: string | null, label: string): string | null => {
  const href = safeHref(url);
  return href && !/[<>|\s]/.test(href) ? `<${href}|${label}>` : null;
};

const serviceName = (s: string | null) => s ?? 'Not tied to a service';

function summaryLine(d: Digest): string {
  const c = d.counts;
  if (c.total === 0 && c.resolved === 0) return 'Nothing to report: no anomalies in this window.';
  const parts = [`${c.total} finding${c.total === 1 ? '' : 's'}`, `${c.new} new`, `${c.ongoing} still going`, `${c.resolved} resolved`];
  const sev = c.bySeverity.critical ? ` (${c.bySeverity.critical} critical)` : '';
  return `${parts.join(', ')}${sev}.`;
}

export function digestSubject(d: Digest): string {
  const c = d.counts;
  const findings = c.total === 0 ? 'nothing to report' : `${c.total} finding${c.total === 1 ? '' : 's'}, ${c.new} new`;
  const lead = incidentsSubject(d);
  const what = lead ? `${lead}; ${findings}` : findings;
  return `[Triangulate] ${d.schedule.name}: ${what}`.replace(/[\r\n]+/g, ' ');
}

const ended = (f: DigestFinding) => (f.end ? `, ended ${f.end}` : '');

/** A restart row is NEW when any of its series' records is new. */
const eventState = (e: RestartEvent<DigestFinding>): keyof typeof STATE_LABEL => (e.members.some((m) => m.state === 'new') ? 'new' : 'ongoing');
const utcClock = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;

/** A group's rows: each restart of a target once, then the findings that are not part of one. */
function rowsOf(g: DigestGroup): { restarts: RestartEvent<DigestFinding>[]; findings: DigestFinding[] } {
  const { events, rest } = restartEvents(g.findings);
  return { restarts: events, findings: rest };
}

export function renderText(d: Digest): string {
  const lines = [`${d.schedule.name} — anomaly digest`, `Window: ${d.window.from} → ${d.window.to}`, summaryLine(d), '', ...incidentsText(d)];
  if (d.groups.length) lines.push('== All findings ==', '');
  for (const g of d.groups) {
    lines.push(`== ${serviceName(g.service)} ==`);
    const { restarts, findings } = rowsOf(g);
    for (const e of restarts) lines.push(`- [${STATE_LABEL[eventState(e)]}] ${e.members[0].severity.toUpperCase()} Restart: ${restartSentence(e, utcClock)}`);
    for (const f of findings) {
      lines.push(`- [${STATE_LABEL[f.state]}] ${f.severity.toUpperCase()} ${kindName(f.kind)}: ${f.title} (since ${f.start}${ended(f)})`);
      if (f.explanation) lines.push(`  ${f.explanation}`);
      if (f.snapshotUrl) lines.push(`  Evidence: ${f.snapshotUrl}`);
    }
    lines.push('');
  }
  if (d.resolved.length) {
    lines.push('== Resolved since the last digest ==');
    for (const r of d.resolved) lines.push(`- ${kindName(r.kind)}: ${r.title}${r.service ? ` (${r.service})` : ''}`);
    lines.push('');
  }
  if (d.warnings.length) lines.push('This digest may be incomplete:', ...d.warnings.map((w) => `- ${w}`), '');
  if (d.snapshotUrl) lines.push(`Snapshot of the window: ${d.snapshotUrl}`);
  lines.push(`Open live: ${d.liveUrl}`);
  return lines.join('\n');
}

const SEVERITY_COLOR = { critical: '#b91c1c', warning: '#b45309', info: '#475569' } as const;

function findingHtml(f: DigestFinding): string {
  const link = safeHref(f.snapshotUrl);
  return [
    '<li style="margin:0 0 10px 0">',
    `<strong style="color:${SEVERITY_COLOR[f.severity]}">${escapeHtml(f.severity.toUpperCase())}</strong> `,
    `<span style="font-size:11px;border:1px solid #94a3b8;border-radius:3px;padding:0 3px">${STATE_LABEL[f.state]}</span> `,
    `<strong>${escapeHtml(kindName(f.kind))}</strong>: ${escapeHtml(f.title)}`,
    `<br><span style="color:#475569">since ${escapeHtml(f.start)}${escapeHtml(ended(f))}</span>`,
    f.explanation ? `<br>${escapeHtml(f.explanation)}` : '',
    link ? `<br><a href="${escapeHtml(link)}">Evidence (snapshot)</a>` : '',
    '</li>',
  ].join('');
}

export function renderHtml(d: Digest): string {
  const parts = [
    '<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">',
    `<h2 style="margin:0 0 4px 0">${escapeHtml(d.schedule.name)} — anomaly digest</h2>`,
    `<p style="margin:0 0 12px 0;color:#475569">${escapeHtml(d.window.from)} → ${escapeHtml(d.window.to)}</p>`,
    `<p>${escapeHtml(summaryLine(d))}</p>`,
    ...incidentsHtml(d, escapeHtml),
  ];
  for (const g of d.groups) {
    parts.push(`<h3 style="margin:16px 0 6px 0">${escapeHtml(serviceName(g.service))}</h3><ul style="padding-left:18px">`);
    const { restarts, findings } = rowsOf(g);
    for (const e of restarts) {
      parts.push(
        `<li style="margin:0 0 10px 0"><strong style="color:${SEVERITY_COLOR[e.members[0].severity]}">${escapeHtml(e.members[0].severity.toUpperCase())}</strong> ` +
          `<span style="font-size:11px;border:1px solid #94a3b8;border-radius:3px;padding:0 3px">${STATE_LABEL[eventState(e)]}</span> ` +
          `<strong>Restart</strong>: ${escapeHtml(restartSentence(e, utcClock))}</li>`,
      );
    }
    parts.push(...findings.map(findingHtml), '</ul>');
  }
  if (d.resolved.length) {
    parts.push('<h3 style="margin:16px 0 6px 0">Resolved since the last digest</h3><ul style="padding-left:18px">');
    for (const r of d.resolved) {
      parts.push(`<li>${escapeHtml(kindName(r.kind))}: ${escapeHtml(r.title)}${r.service ? ` (${escapeHtml(r.service)})` : ''}</li>`);
    }
    parts.push('</ul>');
  }
  if (d.warnings.length) {
    parts.push('<p style="color:#b45309">This digest may be incomplete:</p><ul>', ...d.warnings.map((w) => `<li>${escapeHtml(w)}</li>`), '</ul>');
  }
  const snap = safeHref(d.snapshotUrl);
  const live = safeHref(d.liveUrl);
  parts.push('<p>');
  if (snap) parts.push(`<a href="${escapeHtml(snap)}">Snapshot of the window</a> · `);
  if (live) parts.push(`<a href="${escapeHtml(live)}">Open live</a>`);
  parts.push('</p></body></html>');
  return parts.join('');
}

/** Slack caps a section's text at 3000 characters and a message at 50 blocks. */
const SLACK_TEXT_MAX = 2900;
const SLACK_MAX_FINDINGS = 40;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

export function renderSlack(d: Digest): SlackMessage {
  const md = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, SLACK_TEXT_MAX) } });
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(`${d.schedule.name} — anomaly digest`, 150) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(`${d.window.from} → ${d.window.to}`) }] },
    md(escapeSlack(summaryLine(d))),
    ...incidentsSlack(d, escapeSlack).map(md),
  ];
  let shown = 0;
  for (const g of d.groups) {
    if (shown >= SLACK_MAX_FINDINGS) break;
    const { restarts, findings } = rowsOf(g);
    const restartLines = restarts.map((e) => `• \`${STATE_LABEL[eventState(e)]}\` *Restart*: ${escapeSlack(restartSentence(e, utcClock))}`);
    shown += restarts.reduce((n, e) => n + e.members.length, 0);
    const lines = findings.slice(0, Math.max(0, SLACK_MAX_FINDINGS - shown)).map((f) => {
      const link = slackLink(f.snapshotUrl, 'evidence');
      const title = `*${escapeSlack(kindName(f.kind))}*: ${escapeSlack(f.title)}`;
      return `• \`${STATE_LABEL[f.state]}\` ${f.severity === 'critical' ? ':red_circle:' : f.severity === 'warning' ? ':large_orange_circle:' : ':white_circle:'} ${title}${link ? ` ${link}` : ''}`;
    });
    shown += lines.length;
    blocks.push({ type: 'divider' }, md(`*${escapeSlack(serviceName(g.service))}*\n${[...restartLines, ...lines].join('\n')}`));
  }
  if (shown < d.counts.total) blocks.push(md(`…and ${d.counts.total - shown} more.`));
  if (d.resolved.length) {
    const lines = d.resolved.slice(0, 20).map((r) => `• ${escapeSlack(kindName(r.kind))}: ${escapeSlack(r.title)}`);
    blocks.push({ type: 'divider' }, md(`*Resolved since the last digest*\n${lines.join('\n')}`));
  }
  if (d.warnings.length) blocks.push(md(`:warning: This digest may be incomplete: ${escapeSlack(d.warnings.join('; '))}`));
  const links = [slackLink(d.snapshotUrl, 'Snapshot of the window'), slackLink(d.liveUrl, 'Open live')];
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: links.filter(Boolean).join(' · ') || ' ' }] });
  return { text: clip(digestSubject(d), SLACK_TEXT_MAX), blocks };
}

export function renderDigest(d: Digest): RenderedDigest {
  return { digest: d, subject: digestSubject(d), text: renderText(d), html: renderHtml(d) };
}
