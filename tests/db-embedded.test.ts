import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { EmbeddedPostgresError, openDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { testConfig } from './helpers/app.js';

const UNREACHABLE = 'postgres://postgres@127.0.0.1:1/dealflow';
const log = createLogger('silent');

describe('embedded PostgreSQL fallback', () => {
  // As root the server runs as an unprivileged user; a DATA_DIR (and a checkout) under a 0700
  // directory, like /root or `mktemp -d`, is out of that user's reach and must still work.
  it('starts a private PostgreSQL when DATABASE_URL is unreachable, even under a 0700 directory; migrates it; a second process shares it', {
    timeout: 180_000,
  }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dealflow-embedded-'));
    await chmod(dir, 0o700);
    const config = testConfig({ DATABASE_URL: UNREACHABLE, EMBEDDED_POSTGRES: 'auto', DATA_DIR: path.join(dir, 'data') });
    const opened = await openDatabase(config, log);
    try {
      expect(opened.embedded).toBe(true);
      expect(await migrateToLatest(opened.db)).toContain('0003_views');
      // The project's views and roles, not only its tables.
      const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM deals_clean`.execute(opened.db);
      expect(r.rows[0]?.n).toBe(0);
      const role = await sql<{ rolname: string }>`SELECT rolname FROM pg_roles WHERE rolname = 'dealflow_reader'`.execute(opened.db);
      expect(role.rows).toHaveLength(1);

      // Another process (a CLI command while `npm start` runs) uses the running server; closing
      // it leaves the server to its owner.
      const second = await openDatabase(config, log);
      expect(second.url).toBe(opened.url);
      expect(await migrateToLatest(second.db)).toEqual([]);
      await second.close();
      const still = await sql<{ one: number }>`SELECT 1 AS one`.execute(opened.db);
      expect(still.rows[0]?.one).toBe(1);
    } finally {
      await opened.close();
    }
    // Restarted on the same data: nothing to migrate, the cluster was kept.
    const again = await openDatabase(config, log);
    try {
      expect(again.dataDir).toBe(opened.dataDir);
      expect(await migrateToLatest(again.db)).toEqual([]);
    } finally {
      await again.close();
      await rm(dir, { recursive: true, force: true });
      if (opened.dataDir) await rm(opened.dataDir, { recursive: true, force: true });
    }
  });

  it('reports a server that cannot start in one line naming the cause and the fix', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dealflow-embedded-bad-'));
    await chmod(dir, 0o755);
    // A cluster directory this PostgreSQL cannot use (another major version's, say).
    await mkdir(path.join(dir, 'postgres'));
    await writeFile(path.join(dir, 'postgres', 'PG_VERSION'), '9.6\n');
    await writeFile(path.join(dir, 'postgres', 'postgresql.conf'), '');
    const config = testConfig({ DATABASE_URL: UNREACHABLE, EMBEDDED_POSTGRES: 'auto', DATA_DIR: dir });
    try {
      const err = await openDatabase(config, log).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(EmbeddedPostgresError);
      const message = (err as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(/did not start: .*(FATAL|incompatible|ownership|permissions)/);
      expect(message).toContain(path.join(dir, 'postgres'));
      expect(message).toMatch(/move it away|set DATA_DIR/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('names the fix when PostgreSQL is unreachable and the fallback is off', async () => {
    const config = testConfig({ DATABASE_URL: UNREACHABLE, EMBEDDED_POSTGRES: 'never' });
    await expect(openDatabase(config, log)).rejects.toThrow(
      /not reachable at .*127\.0\.0\.1:1.*EMBEDDED_POSTGRES=never: start PostgreSQL or set DATABASE_URL/,
    );
  });

  it('the CLI says so in one line, without a stack trace', { timeout: 60_000 }, async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATABASE_URL: UNREACHABLE, EMBEDDED_POSTGRES: 'never', LOG_LEVEL: 'silent' };
    const err = await run(process.execPath, ['bin/dealflow.js', 'sources', 'list'], { env }).then(
      () => undefined,
      (e: { code?: number; stderr?: string }) => e,
    );
    expect(err?.code).toBe(1);
    const lines = (err?.stderr ?? '').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dealflow: PostgreSQL is not reachable at .*EMBEDDED_POSTGRES=never/);
  });
});
