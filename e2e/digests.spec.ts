import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';

/**
 * The morning digest on the demo incident: an SRE creates a schedule with a signed webhook
 * (a real receiver started by this test on 127.0.0.1), presses "Run now", and finds the run
 * in the history with the GC storm (risk-engine) and the counter reset (payment-gateway) —
 * and the receiver got the same digest, signed with the secret.
 */

const SECRET = 'e2e-digest-signing-secret';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

let server: Server;
let hookUrl = '';
const received: Received[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/digest`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const validSignature = (body: string, header: string | undefined) => {
  const expected = Buffer.from(`sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

test('a digest created on the demo incident and run now shows the GC storm and the counter reset', async ({ page }) => {
  test.setTimeout(120_000);
  const name = `Demo digest ${Date.now()}`;
  await page.goto('/digests');
  const form = page.getByTestId('digest-form');
  // A click that lands before hydration does nothing: retry until the form is open.
  await expect(async () => {
    await page.getByTestId('digest-new').click();
    await expect(form).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await form.getByTestId('digest-name').fill(name);
  await form.getByTestId('digest-preset').selectOption({ label: 'Weekdays at 09:00' });
  await expect(form.getByTestId('digest-cron')).toHaveValue('0 9 * * 1-5');
  await form.getByTestId('digest-timezone').fill('Europe/Berlin');
  // The demo incident happened within the last hour.
  await form.getByTestId('digest-window').selectOption('1h');
  await form.getByTestId('digest-add-webhook').click();
  await form.getByTestId('channel-url').fill(hookUrl);
  await form.getByTestId('channel-secret').fill(SECRET);
  await form.getByTestId('digest-save').click();

  const card = page.getByTestId('digest-schedule').filter({ hasText: name });
  await expect(card).toBeVisible();
  await expect(card).toContainText('0 9 * * 1-5');
  await expect(card).toContainText('(signed)');
  await expect(card).not.toContainText(SECRET);
  await expect(card.getByTestId('digest-history-empty')).toBeVisible();

  await card.getByTestId('digest-run-now').click();
  const run = card.getByTestId('digest-run').filter({ hasText: 'run now' }).first();
  await expect(run).toBeVisible({ timeout: 90_000 });
  await expect(run.getByTestId('digest-run-status')).toHaveText('sent');
  await run.locator('summary').click();
  const rendered = run.getByTestId('digest-run-rendered');
  await expect(rendered).toContainText('GC storm');
  await expect(rendered).toContainText('risk-engine');
  // payment-gateway's counter resets arrive as one restart row, not one row per series.
  await expect(rendered).toContainText('restarted at');
  await expect(rendered).toContainText('payment-gateway');
  await expect(run.getByTestId('digest-run-channels')).toContainText('delivered');

  // The receiver got exactly one delivery, signed, carrying the same findings.
  expect(received).toHaveLength(1);
  const [delivery] = received;
  expect(validSignature(delivery.body, delivery.headers['x-triangulate-signature'] as string | undefined)).toBe(true);
  const body = JSON.parse(delivery.body) as { digest: { schedule: { name: string }; anomalies: { kind: string; service?: string; snapshotUrl: string | null }[] } };
  expect(body.digest.schedule.name).toBe(name);
  const found = body.digest.anomalies.map((a) => `${a.kind}@${a.service}`);
  expect(found).toContain('gc_storm@risk-engine');
  expect(found).toContain('counter_reset@payment-gateway');
  // Evidence survives retention: every finding links to a snapshot share.
  for (const a of body.digest.anomalies) expect(a.snapshotUrl).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/);
});
