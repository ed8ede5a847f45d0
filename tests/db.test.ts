import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDb, type TestDb } from './helpers/db.js';
import { migrateToLatest } from '../src/db/migrate.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

describe('schema', () => {
  it('is fully migrated and re-running migrations is a no-op', async () => {
    expect(await migrateToLatest(t.db)).toEqual([]);
    const tables = await sql<{ tablename: string }>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(t.db);
    expect(tables.rows.map((r) => r.tablename)).toEqual(
      expect.arrayContaining(['articles', 'companies', 'deal_sources', 'deals', 'extractions', 'review_items', 'sources']),
    );
  });

  it('rejects a deal with an unknown round or a malformed currency', async () => {
    const { id } = await t.db.insertInto('companies').values({ name: 'Acme', name_key: 'acme' }).returning('id').executeTakeFirstOrThrow();
    await expect(
      t.db
        .insertInto('deals')
        .values({ company_id: id, round: 'series_z', status: 'announced' } as never)
        .execute(),
    ).rejects.toThrow(/check constraint/);
    await expect(
      t.db
        .insertInto('deals')
        .values({ company_id: id, round: 'seed', status: 'announced', amount_value: 5, amount_currency: 'usd' } as never)
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it('keeps one article per canonical URL', async () => {
    const row = { url: 'https://a.example/x?utm_source=1', canonical_url: 'https://a.example/x' };
    await t.db.insertInto('articles').values(row).execute();
    await expect(t.db.insertInto('articles').values(row).execute()).rejects.toThrow(/duplicate key/);
  });
});
