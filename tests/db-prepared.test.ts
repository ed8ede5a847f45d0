import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/db/connect.js';
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
