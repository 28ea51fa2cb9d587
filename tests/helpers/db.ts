import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '@/lib/db';

/** Apply the provider's migrations with the real Prisma CLI (what start-up runs). */
export function migrate(url: string): void {
  execFileSync(path.resolve('node_modules/.bin/prisma'), ['migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: 'pipe',
    timeout: 120_000,
  });
}

/** A fresh SQLite database file with migrations applied. */
export function freshSqliteUrl(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'triangulate-db-'));
  return `file:${path.join(dir, 'test.db')}`;
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  url: string;
}

/** SQLite always; PostgreSQL when scripts/test-all.sh started one (PG_TEST_URL). */
export function testDatabases(): TestDatabase[] {
  const dbs: TestDatabase[] = [{ name: 'sqlite', url: freshSqliteUrl() }];
  if (process.env.PG_TEST_URL) dbs.push({ name: 'postgres', url: process.env.PG_TEST_URL });
  return dbs;
}

/** Delete every row (children first) so each test starts empty. */
export async function wipe(db: Db): Promise<void> {
  await db.digestRun.deleteMany();
  await db.digestSchedule.deleteMany();
  await db.share.deleteMany();
  await db.savedView.deleteMany();
  await db.findingMute.deleteMany();
  await db.auditEvent.deleteMany();
}

export function openMigrated(url: string): Db {
  migrate(url);
  return createDb(url);
}

/**
 * For route-handler tests: route handlers use the process-wide client (lib/db.ts keeps it
 * on globalThis), so point it at a migrated test database for the suite, and wipe before
 * each test. Returns a getter for the client.
 */
export function useAsProcessDb(url: string, hooks: { beforeAll: (fn: () => void) => void; beforeEach: (fn: () => Promise<void>) => void; afterAll: (fn: () => Promise<void>) => void }): () => Db {
  let db: Db;
  hooks.beforeAll(() => {
    db = openMigrated(url);
    (globalThis as { triangulateDb?: Db }).triangulateDb = db;
  });
  hooks.beforeEach(() => wipe(db));
  hooks.afterAll(async () => {
    delete (globalThis as { triangulateDb?: Db }).triangulateDb;
    await db?.$disconnect();
  });
  return () => db;
}
