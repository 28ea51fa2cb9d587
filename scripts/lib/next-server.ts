import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './prometheus-server';

/** The production build served by `next start` on 127.0.0.1, pointed at given backends. */

export interface RunningApp {
  url: string;
  /** The last lines the server printed (for failure reports). */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');
const NEXT_BIN = path.join(ROOT, 'node_modules/.bin/next');

/**
 * Builds once when there is no build. A build already running (Next's `.next/lock`) is
 * waited for instead, and its failure reported, never raced or repeated.
 */
export async function ensureBuild(waitMs = 600_000): Promise<{ built: boolean; error?: string }> {
  const buildId = path.join(ROOT, '.next/BUILD_ID');
  const lock = path.join(ROOT, '.next/lock');
  if (existsSync(lock)) {
    const deadline = Date.now() + waitMs;
    while (existsSync(lock) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2_000));
    if (existsSync(buildId)) return { built: false };
    return { built: false, error: existsSync(lock) ? `another next build still holds .next/lock after ${waitMs / 1000} s` : 'another next build finished without .next/BUILD_ID (it failed)' };
  }
  if (existsSync(buildId)) return { built: false };
  const r = spawnSync(NEXT_BIN, ['build'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, timeout: 900_000 });
  if (r.status !== 0) return { built: true, error: `next build failed (exit ${r.status}): ${`${r.stdout ?? ''}\n${r.stderr ?? ''}`.trim().slice(-2500)}` };
  return { built: true };
}

/** `root`: another checkout with its own build (the browser bench's baseline, bench/baseline.ts). */
export async function startApp(env: Record<string, string>, root: string = ROOT): Promise<RunningApp> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'triangulate-bench-'));
  // Own process group, so stop() ends next and anything it forked, and nothing else.
  const child: ChildProcess = spawn(path.join(root, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, DATABASE_URL: `file:${path.join(dir, 'bench.db')}`, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
  });
  let out = '';
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-6000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(`${url}/api/health`);
      await res.arrayBuffer();
      return { url, output: () => out, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  await stop();
  throw new Error(`next start did not come up: ${out.slice(-1500)}`);
}
