import { describe, expect, it } from 'vitest';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { testConfig } from './helpers/app.js';

describe('embedded PostgreSQL fallback', () => {
  it('starts a private PostgreSQL when DATABASE_URL is unreachable, and migrates it', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dealflow-embedded-'));
    await chmod(dir, 0o755); // as root, PostgreSQL runs as its own user, which must reach the data dir
    const config = testConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/dealflow', EMBEDDED_POSTGRES: 'auto', DATA_DIR: dir });
    const opened = await openDatabase(config, createLogger('silent'));
    try {
      expect(opened.embedded).toBe(true);
      expect(await migrateToLatest(opened.db)).toContain('0001_initial');
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM deals`.execute(opened.db);
      expect(r.rows[0]?.n).toBe(0);
    } finally {
      await opened.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the fix when PostgreSQL is unreachable and the fallback is off', async () => {
    const config = testConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/dealflow', EMBEDDED_POSTGRES: 'never' });
    await expect(openDatabase(config, createLogger('silent'))).rejects.toThrow(/Cannot use PostgreSQL at .*127\.0\.0\.1:1.*Start PostgreSQL or set DATABASE_URL/);
  });
});
