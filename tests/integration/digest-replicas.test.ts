import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPTY_KEYRING } from '@/lib/crypto/secret-box';
import type { Db } from '@/lib/db';
import { createSchedule } from '@/lib/digests/store';
import { createScheduleInput, type ChannelResult } from '@/lib/digests/types';
import { makeEgressPolicy } from '@/lib/net/egress-policy';
import { openMigrated, wipe } from '../helpers/db';

/**
 * Done-when of issue 14, "Replicas" (docs/reliability.md): two runner processes on one
 * PostgreSQL race 1,000 digest slots; one is killed (SIGKILL) in the middle of a delivery.
 * No delivery arrives twice, no slot is lost, and every channel's recorded state is true:
 * "delivered" ones arrived exactly once, and the ones cut off mid-send are recorded as
 * such ("not resent so it cannot arrive twice"), never silently dropped.
 */

const SLOTS = 1_000;
const pg = process.env.PG_TEST_URL;

describe.skipIf(!pg)('two replicas racing 1,000 digest slots on PostgreSQL', () => {
  let db: Db;
  let server: Server;
  const received = new Map<string, string[]>(); // delivery id → senders
  const replicas = new Map<string, ChildProcess>();
  let killAfter = 150;
  let killed: string | null = null;

  const start = (name: string) => {
    // node itself (tsx as a loader), so signals reach the runner and not a wrapper process.
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/digest-replica.ts'), pg!, name], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', () => undefined);
    replicas.set(name, child);
    return new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  };

  beforeAll(async () => {
    db = openMigrated(pg!);
    await wipe(db);
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const id = String(req.headers['x-triangulate-delivery']);
        const sender = /https:\/\/(replica-[ab])\.example/.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '?';
        received.set(id, [...(received.get(id) ?? []), sender]);
        // Mid-delivery: replica A's 150th delivery arrives, and A dies before it hears the answer.
        if (sender === 'replica-a' && --killAfter === 0) {
          killed = id;
          replicas.get('replica-a')!.kill('SIGKILL');
          return; // never answered
        }
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/digest`;
    const rules = { egress: makeEgressPolicy({ allow: ['127.0.0.1'] }), maxSchedules: SLOTS + 1, keyring: EMPTY_KEYRING };
    // Daily schedules (UTC) whose slot was 20 minutes ago, made half an hour before it: each has
    // exactly one due slot however long the test runs (an hourly one gained a second slot when
    // the run crossed the hour: 2,000 runs).
    const slot = new Date(Math.floor((Date.now() - 20 * 60_000) / 60_000) * 60_000);
    const cron = `${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
    const created = slot.getTime() - 30 * 60_000;
    for (let i = 0; i < SLOTS; i++) await createSchedule(db, createScheduleInput.parse({ name: `s${i}`, cron, timezone: 'UTC', channels: [{ type: 'webhook', url: hook }] }), created, rules);
  }, 120_000);

  afterAll(async () => {
    // Every replica must be gone before the next test file uses this database.
    for (const c of replicas.values()) {
      if (c.exitCode !== null || c.signalCode !== null) continue;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (c.exitCode === null && c.signalCode === null) {
        c.kill('SIGKILL');
        await exited;
      }
    }
    server?.closeAllConnections();
    server?.close();
    if (db) await wipe(db);
    await db?.$disconnect();
  });

  it('0 duplicates, 0 lost, every channel state true', async () => {
    const t0 = Date.now();
    await Promise.all([start('replica-a'), start('replica-b')]);
    const deadline = Date.now() + 240_000;
    let open = SLOTS;
    while (Date.now() < deadline) {
      open = await db.digestRun.count({ where: { status: { notIn: ['sent', 'failed'] } } });
      const runs = await db.digestRun.count();
      if (runs === SLOTS && open === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(killed).not.toBeNull();
    const runs = await db.digestRun.findMany();
    expect(runs).toHaveLength(SLOTS); // one run per slot: none lost, none doubled
    expect(open).toBe(0);

    const duplicates = [...received.values()].filter((s) => s.length > 1).length;
    expect(duplicates).toBe(0);

    const states = { delivered: 0, cutOff: 0, other: [] as string[] };
    for (const run of runs) {
      const [result] = JSON.parse(run.channelResults) as ChannelResult[];
      const id = `${run.id}:0`;
      if (result?.status === 'delivered') {
        expect(received.get(id)).toHaveLength(1);
        states.delivered += 1;
      } else if (result?.status === 'failed' && /stopped mid-delivery/.test(result.error ?? '')) {
        expect((received.get(id) ?? []).length).toBeLessThanOrEqual(1);
        states.cutOff += 1;
      } else states.other.push(`${run.id}: ${run.status} ${JSON.stringify(result)}`);
    }
    expect(states.other).toEqual([]);
    expect(states.cutOff).toBeGreaterThanOrEqual(1); // at least the delivery A died in
    expect(states.delivered + states.cutOff).toBe(SLOTS);
    expect(JSON.parse(runs.find((r) => `${r.id}:0` === killed)!.channelResults)[0].status).toBe('failed');
    console.log(`[replicas] ${((Date.now() - t0) / 1000).toFixed(0)} s, ${SLOTS} slots: ${states.delivered} delivered once, ${states.cutOff} cut off mid-send by the kill (recorded, not resent), 0 duplicates, 0 lost`);
  }, 300_000);
});
