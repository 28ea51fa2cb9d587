// Production start: apply migrations, then serve on HOST:PORT (127.0.0.1:3000 by default).
import { execFileSync, spawn } from 'node:child_process';

process.env.NEXT_TELEMETRY_DISABLED = '1';
execFileSync('node', ['scripts/db-deploy.mjs'], { stdio: 'inherit' });
const host = process.env.HOST || '127.0.0.1';
const port = process.env.PORT || '3000';
const app = spawn('node', ['scripts/serve.mjs'], { stdio: 'inherit', env: { ...process.env, HOST: host, PORT: port } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => app.kill(sig));
app.on('exit', (code) => process.exit(code ?? 0));
