// Serve the production build on HOST:PORT. Unlike `next start`, this records each request's
// TCP peer address in x-triangulate-peer (overwriting any copy a client sent), which
// AUTH_MODE=proxy needs to accept identity headers only from the trusted proxy
// (docs/security.md). Next.js itself only fills x-forwarded-for when a client did not.
import http from 'node:http';
import next from 'next';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 3000);
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.TRIANGULATE_PEER_STAMPED = '1';

const app = next({ dev: false, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
const server = http.createServer((req, res) => {
  req.headers['x-triangulate-peer'] = req.socket.remoteAddress ?? '';
  // A client that hangs up mid-body (e.g. after proxy.ts refused a forged POST) is not a server fault.
  req.on('error', () => {});
  void handle(req, res);
});
server.listen(port, host, () => console.log(`[triangulate] listening on http://${host.includes(':') ? `[${host}]` : host}:${port}`));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
