import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as oneRoute from '@/app/api/v1/digests/[id]/route';
import * as runRoute from '@/app/api/v1/digests/[id]/run/route';
import * as runsRoute from '@/app/api/v1/digests/[id]/runs/route';
import * as listRoute from '@/app/api/v1/digests/route';
import { draftFromScheduleForm, scheduleFormFromRecord } from '@/components/digests/schedule-form-model';
import { resetConfigForTests } from '@/lib/config';
import { anomaliesPath } from '@/lib/routes';
import { serverRunnerDeps } from '@/lib/digests/server';
import { GC_STORM, scanResponse } from '@/lib/digests/test-fixtures';
import type { ScheduleRecord } from '@/lib/digests/types';
import type { Db } from '@/lib/db';
import { resetSourcesForTests } from '@/lib/sources';
import { listViews } from '@/lib/views/saved-views';
import { startFakeApp, type FakeApp } from '@/lib/views/test-helpers';
import { testDatabases, useAsProcessDb } from '../helpers/db';
import { signedInHeaders } from '../helpers/auth';
import { runList, runRecord } from '@/lib/api/contract/digests';
import { expectContract } from '../helpers/contract';

const BASE = 'http://127.0.0.1:3000';
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const send = (method: string, path: string, body?: unknown) =>
  new Request(`${BASE}${path}`, { method, headers: signedInHeaders(undefined, { 'content-type': 'application/json' }), body: body === undefined ? undefined : JSON.stringify(body) });
const SECRET = 'never-show-me-0123';

let app: FakeApp;
const savedEnv = { ...process.env };
beforeAll(async () => {
  // No datasource: the demo Loki and Jaeger point at a fake app that has none of their APIs.
  app = await startFakeApp();
  for (const k of ['PROMETHEUS_URL', 'LOKI_URL', 'JAEGER_URL', 'DEMO_PROMETHEUS_URL', 'SMTP_URL']) delete process.env[k];
  const fake = `http://127.0.0.1:${app.port}`;
  Object.assign(process.env, { HOST: '127.0.0.1', PORT: String(app.port), PUBLIC_URL: 'https://triangulate.example', DEMO_LOKI_URL: `${fake}/loki`, DEMO_JAEGER_URL: `${fake}/jaeger` });
  resetConfigForTests();
  resetSourcesForTests();
});
afterAll(async () => {
  process.env = savedEnv;
  resetConfigForTests();
  resetSourcesForTests();
  await app.close();
});

describe.each(testDatabases())('digests API on $name', ({ url }) => {
  // The route handlers use the process-wide client: point it at this database.
  const processDb = useAsProcessDb(url, { beforeAll, beforeEach, afterAll });
  let db: Db;
  beforeAll(() => {
    db = processDb();
  });

  const create = async (body: object) => {
    const res = await listRoute.POST(send('POST', '/api/v1/digests', body));
    return { status: res.status, text: await res.text() };
  };
  const valid = { name: 'Morning', cron: '0 9 * * 1-5', timezone: 'Europe/Berlin', channels: [{ type: 'webhook', url: 'https://hooks.example/in', secret: SECRET }] };

  it('refuses a bad cron, an unknown time zone and a non-http channel with a 400 that says why', async () => {
    const badCron = await create({ ...valid, cron: '0 25 * * *' });
    expect(badCron.status).toBe(400);
    expect(JSON.parse(badCron.text).error.message).toMatch(/invalid cron expression: .*hour/i);
    const badZone = await create({ ...valid, timezone: 'Europe/Atlantis' });
    expect(badZone.status).toBe(400);
    expect(JSON.parse(badZone.text).error).toMatchObject({ code: 'bad_timezone' });
    const badUrl = await create({ ...valid, channels: [{ type: 'webhook', url: 'ftp://files.example/x' }] });
    expect(badUrl.status).toBe(400);
    expect(JSON.parse(badUrl.text).error.message).toMatch(/channels\.0\.url/);
  });

  it('creates a schedule with its next run and never returns the secret, also after an update', async () => {
    const created = await create(valid);
    expect(created.status).toBe(201);
    expect(created.text).not.toContain(SECRET);
    const body = JSON.parse(created.text) as { id: string; nextRunAt: string; channels: unknown[] };
    expect(body.channels).toEqual([{ type: 'webhook', url: 'https://hooks.example/…e/in', masked: true, hasSecret: true }]);
    expect(Date.parse(body.nextRunAt)).toBeGreaterThan(Date.now());
    const list = await (await listRoute.GET()).text();
    expect(list).not.toContain(SECRET);
    const patched = await oneRoute.PATCH(send('PATCH', `/api/v1/digests/${body.id}`, { name: 'Mornings', channels: body.channels }), ctx(body.id));
    expect(patched.status).toBe(200);
    expect(await patched.text()).not.toContain(SECRET);
    const row = await db.digestSchedule.findUniqueOrThrow({ where: { id: body.id } });
    expect(JSON.parse(row.channels)).toEqual([{ type: 'webhook', url: 'https://hooks.example/in', secret: SECRET }]);
  });

  it('saves an edit made in the form without losing the stored webhook secret or Slack URL, and replaces what is typed', async () => {
    const slackUrl = 'https://hooks.slack.com/services/T000/B000/abcdefXYZ9';
    const created = JSON.parse((await create({ ...valid, channels: [...valid.channels, { type: 'slack', url: slackUrl }] })).text) as ScheduleRecord;
    const patch = (body: object) => oneRoute.PATCH(send('PATCH', `/api/v1/digests/${created.id}`, body), ctx(created.id));
    const storedChannels = async () => JSON.parse((await db.digestSchedule.findUniqueOrThrow({ where: { id: created.id } })).channels) as unknown;

    // What the Edit form sends when only the name changed: secret field and Slack URL left empty.
    const form = scheduleFormFromRecord(created);
    const untouched = await patch(draftFromScheduleForm({ ...form, name: 'Renamed' }));
    expect(untouched.status).toBe(200);
    const text = await untouched.text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('abcdefXYZ9');
    expect(JSON.parse(text)).toMatchObject({ name: 'Renamed', enabled: true, channels: created.channels });
    expect(await storedChannels()).toEqual([
      { type: 'webhook', url: 'https://hooks.example/in', secret: SECRET },
      { type: 'slack', url: slackUrl },
    ]);

    // Typed values replace the stored ones.
    const [hook, slack] = form.channels;
    const retyped = await patch(
      draftFromScheduleForm({
        ...form,
        channels: [
          { ...hook, secret: 'a-brand-new-secret' } as typeof hook,
          { ...slack, url: 'https://hooks.slack.com/services/T000/B000/newnewNEW1' } as typeof slack,
        ],
      }),
    );
    expect(retyped.status).toBe(200);
    expect(await storedChannels()).toEqual([
      { type: 'webhook', url: 'https://hooks.example/in', secret: 'a-brand-new-secret' },
      { type: 'slack', url: 'https://hooks.slack.com/services/T000/B000/newnewNEW1' },
    ]);
  });

  it('makes the saved view behind a digest snapshot link as the digest\'s: kept out of the /views listing', async () => {
    const fromMs = Date.parse('2026-11-23T06:00:00Z');
    const toMs = Date.parse('2026-11-23T08:00:00Z');
    const make = serverRunnerDeps().snapshot!;
    const url = await make({ name: 'Digest: Mornings', path: anomaliesPath(fromMs, toMs), response: scanResponse([GC_STORM], fromMs, toMs) });
    expect(url).toMatch(/^https:\/\/triangulate\.example\//);
    const made = await db.savedView.findMany({ include: { shares: true } });
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ name: 'Digest: Mornings', origin: 'digest' });
    expect(made[0].shares).toHaveLength(1);
    expect(await listViews(db)).toEqual([]);
    expect((await listViews(db, { origin: 'digest' })).map((v) => v.id)).toEqual([made[0].id]);
  });

  it('"Run now" runs through the server wiring and lands in the history; unknown ids are 404', async () => {
    const { id } = JSON.parse((await create({ ...valid, channels: [] })).text) as { id: string };
    const ran = await runRoute.POST(send('POST', `/api/v1/digests/${id}/run`), ctx(id));
    expect(ran.status).toBe(201);
    const run = expectContract(runRecord, await ran.json());
    expect(run).toMatchObject({ status: 'sent', trigger: 'manual' });
    expect(run.rendered?.text).toContain('Nothing to report');
    expect(run.rendered?.text).toContain('may be incomplete'); // the fake app has no Loki or Jaeger
    const runs = expectContract(runList, await (await runsRoute.GET(send('GET', `/api/v1/digests/${id}/runs`), ctx(id))).json());
    expect(runs.runs).toHaveLength(1);
    expect((await runRoute.POST(send('POST', '/api/v1/digests/nope/run'), ctx('nope'))).status).toBe(404);
    expect((await runsRoute.GET(send('GET', '/api/v1/digests/nope/runs'), ctx('nope'))).status).toBe(404);
    expect((await oneRoute.DELETE(send('DELETE', `/api/v1/digests/${id}`), ctx(id))).status).toBe(200);
    expect(await db.digestRun.count()).toBe(0);
  });
});
