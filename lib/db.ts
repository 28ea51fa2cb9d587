import { PrismaClient as SqliteClient } from '../generated/sqlite/client';
import { PrismaClient as PostgresClient } from '../generated/postgres/client';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { getConfig } from './config';

/**
 * Prisma client singleton. SQLite (better-sqlite3) is the embedded default; PostgreSQL
 * when DATABASE_URL is postgres://… (several replicas behind a load balancer). Both
 * schemas define the same models (prisma/schemas.test.ts), so one type serves both.
 */
export type Db = SqliteClient;

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

export function createDb(url: string): Db {
  if (isPostgresUrl(url)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db;
  }
  const file = url.replace(/^file:/, '');
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: file }) });
}

const globalForDb = globalThis as unknown as { triangulateDb?: Db };

/** The process-wide client (kept on globalThis so dev hot reloads do not leak pools). */
export function db(): Db {
  globalForDb.triangulateDb ??= createDb(getConfig().databaseUrl);
  return globalForDb.triangulateDb;
}
