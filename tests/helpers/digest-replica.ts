/**
 * One digest replica for tests/integration/digest-replicas.test.ts, in a process of its
 * own: ticks the runner against the shared PostgreSQL until told to stop (or killed).
 * argv: <database url> <replica name>. Deliveries go to the test's 127.0.0.1 receiver,
 * whose address is in each schedule; `publicUrl` names the replica in every digest body.
 */
import { EMPTY_KEYRING } from '../../lib/crypto/secret-box';
import { createDb } from '../../lib/db';
import { tick } from '../../lib/digests/runner';
import { GC_STORM, scanResponse } from '../../lib/digests/test-fixtures';
import { makeEgressPolicy } from '../../lib/net/egress-policy';

const [url, name] = process.argv.slice(2);
const db = createDb(url);
let stopping = false;
process.on('SIGTERM', () => (stopping = true));

async function main(): Promise<void> {
  const deps = {
    db,
    owner: name,
    scan: async (q: { fromMs: number; toMs: number }) => ({ response: scanResponse([GC_STORM], q.fromMs, q.toMs), traces: [] }),
    snapshot: null,
    channels: { mail: null, webhookSecret: () => null, egress: makeEgressPolicy({ allow: ['127.0.0.1'] }), timeoutMs: 60_000 },
    publicUrl: `https://${name}.example`,
    retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
    leaseMs: 3_000,
    keyring: EMPTY_KEYRING,
    scheduleConcurrency: 8,
    log: (m: string, e?: unknown) => console.error(`[${name}] ${m}`, e instanceof Error ? e.message : ''),
  };
  console.log('ready');
  while (!stopping) {
    await tick(deps, Date.now());
    await new Promise((r) => setTimeout(r, 250));
  }
  await db.$disconnect();
}

main().catch((e: Error) => {
  console.error(e);
  process.exit(1);
});
