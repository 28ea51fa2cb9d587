import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/lib/prometheus-server';

/**
 * The trace page's peer, Jaeger UI (/work/shared/peer/README.md): its production build and
 * fake query API with deterministic 1k/10k/50k-span traces, served by the peer's own
 * server.mjs on 127.0.0.1, so ratios against it are measured in the same run.
 */
export const PEER_DIR = process.env.JAEGER_UI_PEER_DIR || '/work/shared/peer';

export interface JaegerUiPeer {
  url: string;
  /** Trace id by span count. */
  traceIds: Record<number, string>;
  stop(): Promise<void>;
}

export async function startJaegerUiPeer(): Promise<JaegerUiPeer | { skipped: string }> {
  const tgz = path.join(PEER_DIR, 'jaeger-ui-build-c321fb32.tgz');
  if (!existsSync(tgz) || !existsSync(path.join(PEER_DIR, 'server.mjs'))) return { skipped: `Jaeger UI peer not found in ${PEER_DIR}` };
  const dir = path.join(tmpdir(), 'triangulate-bench-jaeger-ui-c321fb32');
  if (!existsSync(path.join(dir, 'build/index.html'))) {
    mkdirSync(dir, { recursive: true });
    const r = spawnSync('tar', ['xzf', tgz, '-C', dir], { encoding: 'utf8' });
    if (r.status !== 0) return { skipped: `could not extract the Jaeger UI build: ${r.stderr}` };
  }
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(PEER_DIR, 'server.mjs'), path.join(dir, 'build'), String(port)], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
    }
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !/trace ids:.*\n/.test(out)) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const ids = /trace ids: (.*)\n/.exec(out)?.[1];
  if (!ids) {
    await stop();
    return { skipped: `the Jaeger UI peer did not start: ${out.slice(-500)}` };
  }
  const traceIds: Record<number, string> = {};
  for (const pair of ids.trim().split(/\s+/)) {
    const [n, id] = pair.split(':');
    traceIds[Number(n)] = id;
  }
  return { url: `http://127.0.0.1:${port}`, traceIds, stop };
}
