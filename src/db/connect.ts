import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Database } from './types.js';
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedServer } from './embedded.js';
import { usePreparedStatements } from './prepared.js';

export { EmbeddedPostgresError } from './embedded.js';

// Ids (int8) and money (numeric) as JS numbers: values stay far below 2^53; dates as 'YYYY-MM-DD'.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<Database>;

export function createDb(connectionString: string, max = 10): Db {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: createPool(connectionString, max) }) });
}

/** The application's pool: resilient to server restarts, with prepared statements (see ./prepared.ts). */
export function createPool(connectionString: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client error (server restart) must not crash the process; the pool reconnects.
  pool.on('error', () => {});
  // pg-pool drops its error listener while a client is checked out, so a server crash mid-query
  // would emit an unhandled 'error' and kill the process. The query itself still rejects, and the
  // pool discards the dead client on release, so the job fails and is retried instead.
  pool.on('connect', (client) => client.on('error', () => {}));
  usePreparedStatements(pool);
  return pool;
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
  /** The embedded cluster's directory (only when embedded). */
  dataDir?: string;
  close(): Promise<void>;
}

/** PostgreSQL cannot be used (unreachable with the fallback off, or refusing us): one line with the fix. */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

function reason(err: unknown): string {
  const e = err as { message?: string; code?: string; errors?: { message?: string }[] };
  // Node reports a refused 'localhost' (IPv4 and IPv6 tried) as an AggregateError with no message.
  const text = e.message || e.errors?.map((x) => x.message).join(', ') || e.code || String(err);
  return text.replace(/\s+/g, ' ').trim();
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
      const at = redact(config.DATABASE_URL);
      if (!isUnreachable(err)) {
        throw new DatabaseUnavailableError(
          `Cannot use PostgreSQL at ${at}: ${reason(err)}. Fix the server or its credentials, or set DATABASE_URL.`,
        );
      }
      if (config.EMBEDDED_POSTGRES === 'never') {
        throw new DatabaseUnavailableError(
          `PostgreSQL is not reachable at ${at} (${reason(err)}) and EMBEDDED_POSTGRES=never: start PostgreSQL or set DATABASE_URL (or EMBEDDED_POSTGRES=auto to run an embedded one).`,
        );
      }
      log.warn({ url: at }, 'PostgreSQL unreachable; starting embedded PostgreSQL');
    }
  }
  return startEmbedded(config, log);
}

async function startEmbedded(config: Config, log: Logger): Promise<OpenedDb> {
  const t0 = Date.now();
  let server: EmbeddedServer;
  try {
    server = await startEmbeddedPostgres({ dataDir: config.DATA_DIR, log });
  } catch (err) {
    if (err instanceof EmbeddedPostgresError) throw err;
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL did not start: ${reason(err)}; start PostgreSQL and set DATABASE_URL instead.`,
    );
  }
  const url = withDatabase(server.url, 'dealflow');
  try {
    await ensureDatabase(url);
  } catch (err) {
    await server.stop();
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL started but refused the connection: ${reason(err)}; start PostgreSQL and set DATABASE_URL instead.`,
    );
  }
  const db = createDb(url);
  log.info({ dataDir: server.dataDir, port: server.port, ms: Date.now() - t0 }, 'embedded PostgreSQL started');
  return {
    db,
    url,
    embedded: true,
    dataDir: server.dataDir,
    close: async () => {
      await db.destroy();
      await server.stop();
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
