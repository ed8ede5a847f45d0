import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { csvCell, CSV_COLUMNS, exportDeals } from '../../src/export/deals.js';
import { parseDealFilters } from '../../src/export/filters.js';
import { rejectItem } from '../../src/review/actions.js';
import { insertDeal, insertItem } from './fixtures.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

async function collect(format: 'csv' | 'ndjson', filters = {}): Promise<{ text: string; count: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const count = await exportDeals(t.db, { format, filters: parseDealFilters(filters) }, out);
  return { text: Buffer.concat(chunks).toString('utf8'), count };
}

/** Minimal RFC 4180 reader to check the writer round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('exportDeals', () => {
  it('streams every live deal as RFC 4180 CSV with formula injection neutralised', async () => {
    const tricky = await insertDeal(t.db, {
      company: '=HYPERLINK("http://evil","x"), "Inc"\nline2',
      investors: [{ name: '+Plus Ventures', lead: true }, { name: '@At Capital' }],
    });
    const plain = [];
    for (let i = 0; i < 5; i++) plain.push((await insertDeal(t.db, { company: `Plain ${i}`, announced_on: `2023-05-0${i + 1}` })).dealId);
    const rejected = await insertDeal(t.db, { company: 'Gone' });
    await rejectItem(t.db, await insertItem(t.db, { dealId: rejected.dealId }), 'x');

    const { text, count } = await collect('csv');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(count).toBe(6);
    expect(rows).toHaveLength(7);
    const byId = new Map(rows.slice(1).map((r) => [Number(r[0]), r]));
    expect(byId.has(rejected.dealId)).toBe(false);
    const r = byId.get(tricky.dealId)!;
    expect(r[CSV_COLUMNS.indexOf('company_name')]).toBe(`'=HYPERLINK("http://evil","x"), "Inc"\nline2`);
    expect(r[CSV_COLUMNS.indexOf('investors_text')]).toBe(`'+Plus Ventures; @At Capital`);
    expect(r[CSV_COLUMNS.indexOf('lead_investors')]).toBe(`'+Plus Ventures`);
    expect(r[CSV_COLUMNS.indexOf('amount_value')]).toBe('5000000');
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('writes NDJSON with the shared filters, across several keyset pages', async () => {
    const { text, count } = await collect('ndjson', { company: 'plain', since: '2023-05-02' });
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { company_name: string; announced_on: string; investors: unknown[] });
    expect(count).toBe(4);
    expect(lines.map((l) => l.announced_on)).toEqual(['2023-05-05', '2023-05-04', '2023-05-03', '2023-05-02']);
    expect(lines[0]).toMatchObject({ company_name: 'Plain 4', investors: [] });

    // More rows than one 500-row page: every row exactly once.
    const company = await t.db.insertInto('companies').values({ name: 'Bulk', name_key: 'bulk' }).returning('id').executeTakeFirstOrThrow();
    await sql`INSERT INTO deals (company_id, round, status, announced_on)
      SELECT ${company.id}, 'seed', 'announced', DATE '2022-01-01' + (g % 40) FROM generate_series(1, 1200) g`.execute(t.db);
    const bulk = await collect('ndjson', { company: 'bulk' });
    const ids = bulk.text
      .trimEnd()
      .split('\n')
      .map((l) => (JSON.parse(l) as { id: number }).id);
    expect(bulk.count).toBe(1200);
    expect(new Set(ids).size).toBe(1200);
  });

  it('rejects bad filters with a clear message', () => {
    expect(() => parseDealFilters({ round: 'series_z' })).toThrow(/round/);
    expect(() => parseDealFilters({ since: '2024/01/01' })).toThrow(/since: must be YYYY-MM-DD/);
    expect(() => parseDealFilters({ bogus: 1 })).toThrow();
  });
});

describe('downstream views', () => {
  it('documents the views and grants the read-only role SELECT on them only', async () => {
    const comment = await sql<{ c: string | null }>`SELECT obj_description('deals_clean'::regclass, 'pg_class') AS c`.execute(t.db);
    expect(comment.rows[0]?.c).toMatch(/live funding deal/);
    const role = await sql<{ rolcanlogin: boolean }>`SELECT rolcanlogin FROM pg_roles WHERE rolname = 'dealflow_reader'`.execute(t.db);
    expect(role.rows).toEqual([{ rolcanlogin: false }]);
    const priv = await sql<{ v: boolean; s: boolean; d: boolean }>`SELECT
      has_table_privilege('dealflow_reader', 'deals_clean', 'SELECT') AS v,
      has_table_privilege('dealflow_reader', 'deal_sources_clean', 'SELECT') AS s,
      has_table_privilege('dealflow_reader', 'deals', 'SELECT') AS d`.execute(t.db);
    expect(priv.rows[0]).toEqual({ v: true, s: true, d: false });
  });
});
