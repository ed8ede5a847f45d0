import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normaliseDeal } from '../../src/normalise/index.js';
import { saveDeals } from '../../src/store/deals.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

describe("storing the article's own conversion", () => {
  it('keeps the USD figure and records rate source "article" on the deal row', async () => {
    const text = 'Seoul-based Pomerol Bio raised 52 billion won ($36.08 million) in a Series C round.';
    const { deal, flags } = normaliseDeal(
      {
        company: 'Pomerol Bio',
        country: 'Seoul-based',
        round: 'series_c',
        status: 'announced',
        amountText: '52 billion won',
        valuationText: null,
        investors: [],
        announcedOn: null,
        evidence: [{ field: 'amount', quote: 'raised 52 billion won ($36.08 million)' }],
        confidence: 0.9,
      },
      { text, publishedAt: '2025-03-02' },
    );
    const url = 'https://news.example/pomerol';
    const { id } = await t.db
      .insertInto('articles')
      .values({ url, canonical_url: url, published_at: '2025-03-02T00:00:00Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveDeals(t.db, {
      article: { id, url, siteName: null, publishedAt: '2025-03-02T00:00:00Z' },
      extractionId: null,
      candidates: [{ deal, flags }],
    });
    const row = await t.db
      .selectFrom('deals')
      .select(['amount_value', 'amount_currency', 'amount_usd', 'fx_rate', 'fx_date', 'fx_source'])
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ amount_currency: 'KRW', fx_source: 'article' });
    expect(Number(row.amount_value)).toBe(52e9);
    expect(Number(row.amount_usd)).toBe(36_080_000);
    expect(Number(row.fx_rate)).toBeCloseTo(36.08e6 / 52e9, 9);
    const fxDate = row.fx_date as unknown;
    expect(fxDate instanceof Date ? fxDate.toISOString() : String(fxDate)).toMatch(/^2025-03-0[12]/);
  });
});
