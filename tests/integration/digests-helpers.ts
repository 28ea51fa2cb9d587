import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { RunnerDeps, ScanQuery } from '@/lib/digests/runner';
import type { Db } from '@/lib/db';
import { COUNTER_RESET, GC_STORM, scanResponse } from '@/lib/digests/test-fixtures';
import type { Anomaly } from '@/lib/model/anomaly';
import { parseKeyring } from '@/lib/crypto/secret-box';
import { makeEgressPolicy } from '@/lib/net/egress-policy';

/** The receivers below listen on 127.0.0.1: the egress policy must list it (docs/security.md, "Egress"). */
export const LOOPBACK_EGRESS = makeEgressPolicy({ allow: ['127.0.0.1'], mailDomains: ['example.com'] });
/** Channels are stored sealed in these tests, as in a deployment with DIGEST_ENCRYPTION_KEYS. */
export const TEST_KEYRING = parseKeyring(`test1:${Buffer.alloc(32, 7).toString('base64')}`);
export const TEST_RULES = { egress: LOOPBACK_EGRESS, maxSchedules: 100, keyring: TEST_KEYRING };

/** Real local receivers (HTTP webhook, SMTP) and runner wiring for the digest integration tests. */

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Answer this status to the next N requests (then 200). */
  failNext: (n: number, status?: number) => void;
  close: () => Promise<void>;
}

const closeServer = (s: Server) => new Promise<void>((resolve) => s.close(() => resolve()));

export async function startReceiver(): Promise<Receiver> {
  let failing = 0;
  let failStatus = 503;
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (failing > 0) {
        failing -= 1;
        res.statusCode = failStatus;
        res.end('receiver is down');
        return;
      }
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/digest`,
    received,
    failNext: (n, status = 503) => {
      failing = n;
      failStatus = status;
    },
    close: () => closeServer(server),
  };
}

export interface Mailbox {
  port: number;
  messages: { from: string; to: string[]; raw: string; user: string | undefined }[];
  close: () => Promise<void>;
}

/** A real SMTP server (smtp-server) on 127.0.0.1 with password auth. */
export async function startSmtp(user: string, pass: string): Promise<Mailbox> {
  const messages: Mailbox['messages'] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) cb(null, { user });
      else cb(new Error('bad credentials'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface FakeScan {
  scan: RunnerDeps['scan'];
  calls: ScanQuery[];
  anomalies: Anomaly[];
}

/** The detectors' answer for any window: what `anomalies` holds at the time of the call. */
export function fakeScan(anomalies: Anomaly[] = [GC_STORM, COUNTER_RESET]): FakeScan {
  const fake: FakeScan = {
    calls: [],
    anomalies,
    scan: async (q) => {
      fake.calls.push(q);
      // No sampled traces: incidents link findings on the same service only.
      return { response: scanResponse(fake.anomalies, q.fromMs, q.toMs), traces: [] };
    },
  };
  return fake;
}

export function runnerDeps(db: Db, owner: string, scan: FakeScan, extra: Partial<RunnerDeps> = {}): RunnerDeps {
  return {
    db,
    owner,
    scan: scan.scan,
    snapshot: null,
    channels: { mail: null, webhookSecret: (c) => c.secret ?? null, egress: LOOPBACK_EGRESS },
    publicUrl: 'https://triangulate.example',
    keyring: TEST_KEYRING,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 },
    sleep: async () => {},
    ...extra,
  };
}
