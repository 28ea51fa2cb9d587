/**
 * The demo process: the emulated backends of the demo incident on one port.
 * Usage: tsx demo/main.ts [--port 0] [--host 127.0.0.1]; DEMO_ANCHOR_MS (unix ms) says when
 * the demo "started" (default: now, to the minute). Prints one line with its URL once
 * listening; `npm run demo` (scripts/run-demo.ts) starts it next to the app.
 */
import { resolveAnchorMs } from './scenario/anchor';
import { startDemoServer } from './server';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};

async function main() {
  const anchorMs = resolveAnchorMs(process.env.DEMO_ANCHOR_MS, Date.now());
  const demo = await startDemoServer({ anchorMs, host: arg('host', '127.0.0.1'), port: Number(arg('port', '0')) });
  console.log(`[demo] backends on ${demo.url} (story anchored at ${new Date(anchorMs).toISOString()})`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => void demo.close().then(() => process.exit(0)));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
