/**
 * For teams that prefer their own cron: `npm run digest -- --once <scheduleId>` builds and
 * sends one digest now (like "Run now"); `npm run digest -- --due` runs whatever is due,
 * exactly as one tick of the in-process runner (safe next to running servers: the
 * database still lets only one of them have each slot). Exit code 1 when a run failed.
 */
import { db } from '../lib/db';
import { runNow, tick } from '../lib/digests/runner';
import { serverRunnerDeps } from '../lib/digests/server';

const USAGE = 'usage: npm run digest -- --once <scheduleId> | --due';

async function main(argv: string[]): Promise<number> {
  const deps = serverRunnerDeps();
  if (argv[0] === '--once' && argv[1]) {
    const run = await runNow(deps, argv[1], Date.now(), 'cli');
    console.log(`${run.status}: digest run ${run.id}, window ${run.window.from} → ${run.window.to}, ${run.counts.total ?? 0} finding(s)`);
    for (const c of run.channelResults) console.log(`  ${c.type} ${c.target}: ${c.status}${c.error ? ` (${c.error})` : ''}`);
    if (run.error) console.error(run.error);
    return run.status === 'failed' ? 1 : 0;
  }
  if (argv[0] === '--due') {
    const out = await tick(deps, Date.now());
    console.log(`ran ${out.ran.length}, resumed ${out.resumed.length}, missed ${out.missed}, taken by another runner ${out.lost}`);
    const failed = await deps.db.digestRun.count({ where: { id: { in: [...out.ran, ...out.resumed] }, status: 'failed' } });
    return failed > 0 ? 1 : 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await db().$disconnect();
    process.exit(code);
  })
  .catch(async (err: Error) => {
    console.error(err.message);
    await db().$disconnect();
    process.exit(1);
  });
