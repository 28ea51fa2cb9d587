import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// One schema per provider (Prisma allows one provider per schema). They must define the
// same models, or a replica on PostgreSQL would behave differently from SQLite.
const modelsOf = (provider: string): string => {
  const text = readFileSync(path.join(__dirname, provider, 'schema.prisma'), 'utf8');
  const start = text.search(/^(\/\/\/.*\n)*model /m);
  return text.slice(start).replace(/[ \t]+/g, ' ').trim();
};

describe('prisma schemas', () => {
  it('define identical models for SQLite and PostgreSQL', () => {
    const sqlite = modelsOf('sqlite');
    expect(sqlite).toMatch(/model SavedView/);
    expect(sqlite).toMatch(/model DigestRun/);
    expect(modelsOf('postgres')).toBe(sqlite);
  });

  it('have a migration for every provider that creates every model', () => {
    for (const provider of ['sqlite', 'postgres']) {
      const sql = readFileSync(path.join(__dirname, provider, 'migrations', '20261123000000_init', 'migration.sql'), 'utf8');
      for (const model of ['SavedView', 'Share', 'DigestSchedule', 'DigestRun']) expect(sql).toContain(`CREATE TABLE "${model}"`);
      expect(sql).toContain('DigestRun_scheduleId_scheduledFor_key');
    }
  });

  it('have the saved-view origin migration for every provider, so digest views can be told apart', () => {
    for (const provider of ['sqlite', 'postgres']) {
      const sql = readFileSync(path.join(__dirname, provider, 'migrations', '20261123180000_saved_view_origin', 'migration.sql'), 'utf8');
      expect(sql).toMatch(/"origin" TEXT NOT NULL DEFAULT 'user'/);
    }
    expect(modelsOf('sqlite')).toMatch(/origin String @default\("user"\)/);
  });

  it('have the finding-mute migration for every provider, with who, why and until when', () => {
    for (const provider of ['sqlite', 'postgres']) {
      const sql = readFileSync(path.join(__dirname, provider, 'migrations', '20261204143000_finding_mutes', 'migration.sql'), 'utf8');
      expect(sql).toContain('CREATE TABLE "FindingMute"');
      for (const col of ['"by" TEXT NOT NULL', '"reason" TEXT NOT NULL', '"until"']) expect(sql).toContain(col);
    }
  });
});
