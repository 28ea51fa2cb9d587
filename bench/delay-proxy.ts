import { createServer, request as httpRequest, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * A forwarding HTTP proxy on 127.0.0.1 that waits a fixed time before each request, as a
 * distant backend would, and records when every request started and finished.
 */

export interface ProxiedCall {
  backend: string;
  method: string;
  path: string;
  delayMs: number;
  startMs: number;
  endMs: number;
}

export interface DelayProxy {
  url: string;
  close(): Promise<void>;
}

export async function startDelayProxy(backend: string, targetOrigin: string, delayMs: number, log: ProxiedCall[]): Promise<DelayProxy> {
  const target = new URL(targetOrigin);
  const server: Server = createServer((req, res) => {
    const startMs = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        const upstream = httpRequest(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
            up.on('end', () => log.push({ backend, method: req.method ?? 'GET', path: (req.url ?? '').split('?')[0], delayMs, startMs, endMs: performance.now() }));
          },
        );
        upstream.on('error', (e) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`proxy: ${e.message}`);
        });
        upstream.end(Buffer.concat(chunks));
      }, delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Consecutive calls to the same endpoint on the chain are folded into one step with a count. */
export interface ChainStep {
  backend: string;
  path: string;
  count: number;
  /** Sum of the artificial delays of these calls. */
  delayMs: number;
  durationMs: number;
}

/**
 * The longest chain of calls where each starts only after the previous one finished, as
 * observed: by the sum of the artificial delays (the lower bound no implementation of this
 * call order can beat) and by observed durations.
 */
export function longestChain(calls: readonly ProxiedCall[]): { delaySumMs: number; durationSumMs: number; steps: ChainStep[] } {
  const sorted = [...calls].sort((a, b) => a.startMs - b.startMs);
  const best: number[] = [];
  const prev: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    best[i] = sorted[i].delayMs;
    prev[i] = -1;
    for (let j = 0; j < i; j++) {
      if (sorted[j].endMs <= sorted[i].startMs && best[j] + sorted[i].delayMs > best[i]) {
        best[i] = best[j] + sorted[i].delayMs;
        prev[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < sorted.length; i++) {
    const dur = (k: number) => sorted[k].endMs - sorted[k].startMs;
    if (end < 0 || best[i] > best[end] || (best[i] === best[end] && dur(i) > dur(end))) end = i;
  }
  const steps: ChainStep[] = [];
  for (let k = end; k >= 0; k = prev[k]) {
    const c = sorted[k];
    const first = steps[0];
    if (first && first.backend === c.backend && first.path === c.path) {
      first.count++;
      first.delayMs += c.delayMs;
      first.durationMs += Math.round(c.endMs - c.startMs);
    } else steps.unshift({ backend: c.backend, path: c.path, count: 1, delayMs: c.delayMs, durationMs: Math.round(c.endMs - c.startMs) });
  }
  return { delaySumMs: end < 0 ? 0 : best[end], durationSumMs: steps.reduce((n, s) => n + s.durationMs, 0), steps };
}

/** How many proxied calls went to each endpoint (ids in paths folded to `{id}`). */
export function callsByEndpoint(calls: readonly ProxiedCall[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) {
    const key = `${c.backend} ${c.path.replace(/[0-9a-f]{16,32}/gi, '{id}')}`;
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}
