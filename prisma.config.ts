import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

// Offline Prisma 6.19 with the JS schema engine (see shared/reference/prisma-offline.md).
// A config file stops Prisma from reading .env, so DATABASE_URL gets its default here.
const url = process.env.DATABASE_URL || 'file:./data/triangulate.db';
process.env.DATABASE_URL = url;
const isPostgres = /^postgres(ql)?:\/\//.test(url);
const provider = isPostgres ? 'postgres' : 'sqlite';

// The WASM engine leaves long timers pending, so CLI commands would linger for a minute.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const t = realSetTimeout(fn, ms, ...args);
  if ((ms ?? 0) >= 5_000) t.unref?.();
  return t;
}) as typeof setTimeout;

/**
 * The WASM engine cannot decode `name` (19) and `"char"` (18) columns during
 * introspection (prisma/orm#27403): present them, and their arrays, as text / text[].
 * CLI only; the app's own client never reads catalog columns.
 */
function remapUndecodablePgTypes(): void {
  const Result = createRequire(import.meta.url)('pg/lib/result.js');
  const remap: Record<number, number> = { 18: 25, 19: 25, 1002: 1009, 1003: 1009 };
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fields: { dataTypeID: number }[]) {
    for (const f of fields) f.dataTypeID = remap[f.dataTypeID] ?? f.dataTypeID;
    return addFields.call(this, fields);
  };
}

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  async adapter() {
    if (isPostgres) {
      remapUndecodablePgTypes();
      return new PrismaPg({ connectionString: url, allowExitOnIdle: true });
    }
    const file = url.replace(/^file:/, '');
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
