import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deal } from '../../src/deal/schema.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { deal, saveFromArticle, usd } from '../fixtures/dedupe/deals.js';

// Company resolution, deal history and per-source figures through saveDeals (fictional companies).
let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

const save = (deals: Deal[], publishedAt = '2025-03-10T08:00:00Z', links: Array<{ href: string; text: string }> = []) =>
  saveFromArticle(t.db, deals, { site: 'wire', publishers: 4, publishedAt, links });

const named = (name: string, country: string | null = 'KR') => ({ name, country });
const companyOf = (dealId: number) =>
  t.db
    .selectFrom('deals')
    .select('company_id')
    .where('id', '=', dealId)
    .executeTakeFirstOrThrow()
    .then((r) => r.company_id);
const aliasesOf = (companyId: number) =>
  t.db
    .selectFrom('company_aliases')
    .select('name')
    .where('company_id', '=', companyId)
    .orderBy('id')
    .execute()
    .then((r) => r.map((a) => a.name));
const reviewsOf = (dealId: number) => t.db.selectFrom('review_items').selectAll().where('deal_id', '=', dealId).execute();

describe('company resolution', () => {
  it('links romanisation variants of one name to one company and records each spelling', async () => {
    const first = await save([deal({ company: named('Haneul'), region: 'east_asia', amount: usd(8_000_000) })]);
    const dash = await save([deal({ company: named('Ha-neul'), region: 'east_asia', amount: usd(8_000_000), announcedOn: '2025-03-11' })]);
    // "Hanul" folds to the same loose key as "Haneul" ("eu" → "u").
    const short = await save([deal({ company: named('Hanul', null), region: null, amount: usd(8_100_000), announcedOn: '2025-03-12' })]);
    const id = first.result.deals[0]!.dealId;
    expect(dash.result.deals[0]).toMatchObject({ dealId: id, action: 'linked' });
    expect(short.result.deals[0]).toMatchObject({ dealId: id, action: 'linked' });
    expect(await aliasesOf(await companyOf(id))).toEqual(['Haneul', 'Ha-neul', 'Hanul']);
  });

  it('drops generic suffixes for matching only: "Paysa Technologies" is "Paysa", and keeps its name', async () => {
    const first = await save([deal({ company: named('Paysa', 'BR'), region: 'latin_america', round: 'seed', amount: usd(3_000_000) })]);
    const later = await save([
      deal({
        company: named('Paysa Technologies', 'BR'),
        region: 'latin_america',
        round: 'series_a',
        amount: usd(15_000_000),
        announcedOn: '2025-05-01',
      }),
    ]);
    expect(later.result.deals[0]!.action).toBe('created');
    const companyId = await companyOf(first.result.deals[0]!.dealId);
    expect(await companyOf(later.result.deals[0]!.dealId)).toBe(companyId);
    const company = await t.db.selectFrom('companies').selectAll().where('id', '=', companyId).executeTakeFirstOrThrow();
    expect(company.name).toBe('Paysa');
    expect(await aliasesOf(companyId)).toEqual(['Paysa', 'Paysa Technologies']);
  });

  it('accepts a fuzzy name only when a deal agrees, and otherwise opens a possible-duplicate item', async () => {
    const first = await save([deal({ company: named('Bomnal Bio'), region: 'east_asia', round: 'series_b', amount: usd(40_000_000) })]);
    const companyId = await companyOf(first.result.deals[0]!.dealId);
    // Same deal under a near spelling: the deal's figures decide that it is the same company.
    const near = await save([deal({ company: named('Bomnel Bio'), region: 'east_asia', round: 'series_b', amount: usd(40_000_000) })]);
    expect(near.result.deals[0]).toMatchObject({ dealId: first.result.deals[0]!.dealId, action: 'linked' });
    // A near spelling whose deal agrees with nothing stored: a new company, but never silently.
    const other = await save([
      deal({ company: named('Bumnal Bio'), region: 'east_asia', round: 'seed', amount: usd(2_000_000), announcedOn: '2023-01-10' }),
    ]);
    const otherId = other.result.deals[0]!.dealId;
    expect(await companyOf(otherId)).not.toBe(companyId);
    const items = await reviewsOf(otherId);
    expect(items).toEqual([
      expect.objectContaining({ kind: 'possible_duplicate', payload: expect.objectContaining({ companyIds: [companyId] }) }),
    ]);
  });

  it('keeps similar names in two countries apart without review noise', async () => {
    const de = await save([deal({ company: named('Lumora', 'DE'), region: 'europe' })]);
    const fr = await save([deal({ company: named('Lumoro', 'FR'), region: 'europe' })]);
    expect(await companyOf(fr.result.deals[0]!.dealId)).not.toBe(await companyOf(de.result.deals[0]!.dealId));
    expect(fr.result.reviewItems).toBe(0);
  });

  it('never merges two deals of one name whose countries disagree', async () => {
    const us = await save([deal({ company: named('Oct 14', 'US'), region: 'north_america' })]);
    const india = await save([deal({ company: named('Oct 14', 'IN'), region: 'south_asia' })]);
    expect(india.result.deals[0]!.action).toBe('created');
    expect(india.result.deals[0]!.dealId).not.toBe(us.result.deals[0]!.dealId);
    expect(await companyOf(india.result.deals[0]!.dealId)).not.toBe(await companyOf(us.result.deals[0]!.dealId));
    expect((await reviewsOf(india.result.deals[0]!.dealId)).map((r) => r.kind)).toEqual(['possible_duplicate']);
  });
});

describe('company domain', () => {
  const domainOf = async (dealId: number) =>
    (
      await t.db
        .selectFrom('companies')
        .select('domain')
        .where('id', '=', await companyOf(dealId))
        .executeTakeFirstOrThrow()
    ).domain;

  it('is set from a linked site, gained by a known company, and never overwritten', async () => {
    const first = await save([deal({ company: named('Fenwick Loom', 'GB'), region: 'europe', round: 'seed' })]);
    expect(await domainOf(first.result.deals[0]!.dealId)).toBeNull();
    // Another site's story under the company's name is not its site; the company's own site is.
    const later = await save([deal({ company: named('Fenwick Loom', 'GB'), region: 'europe', round: 'seed' })], undefined, [
      { href: 'https://otherwire.example/fenwick-loom', text: 'Fenwick Loom' },
      { href: 'https://fenwickloom.co.uk/', text: 'its website' },
    ]);
    expect(later.result.deals[0]!.dealId).toBe(first.result.deals[0]!.dealId);
    expect(await domainOf(first.result.deals[0]!.dealId)).toBe('fenwickloom.co.uk');
    await save([deal({ company: named('Fenwick Loom', 'GB'), region: 'europe', round: 'seed' })], undefined, [
      { href: 'https://fenwick-loom.example/', text: 'Fenwick Loom' },
    ]);
    expect(await domainOf(first.result.deals[0]!.dealId)).toBe('fenwickloom.co.uk');
  });
});

describe('deal history', () => {
  it('links a past round told as background to the stored deal as a mention, not a new deal at the article date', async () => {
    const seed = await save([
      deal({ company: named('Corvid Mills', 'GB'), region: 'europe', round: 'seed', amount: usd(3_000_000), announcedOn: '2024-09-20' }),
    ]);
    const story = await save(
      [
        deal({ company: named('Corvid Mills', 'GB'), region: 'europe', round: 'series_a', amount: usd(18_000_000), announcedOn: null }),
        deal({
          company: named('Corvid Mills', 'GB'),
          region: 'europe',
          round: 'seed',
          amount: usd(3_000_000),
          announcedOn: null,
          background: true,
        }),
      ],
      '2025-03-08T08:00:00Z',
    );
    const actions = Object.fromEntries(story.result.deals.map((d) => [d.dealId, d.action]));
    expect(actions[seed.result.deals[0]!.dealId]).toBe('linked');
    const deals = await t.db
      .selectFrom('deals')
      .select(['round', 'announced_on'])
      .where('company_id', '=', await companyOf(seed.result.deals[0]!.dealId))
      .orderBy('id')
      .execute();
    expect(deals).toEqual([
      { round: 'seed', announced_on: '2024-09-20' },
      { round: 'series_a', announced_on: '2025-03-08' },
    ]);
    const source = await t.db
      .selectFrom('deal_sources')
      .select(['role', 'amount_value'])
      .where('deal_id', '=', seed.result.deals[0]!.dealId)
      .where('article_id', '=', story.articleId)
      .executeTakeFirstOrThrow();
    expect(source).toEqual({ role: 'mention', amount_value: 3_000_000 });
  });

  it('links an earlier round told again without a date of its own, and keeps a differing amount apart', async () => {
    const seed = await save([
      deal({ company: named('Brisa Loop', 'PT'), region: 'europe', round: 'seed', amount: usd(3_000_000), announcedOn: '2025-08-12' }),
    ]);
    // Dated only by the article (169 days later): the same seed, as a mention.
    const again = await save(
      [deal({ company: named('Brisa Loop', 'PT'), region: 'europe', round: 'seed', amount: usd(3_000_000), announcedOn: '2026-01-28' })],
      '2026-01-28T06:00:00Z',
    );
    expect(again.result.deals[0]).toEqual({ dealId: seed.result.deals[0]!.dealId, action: 'linked' });
    const role = await t.db.selectFrom('deal_sources').select('role').where('article_id', '=', again.articleId).executeTakeFirstOrThrow();
    expect(role.role).toBe('mention');
    // Another amount for the same named round months later is another deal (an extension), not a conflict.
    const ext = await save(
      [deal({ company: named('Brisa Loop', 'PT'), region: 'europe', round: 'seed', amount: usd(1_000_000), announcedOn: '2026-02-10' })],
      '2026-02-10T06:00:00Z',
    );
    expect(ext.result).toMatchObject({ deals: [{ action: 'created' }], reviewItems: 0 });
  });

  it('joins a round stored undated from a later story with its own earlier report, whichever is saved first', async () => {
    // The later story is saved first: it only dates the seed by its own date.
    const story = await save(
      [deal({ company: named('Harlow Kiln', 'NZ'), region: 'oceania', round: 'seed', amount: usd(3_000_000), announcedOn: '2026-01-28' })],
      '2026-01-28T06:00:00Z',
    );
    const undated = await t.db
      .selectFrom('deal_sources')
      .select('announced_on')
      .where('article_id', '=', story.articleId)
      .executeTakeFirstOrThrow();
    expect(undated.announced_on).toBeNull();
    // The seed's own report, 169 days earlier, states its date: same deal, dated by it.
    const report = await save(
      [deal({ company: named('Harlow Kiln', 'NZ'), region: 'oceania', round: 'seed', amount: usd(3_000_000), announcedOn: '2025-08-12' })],
      '2025-08-12T06:00:00Z',
    );
    expect(report.result.deals[0]).toEqual({ dealId: story.result.deals[0]!.dealId, action: 'updated' });
    const row = await t.db
      .selectFrom('deals')
      .select('announced_on')
      .where('id', '=', story.result.deals[0]!.dealId)
      .executeTakeFirstOrThrow();
    expect(row.announced_on).toBe('2025-08-12');
    // A different amount told months later is still another deal.
    const ext = await save(
      [deal({ company: named('Harlow Kiln', 'NZ'), region: 'oceania', round: 'seed', amount: usd(1_000_000), announcedOn: '2026-03-02' })],
      '2026-03-02T06:00:00Z',
    );
    expect(ext.result.deals[0]!.action).toBe('created');
  });

  it('stores an unknown past round with its own date (none stated: no date), never the article date', async () => {
    const { result } = await save([
      deal({
        company: named('Tallowby', 'IE'),
        region: 'europe',
        round: 'seed',
        amount: usd(1_000_000),
        announcedOn: null,
        background: true,
      }),
    ]);
    const row = await t.db.selectFrom('deals').select('announced_on').where('id', '=', result.deals[0]!.dealId).executeTakeFirstOrThrow();
    expect(row.announced_on).toBeNull();
  });
});

describe('every figure kept', () => {
  it('stores each source figure and flags one that disagrees beyond rounding', async () => {
    const first = await save([
      deal({ company: named('Quillon', 'US'), region: 'north_america', round: 'series_b', amount: usd(42_000_000) }),
    ]);
    const same = await save([
      deal({ company: named('Quillon', 'US'), region: 'north_america', round: 'series_b', amount: usd(42_200_000) }),
    ]);
    const off = await save([
      deal({ company: named('Quillon', 'US'), region: 'north_america', round: 'series_b', amount: usd(45_000_000) }),
    ]);
    const id = first.result.deals[0]!.dealId;
    expect([same.result.deals[0], off.result.deals[0]]).toEqual([
      { dealId: id, action: 'linked' },
      { dealId: id, action: 'linked' },
    ]);
    const sources = await t.db
      .selectFrom('deal_sources')
      .select(['article_id', 'amount_value', 'amount_usd', 'figures_disagree', 'role'])
      .where('deal_id', '=', id)
      .orderBy('article_id')
      .execute();
    expect(sources.map((s) => [s.amount_value, s.figures_disagree, s.role])).toEqual([
      [42_000_000, false, 'report'],
      [42_200_000, false, 'report'],
      [45_000_000, true, 'report'],
    ]);
    const items = await reviewsOf(id);
    expect(items).toEqual([expect.objectContaining({ kind: 'conflict', article_id: off.articleId })]);
    expect(items[0]!.reason).toMatch(/45000000 USD here, 42000000 USD on the deal/);
    const view = await t.db
      .selectFrom('deals_clean' as never)
      .select(['needs_review', 'company_id'] as never)
      .where('id' as never, '=', id as never)
      .executeTakeFirstOrThrow();
    expect(view).toEqual({ needs_review: true, company_id: await companyOf(id) });
  });
});
