import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, createPool, type Db } from '../src/db/connect.js';
import { executeAround } from '../src/db/prepared.js';
import type { Database } from '../src/db/types.js';
import { createTestDb, type TestDb } from './helpers/db.js';

let t: TestDb;
let db: Db;
beforeAll(async () => {
  t = await createTestDb();
  db = createDb(t.url, 1); // one connection, so every query below shares its prepared statements
});
afterAll(async () => {
  await db?.destroy();
  await t?.drop();
});

const prepared = async () =>
  (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements ORDER BY statement`.execute(db)).rows.map(
    (r) => r.statement,
  );

describe('prepared statements', () => {
  it('prepares a parameterised statement once per connection and leaves parameterless ones unnamed', async () => {
    await sql`CREATE TABLE notes (id int PRIMARY KEY, body text)`.execute(db);
    for (let id = 1; id <= 3; id++) await sql`INSERT INTO notes (id, body) VALUES (${id}, ${`note ${id}`})`.execute(db);
    await sql`SELECT count(*) FROM notes`.execute(db);
    expect(await prepared()).toEqual(['INSERT INTO notes (id, body) VALUES ($1, $2)']);
    const row = await db.selectFrom('sources').select('id').where('id', '=', 42).executeTakeFirst();
    expect(row).toBeUndefined();
    expect(await prepared()).toHaveLength(2);
  });

  it('after a column change under the live connection, one query fails and the next ones work', async () => {
    const read = () => sql<{ id: number; body: string }>`SELECT * FROM notes WHERE id = ${2}`.execute(db);
    expect((await read()).rows).toEqual([{ id: 2, body: 'note 2' }]);
    await sql`ALTER TABLE notes ADD COLUMN tag text`.execute(db);
    await expect(read()).rejects.toThrow(/cached plan must not change result type/);
    expect((await read()).rows).toEqual([{ id: 2, body: 'note 2', tag: null }]);
  });
});

describe('executeAround', () => {
  // Its own one-connection pool, to count what goes over the wire.
  const wire: { trips: number } = { trips: 0 };
  let conn: Db;
  beforeAll(async () => {
    const pool = createPool(t.url, 1);
    pool.on('connect', (client) => {
      // A round trip ends with a simple Query message or with the Sync after an extended query.
      const c = (client as unknown as { connection: { query(t: string): void; sync(): void } }).connection;
      const query = c.query.bind(c);
      const sync = c.sync.bind(c);
      c.query = (text) => {
        wire.trips++;
        query(text);
      };
      c.sync = () => {
        wire.trips++;
        sync();
      };
    });
    conn = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    await sql`CREATE TABLE tallies (name text PRIMARY KEY, n int NOT NULL)`.execute(conn);
  });
  afterAll(async () => {
    await conn?.destroy();
  });

  const bump = (name: string) =>
    sql<{ n: number; mode: string }>`INSERT INTO tallies (name, n) VALUES (${name}, 1)
      ON CONFLICT (name) DO UPDATE SET n = tallies.n + 1 RETURNING n, current_setting('plan_cache_mode') AS mode`;
  const committed = async (name: string) =>
    (await sql<{ n: number }>`SELECT n FROM tallies WHERE name = ${name}`.execute(db)).rows[0]?.n ?? null;

  it('runs the statements around a prepared statement in one round trip once it is prepared', async () => {
    const around = { before: ['BEGIN', 'SET LOCAL plan_cache_mode = force_generic_plan'], after: ['COMMIT'] };
    const trips: number[] = [];
    for (let i = 1; i <= 3; i++) {
      wire.trips = 0;
      const { rows } = await executeAround(conn, bump('alpha'), around);
      trips.push(wire.trips);
      // The prepared statement's own result, run inside the transaction the `before` statements opened.
      expect(rows).toEqual([{ n: i, mode: 'force_generic_plan' }]);
      expect(await committed('alpha')).toBe(i); // visible to another connection: COMMIT ran
    }
    expect(trips).toEqual([3, 1, 1]); // the first run prepares the statement on this connection
  });

  it('skips the statements after a failing one, so nothing is committed', async () => {
    const fail = sql<{ n: number }>`INSERT INTO tallies (name, n) VALUES (${'beta'}, ${0}::int / ${0}::int) RETURNING n`;
    await expect(executeAround(conn, fail, { before: ['BEGIN'], after: ['COMMIT'] })).rejects.toThrow(/division by zero/);
    await sql.raw('ROLLBACK').execute(conn);
    await executeAround(conn, bump('beta'), { before: ['BEGIN'] }); // prepared now, so sent as EXECUTE
    await expect(executeAround(conn, fail, { before: [], after: ['COMMIT'] })).rejects.toThrow(/division by zero/);
    await sql.raw('ROLLBACK').execute(conn);
    expect(await committed('beta')).toBeNull();
  });

  it('sends parameters as pg encodes them: arrays, dates, nulls, quotes and backslashes', async () => {
    const echo = (v: { words: string[]; at: Date; none: string | null; odd: string }) =>
      sql<{ words: string[]; at: Date; none: string | null; odd: string }>`SELECT ${v.words}::text[] AS words,
        ${v.at}::timestamptz AS at, ${v.none}::text AS none, ${v.odd}::text AS odd`;
    const value = { words: ['a "b"', 'c,d', 'e\\f', "g'h"], at: new Date('2026-03-04T05:06:07.089Z'), none: null, odd: "it's \\ {x}" };
    for (let i = 0; i < 2; i++) {
      wire.trips = 0;
      const { rows } = await executeAround(conn, echo(value), { before: ['SELECT 1'] });
      expect(rows).toEqual([value]);
      expect(wire.trips).toBe(i === 0 ? 2 : 1);
    }
  });

  it('fails loudly on a pool without prepared statements instead of dropping BEGIN or COMMIT', async () => {
    const plain = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 1 }) }) });
    try {
      await expect(executeAround(plain, bump('gamma'), { before: ['BEGIN'], after: ['COMMIT'] })).rejects.toThrow(/syntax error/);
    } finally {
      await plain.destroy();
    }
    expect(await committed('gamma')).toBeNull();
  });
});
