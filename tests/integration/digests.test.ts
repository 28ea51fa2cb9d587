import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/auth/audit';
import { createDb, type Db } from '@/lib/db';
import { buildDigest } from '@/lib/digests/execute';
import { isUniqueViolation, runNow, tick } from '@/lib/digests/runner';
import { verifySignature } from '@/lib/digests/signature';
import { createSchedule, getScheduleRow, listRuns } from '@/lib/digests/store';
import { createScheduleInput, type ChannelInput } from '@/lib/digests/types';
import { ORPHANS } from '@/lib/digests/test-fixtures';
import { muteInput } from '@/lib/mutes/mutes';
import { createMute } from '@/lib/mutes/store';
import { openMigrated, testDatabases, wipe } from '../helpers/db';
import { fakeScan, LOOPBACK_EGRESS, runnerDeps, TEST_RULES, startReceiver, startSmtp, type Receiver } from './digests-helpers';

const SECRET = 'whsec-0123456789';
const at = (s: string) => Date.parse(s);
const T0 = at('2026-11-23T00:00:30Z');

describe.each(testDatabases())('digest runner on $name', ({ name, url }) => {
  let a: Db; // runner instance A
  let b: Db; // runner instance B: its own client (own connection pool) on the same database
  let hook: Receiver;
  // better-sqlite3 is synchronous: two clients of one SQLite file in one process can block each
  // other's lock waits (a test artefact; SQLite deployments run one process). Conditional
  // UPDATEs race through one client there; PostgreSQL always gets two.
  const updater = () => (name === 'postgres' ? b : a);

  beforeAll(async () => {
    a = openMigrated(url);
    b = createDb(url);
    hook = await startReceiver();
  });
  beforeEach(async () => {
    await wipe(a);
    hook.received.length = 0;
    hook.failNext(0);
  });
  afterAll(async () => {
    await hook?.close();
    await a?.$disconnect();
    await b?.$disconnect();
  });

  const schedule = (channels: ChannelInput[], over: Record<string, unknown> = {}, nowMs = T0) =>
    createSchedule(a, createScheduleInput.parse({ name: 'Night watch', cron: '0 * * * *', timezone: 'UTC', channels, ...over }), nowMs, TEST_RULES);
  const webhook = (): ChannelInput => ({ type: 'webhook', url: hook.url, secret: SECRET });

  it('two runners racing for the same slot: exactly one run and one delivery', async () => {
    const s = await schedule([webhook()]);
    const scan = fakeScan();
    const now = at('2026-11-23T01:00:05Z');
    const results = await Promise.all([
      tick(runnerDeps(a, 'runner-a', scan), now),
      tick(runnerDeps(b, 'runner-b', scan), now),
      tick(runnerDeps(a, 'runner-a2', scan), now),
    ]);
    expect(results.reduce((n, r) => n + r.ran.length, 0)).toBe(1);
    // Each other runner either lost the INSERT or found the slot already taken.
    expect(results.reduce((n, r) => n + r.lost, 0)).toBeLessThanOrEqual(2);
    const runs = await a.digestRun.findMany({ where: { scheduleId: s.id } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'sent', trigger: 'schedule', scheduledFor: new Date('2026-11-23T01:00:00Z') });
    expect(hook.received).toHaveLength(1);
    expect(scan.calls).toHaveLength(1);
    // The same slot ticked again later is not run again.
    await Promise.all([tick(runnerDeps(a, 'runner-a', scan), now + 20_000), tick(runnerDeps(b, 'runner-b', scan), now + 20_000)]);
    expect(hook.received).toHaveLength(1);
  });

  it('a scheduled run is in the audit log once, as the scheduler', async () => {
    const s = await schedule([webhook()]);
    const now = at('2026-11-23T01:00:05Z');
    await Promise.all([tick(runnerDeps(a, 'runner-a', fakeScan()), now), tick(runnerDeps(b, 'runner-b', fakeScan()), now)]);
    const [run] = await a.digestRun.findMany({ where: { scheduleId: s.id } });
    const events = await listAudit(a, { action: 'digest.run', limit: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: { id: 'scheduler', name: 'scheduler', role: 'system' }, target: { type: 'digest', id: s.id } });
    expect(events[0].detail).toEqual({ runId: run.id, scheduledFor: '2026-11-23T01:00:00.000Z', trigger: 'schedule' });
  });

  it('the database, not timing, decides: of two INSERTs of one slot exactly one wins, the other is a unique violation', async () => {
    const s = await schedule([]);
    const slot = new Date('2026-11-23T01:00:00Z');
    const insert = (db: Db, id: string) =>
      db.digestRun.create({ data: { id, scheduleId: s.id, scheduledFor: slot, status: 'running', windowFrom: new Date(T0), windowTo: slot } });
    const outcomes = await Promise.allSettled([insert(a, 'from-a'), insert(b, 'from-b')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(isUniqueViolation(rejected?.reason)).toBe(true);
  });

  it('the webhook body is the digest, signed with HMAC-SHA256 of the timestamp and the exact bytes', async () => {
    const s = await schedule([webhook()]);
    await tick(runnerDeps(a, 'runner-a', fakeScan()), at('2026-11-23T01:00:05Z'));
    const [req] = hook.received;
    expect(verifySignature(SECRET, req.body, req.headers['x-triangulate-signature'] as string, Date.now())).toBe(true);
    expect(verifySignature('not-the-secret', req.body, req.headers['x-triangulate-signature'] as string, Date.now())).toBe(false);
    const body = JSON.parse(req.body) as { digest: { schedule: { id: string }; window: { from: string; to: string }; anomalies: { id: string; kind: string; state: string }[] } };
    expect(body.digest.schedule.id).toBe(s.id);
    expect(body.digest.window).toEqual({ from: '2026-11-23T00:00:00.000Z', to: '2026-11-23T01:00:00.000Z' });
    expect(body.digest.anomalies.map((x) => [x.kind, x.state])).toEqual([
      ['gc_storm', 'new'],
      ['counter_reset', 'new'],
    ]);
    expect(req.headers['x-triangulate-delivery']).toMatch(/:0$/);
  });

  it('a run whose runner died mid-delivery is taken over once and no channel is sent twice', async () => {
    const other = await startReceiver();
    const third = await startReceiver();
    try {
      const s = await schedule([webhook(), { type: 'webhook', url: other.url }, { type: 'webhook', url: third.url }]);
      const row = (await getScheduleRow(a, s.id))!;
      const slot = at('2026-11-23T01:00:00Z');
      const rendered = await buildDigest(runnerDeps(a, 'dead', fakeScan()), row, { fromMs: slot - 3_600_000, toMs: slot }, slot, { withSnapshots: false, excludeRunId: null });
      // The dead runner delivered channel 0, was in the middle of channel 1, never reached 2.
      await a.digestRun.create({
        data: {
          id: 'crashed-run',
          scheduleId: s.id,
          scheduledFor: new Date(slot),
          status: 'running',
          windowFrom: new Date(slot - 3_600_000),
          windowTo: new Date(slot),
          leaseOwner: 'dead-runner',
          leaseUntil: new Date(slot + 60_000),
          attempts: 1,
          rendered: JSON.stringify(rendered),
          channelResults: JSON.stringify([
            { index: 0, type: 'webhook', target: hook.url, status: 'delivered', attempts: 1, at: new Date(slot).toISOString() },
            { index: 1, type: 'webhook', target: other.url, status: 'sending', attempts: 0, at: new Date(slot).toISOString() },
          ]),
        },
      });
      const scan = fakeScan();
      const later = slot + 10 * 60_000;
      const results = await Promise.all([tick(runnerDeps(a, 'runner-a', scan), later), tick(runnerDeps(updater(), 'runner-b', scan), later)]);
      expect(results.flatMap((r) => r.resumed)).toEqual(['crashed-run']);
      expect(hook.received).toHaveLength(0);
      expect(other.received).toHaveLength(0);
      expect(third.received).toHaveLength(1);
      expect(scan.calls).toHaveLength(0); // the stored digest is sent, not a new one
      const [run] = await listRuns(a, s.id);
      expect(run.status).toBe('failed');
      expect(run.attempts).toBe(2);
      expect(run.channelResults.map((c) => c.status)).toEqual(['delivered', 'failed', 'delivered']);
      expect(run.error).toMatch(/stopped mid-delivery; not resent/);
      const audited = await listAudit(a, { action: 'digest.run', limit: 10 });
      expect(audited.map((e) => [e.actor.id, e.detail.runId, e.detail.trigger, e.detail.attempt])).toEqual([['scheduler', 'crashed-run', 'resume', 2]]);
    } finally {
      await other.close();
      await third.close();
    }
  });

  it('after downtime the most recent slot inside the grace period runs once, older ones are recorded missed', async () => {
    const s = await schedule([webhook()]);
    const scan = fakeScan();
    await tick(runnerDeps(a, 'runner-a', scan), at('2026-11-23T01:00:04Z'));
    // Down from 01:00 until 05:10: slots 02:00, 03:00, 04:00 are missed; 05:00 is 10 min old.
    const startUp = at('2026-11-23T05:10:00Z');
    const [r1, r2] = await Promise.all([tick(runnerDeps(a, 'runner-a', scan), startUp), tick(runnerDeps(updater(), 'runner-b', scan), startUp)]);
    expect(r1.ran.length + r2.ran.length).toBe(1);
    expect(r1.missed + r2.missed).toBe(3);
    const runs = await listRuns(a, s.id);
    expect(runs.map((r) => [r.scheduledFor.slice(11, 16), r.status, r.trigger])).toEqual([
      ['05:00', 'sent', 'catch_up'],
      ['04:00', 'missed', 'schedule'],
      ['03:00', 'missed', 'schedule'],
      ['02:00', 'missed', 'schedule'],
      ['01:00', 'sent', 'schedule'],
    ]);
    // Since the last run: the catch-up digest covers the whole downtime.
    expect(runs[0].window).toEqual({ from: '2026-11-23T01:00:00.000Z', to: '2026-11-23T05:00:00.000Z' });
    expect(runs[0].rendered?.digest.counts).toMatchObject({ total: 2, new: 0, ongoing: 2 });
    expect(hook.received).toHaveLength(2);
  });

  it('sends incidents first, marks them new then still going, and leaves muted findings out', async () => {
    const s = await schedule([webhook()]);
    const scan = fakeScan();
    await tick(runnerDeps(a, 'runner-a', scan), at('2026-11-23T01:00:04Z'));
    // Someone mutes the counter reset before the next digest; the GC storm is acknowledged (stays).
    await createMute(a, muteInput.parse({ findingId: 'reset-1', mode: 'mute', by: 'ana', reason: 'known restart', for: '4h' }), at('2026-11-23T01:30:00Z'));
    await createMute(a, muteInput.parse({ findingId: 'gc-1', mode: 'ack', by: 'bo', reason: 'on it', for: '4h' }), at('2026-11-23T01:30:00Z'));
    await tick(runnerDeps(a, 'runner-a', scan), at('2026-11-23T02:00:04Z'));
    const [second, first] = await listRuns(a, s.id);
    expect(first.rendered?.digest.incidents?.map((i) => i.state)).toEqual(['new']);
    const d = second.rendered!.digest;
    expect(d.incidents?.map((i) => [i.state, i.services])).toEqual([['ongoing', ['risk-engine']]]);
    expect(d.groups.flatMap((g) => g.findings.map((f) => f.id))).toEqual(['gc-1']);
    expect(d.muted).toBe(1);
    expect(d.telemetryHealth).toMatchObject({ total: 0, resolved: 1 });
    const text = second.rendered!.text;
    expect(text.indexOf('== Incidents ==')).toBeLessThan(text.indexOf('== All findings =='));
    expect(text).toContain('1 muted finding is left out.');
  });

  it('a slot older than the grace period is recorded missed and not sent', async () => {
    const s = await schedule([webhook()]);
    const scan = fakeScan();
    const startUp = at('2026-11-23T03:40:00Z');
    const out = await tick(runnerDeps(a, 'runner-a', scan, { graceMs: 30 * 60_000 }), startUp);
    expect(out).toMatchObject({ ran: [], missed: 3 });
    expect(hook.received).toHaveLength(0);
    await tick(runnerDeps(a, 'runner-a', scan, { graceMs: 30 * 60_000 }), startUp + 60_000);
    expect(await a.digestRun.count({ where: { scheduleId: s.id } })).toBe(3);
    const runs = await listRuns(a, s.id);
    expect(runs[0].error).toMatch(/not running at the scheduled time/);
  });

  it('a failing receiver is retried with backoff, then the run ends failed with the reason', async () => {
    const s = await schedule([webhook()]);
    hook.failNext(10);
    const sleeps: number[] = [];
    await tick(runnerDeps(a, 'runner-a', fakeScan(), { sleep: async (ms) => void sleeps.push(ms) }), at('2026-11-23T01:00:05Z'));
    const [run] = await listRuns(a, s.id);
    expect(run.status).toBe('failed');
    // The status only: the receiver's body ("receiver is down") is not echoed into run history.
    expect(run.error).toMatch(/gave up after 3 attempts: delivery failed \(HTTP 503\)$/);
    expect(run.channelResults[0]).toMatchObject({ status: 'failed', attempts: 3 });
    expect(hook.received).toHaveLength(3);
    expect(new Set(hook.received.map((r) => r.headers['x-triangulate-delivery'])).size).toBe(1);
    expect(sleeps).toEqual([1, 2]);
  });

  it('a receiver that recovers gets the digest once, on the retry', async () => {
    const s = await schedule([webhook()]);
    hook.failNext(1);
    await tick(runnerDeps(a, 'runner-a', fakeScan()), at('2026-11-23T01:00:05Z'));
    const [run] = await listRuns(a, s.id);
    expect(run.status).toBe('sent');
    expect(run.channelResults[0]).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(hook.received.map((r) => r.headers['x-triangulate-delivery'])).toHaveLength(2);
  });

  it('e-mail goes through a real SMTP server with an HTML and a plain-text part', async () => {
    const smtp = await startSmtp('digest', 'mail-pass');
    try {
      const s = await schedule([{ type: 'email', to: ['oncall@example.com', 'sre@example.com'] }]);
      const mail = { url: `smtp://digest:mail-pass@127.0.0.1:${smtp.port}`, from: 'Triangulate <digests@example.com>' };
      const record = await runNow(runnerDeps(a, 'runner-a', fakeScan(), { channels: { mail, webhookSecret: () => null, egress: LOOPBACK_EGRESS } }), s.id, at('2026-11-23T08:00:00Z'));
      expect(record.status).toBe('sent');
      expect(smtp.messages).toHaveLength(1);
      const [msg] = smtp.messages;
      expect(msg.user).toBe('digest');
      expect(msg.to).toEqual(['oncall@example.com', 'sre@example.com']);
      const raw = msg.raw.replace(/=\r?\n/g, '');
      expect(raw).toMatch(/Content-Type: multipart\/alternative/i);
      expect(raw).toMatch(/Content-Type: text\/plain/i);
      expect(raw).toMatch(/Content-Type: text\/html/i);
      expect(raw).toContain('Subject: [Triangulate] Night watch: 1 incident (1 new); 2 findings, 2 new');
      expect(raw).toContain('GC storm');
      expect(raw).toContain('Counter reset');
    } finally {
      await smtp.close();
    }
  });

  it('e-mail without SMTP configured fails at once with the reason', async () => {
    const s = await schedule([{ type: 'email', to: ['oncall@example.com'] }]);
    const record = await runNow(runnerDeps(a, 'runner-a', fakeScan()), s.id, at('2026-11-23T08:00:00Z'));
    expect(record).toMatchObject({ status: 'failed', error: expect.stringContaining('SMTP_URL is not configured') });
    expect(record.channelResults[0].attempts).toBe(1);
  });

  it('"Run now" marks findings against the previous digest and skips an empty one when told to', async () => {
    const s = await schedule([webhook()], { skipEmpty: true });
    const scan = fakeScan();
    const first = await runNow(runnerDeps(a, 'runner-a', scan), s.id, at('2026-11-23T08:00:00Z'));
    expect(first).toMatchObject({ status: 'sent', trigger: 'manual', scheduledFor: '2026-11-23T08:00:00.000Z' });
    scan.anomalies = [scan.anomalies[0], ORPHANS];
    const second = await runNow(runnerDeps(a, 'runner-a', scan), s.id, at('2026-11-23T09:00:00Z'));
    expect(second.window.from).toBe('2026-11-23T08:00:00.000Z');
    const states = second.rendered!.digest.groups.flatMap((g) => g.findings.map((f) => [f.id, f.state]));
    expect(states).toEqual([
      ['gc-1', 'ongoing'],
      ['orphan-1', 'new'],
    ]);
    expect(second.rendered!.digest.resolved.map((r) => r.id)).toEqual(['reset-1']);
    scan.anomalies = [];
    const third = await runNow(runnerDeps(a, 'runner-a', scan), s.id, at('2026-11-23T10:00:00Z'));
    expect(third.status).toBe('sent'); // two resolved findings are news
    const fourth = await runNow(runnerDeps(a, 'runner-a', scan), s.id, at('2026-11-23T11:00:00Z'));
    expect(fourth.status).toBe('skipped');
    expect(hook.received).toHaveLength(3);
  });

  it('attaches snapshot links: one for the window, one per trace finding', async () => {
    const s = await schedule([webhook()]);
    const made: { name: string; path: string; withResponse: boolean }[] = [];
    const snapshot = async (req: { name: string; path: string; response?: unknown }) => {
      made.push({ name: req.name, path: req.path, withResponse: req.response !== undefined });
      return `https://triangulate.example/s/${made.length}`;
    };
    const scan = fakeScan();
    scan.anomalies = [...scan.anomalies, ORPHANS];
    const record = await runNow(runnerDeps(a, 'runner-a', scan, { snapshot }), s.id, at('2026-11-23T08:00:00Z'));
    expect(made.map((m) => [m.path.split('?')[0], m.withResponse])).toEqual([
      ['/anomalies', true],
      [`/trace/${ORPHANS.subject.traceId}`, false],
    ]);
    const links = Object.fromEntries(record.rendered!.digest.groups.flatMap((g) => g.findings.map((f) => [f.id, f.snapshotUrl])));
    expect(links).toEqual({ 'gc-1': 'https://triangulate.example/s/1', 'reset-1': 'https://triangulate.example/s/1', 'orphan-1': 'https://triangulate.example/s/2' });
    expect(record.rendered!.text).toContain('https://triangulate.example/s/1');
  });
});
