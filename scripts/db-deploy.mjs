// Apply the migrations of the provider DATABASE_URL selects (SQLite by default).
import { execFileSync } from 'node:child_process';

const url = process.env.DATABASE_URL || 'file:./data/triangulate.db';
try {
  execFileSync('node_modules/.bin/prisma', ['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
  console.log(`[db] migrations applied (${/^postgres/.test(url) ? 'PostgreSQL' : 'SQLite'})`);
} catch (err) {
  console.error(`[db] migration failed:\n${err.stderr?.toString() || err.message}`);
  process.exit(1);
}
