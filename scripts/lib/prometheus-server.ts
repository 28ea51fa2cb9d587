import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A real Prometheus (Debian's package) for the demo and the integration tests: history
 * is backfilled with `promtool tsdb create-blocks-from openmetrics`; live samples and
 * exemplars come from scraping a target (exemplars only arrive by scraping).
 */

export const PROMETHEUS_BIN = process.env.PROMETHEUS_BIN || '/usr/bin/prometheus';
export const PROMTOOL_BIN = process.env.PROMTOOL_BIN || '/usr/bin/promtool';

export const prometheusInstalled = (): boolean => existsSync(PROMETHEUS_BIN) && existsSync(PROMTOOL_BIN);

/** Install Debian's prometheus when missing and we are root; returns whether it is there. */
export function ensurePrometheus(log: (m: string) => void = console.error): boolean {
  if (prometheusInstalled()) return true;
  if (process.getuid?.() !== 0) {
    log('Prometheus is not installed. Install it with: sudo apt-get install -y --no-install-recommends prometheus');
    return false;
  }
  log('Installing Prometheus (apt-get install prometheus)…');
  spawnSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus'], { stdio: 'ignore' });
  return prometheusInstalled();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface PrometheusOptions {
  /** OpenMetrics text to backfill (must end with `# EOF`). */
  openmetrics?: string;
  /** Or a file holding it (large backfills are written as a stream). */
  openmetricsFile?: string;
  /** host:port scraped at `metricsPath` every `scrapeInterval`, labels honoured. */
  scrapeTarget?: string;
  metricsPath?: string;
  scrapeInterval?: string;
  port?: number;
  /** Keep blocks this old queryable (backfilled data can be hours old). */
  retention?: string;
}

export interface RunningPrometheus {
  url: string;
  pid: number;
  dir: string;
  stop(): Promise<void>;
}

export async function startPrometheus(opts: PrometheusOptions = {}): Promise<RunningPrometheus> {
  if (!prometheusInstalled()) throw new Error(`Prometheus is not installed (${PROMETHEUS_BIN}); apt-get install -y prometheus`);
  const dir = mkdtempSync(path.join(tmpdir(), 'triangulate-prom-'));
  const storage = path.join(dir, 'data');
  if (opts.openmetrics || opts.openmetricsFile) {
    const file = opts.openmetricsFile ?? path.join(dir, 'backfill.om');
    if (opts.openmetrics) writeFileSync(file, opts.openmetrics);
    const res = spawnSync(PROMTOOL_BIN, ['tsdb', 'create-blocks-from', 'openmetrics', file, storage], { encoding: 'utf8', timeout: 300_000 });
    if (res.status !== 0) throw new Error(`promtool backfill failed: ${(res.stderr || res.stdout).slice(-2000)}`);
  }
  const interval = opts.scrapeInterval ?? '5s';
  const config = [
    'global:',
    `  scrape_interval: ${interval}`,
    `  evaluation_interval: ${interval}`,
    'scrape_configs:',
    ...(opts.scrapeTarget
      ? [
          '  - job_name: triangulate-demo',
          '    honor_labels: true',
          '    honor_timestamps: true',
          `    metrics_path: ${opts.metricsPath ?? '/metrics'}`,
          '    static_configs:',
          `      - targets: ['${opts.scrapeTarget}']`,
        ]
      : ['  []']),
  ].join('\n');
  writeFileSync(path.join(dir, 'prometheus.yml'), config.replace('scrape_configs:\n  []', 'scrape_configs: []'));
  const port = opts.port ?? (await freePort());
  const child: ChildProcess = spawn(
    PROMETHEUS_BIN,
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${storage}`,
      `--storage.tsdb.retention.time=${opts.retention ?? '30d'}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--enable-feature=exemplar-storage',
      '--web.enable-lifecycle',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`prometheus exited: ${stderr}`);
    try {
      const res = await fetch(`${url}/-/ready`);
      if (res.ok) return { url, pid: child.pid!, dir, stop };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`prometheus did not become ready: ${stderr}`);
}
