import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deal } from '../../src/deal/schema.js';
import { CompanyError, getCompany, mergeCompanies, searchCompanies, splitCompany, splitDealSources } from '../../src/store/companies.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { deal, saveOne, usd } from '../fixtures/dedupe/deals.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

const save = (d: Deal) => saveOne(t.db, d, { site: 'desk', publishers: 3, publishedAt: '2025-03-10T08:00:00Z' });

const at = (name: string, country: string, over: Partial<Deal> = {}) => deal({ company: { name, country }, region: 'europe', ...over });

describe('companies repository', () => {
  it('finds companies by any of their names, best match first, and leaves out the excluded one', async () => {
    const a = await save(at('Sorrel Analytics', 'NL'));
    const b = await save(at('Sorrelwood', 'NL', { round: 'seed', amount: usd(1_000_000), announcedOn: '2024-01-05' }));
    const hits = await searchCompanies(t.db, 'sorrel');
    expect(hits.map((h) => h.id)).toEqual(expect.arrayContaining([a.companyId, b.companyId]));
    expect(hits.find((h) => h.id === a.companyId)).toMatchObject({ name: 'Sorrel Analytics', dealCount: 1 });
    expect((await searchCompanies(t.db, 'sorrel', { excludeId: a.companyId })).map((h) => h.id)).not.toContain(a.companyId);
    expect(await searchCompanies(t.db, '  ')).toEqual([]);
  });

  it('shows a company with its names and its deals in date order', async () => {
    const seed = await save(at('Kestrel Forge', 'SE', { round: 'seed', amount: usd(2_000_000), announcedOn: '2023-05-01' }));
    await save(at('Kestrel Forge', 'SE', { round: 'series_a', amount: usd(12_000_000), announcedOn: '2024-09-01' }));
    const page = await getCompany(t.db, seed.companyId);
    expect(page?.company).toMatchObject({ name: 'Kestrel Forge', country: 'SE', merged_into: null });
    expect(page?.aliases.map((a) => a.name)).toEqual(['Kestrel Forge']);
    expect(page?.deals.map((d) => [d.round, d.announced_on, d.source_count])).toEqual([
      ['seed', '2023-05-01', 1],
      ['series_a', '2024-09-01', 1],
    ]);
    expect(await getCompany(t.db, 999_999)).toBeNull();
  });

  it('merges one company into another: names and deals move, history and audit record it', async () => {
    const keep = await save(at('Marlowe Grid', 'GB'));
    const gone = await save(at('Marlow Energy Grid', 'GB', { round: 'seed', amount: usd(1_500_000), announcedOn: '2023-02-01' }));
    const res = await mergeCompanies(t.db, { fromId: gone.companyId, intoId: keep.companyId, actor: 'op' });
    expect(res).toEqual({ movedDeals: [gone.dealId], movedAliases: 1 });
    const page = await getCompany(t.db, keep.companyId);
    expect(page?.aliases.map((a) => a.name)).toEqual(['Marlowe Grid', 'Marlow Energy Grid']);
    expect(page?.deals.map((d) => d.id)).toEqual([gone.dealId, keep.dealId]);
    expect((await getCompany(t.db, gone.companyId))?.company.merged_into).toBe(keep.companyId);
    const history = await t.db.selectFrom('deal_history').select('change').where('deal_id', '=', gone.dealId).execute();
    expect(history.map((h) => h.change)).toContainEqual(expect.objectContaining({ action: 'company_merged' }));
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'merge_companies').execute();
    expect(audit).toEqual([expect.objectContaining({ actor: 'op', target_id: keep.companyId })]);
    // A later report under the merged-away name resolves to the surviving company.
    const later = await save(at('Marlow Energy Grid', 'GB', { round: 'series_b', amount: usd(30_000_000), announcedOn: '2025-06-01' }));
    expect(later.companyId).toBe(keep.companyId);
    await expect(mergeCompanies(t.db, { fromId: gone.companyId, intoId: keep.companyId, actor: 'op' })).rejects.toBeInstanceOf(
      CompanyError,
    );
  });

  it('splits chosen names and deals off into a new company', async () => {
    const first = await save(at('Vantor', 'DE'));
    const other = await save(at('Vantor Labs', 'DE', { round: 'seed', amount: usd(900_000), announcedOn: '2022-04-01' }));
    expect(other.companyId).toBe(first.companyId);
    const page = await getCompany(t.db, first.companyId);
    const labs = page!.aliases.find((a) => a.name === 'Vantor Labs')!;
    const created = await splitCompany(t.db, { companyId: first.companyId, aliasIds: [labs.id], dealIds: [other.dealId], actor: 'op' });
    const after = await getCompany(t.db, created);
    expect(after?.company).toMatchObject({ name: 'Vantor Labs', country: 'DE' });
    expect(after?.deals.map((d) => d.id)).toEqual([other.dealId]);
    expect((await getCompany(t.db, first.companyId))?.aliases.map((a) => a.name)).toEqual(['Vantor']);
    await expect(
      splitCompany(t.db, {
        companyId: first.companyId,
        aliasIds: (await getCompany(t.db, first.companyId))!.aliases.map((a) => a.id),
        dealIds: [],
        actor: 'op',
      }),
    ).rejects.toThrow(/keep at least one/);
  });

  it("splits a deal's sources off into a new deal that carries the figures those sources stated", async () => {
    const first = await save(at('Pelham Works', 'GB', { amount: usd(42_000_000) }));
    const off = await save(at('Pelham Works', 'GB', { amount: usd(45_000_000) }));
    expect(off.dealId).toBe(first.dealId);
    const created = await splitDealSources(t.db, { dealId: first.dealId, articleIds: [off.articleId], actor: 'op' });
    const row = await t.db.selectFrom('deals').selectAll().where('id', '=', created).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ amount_value: 45_000_000, company_id: first.companyId });
    const moved = await t.db.selectFrom('deal_sources').selectAll().where('deal_id', '=', created).execute();
    expect(moved.map((s) => [s.article_id, s.figures_disagree])).toEqual([[off.articleId, false]]);
    await expect(splitDealSources(t.db, { dealId: first.dealId, articleIds: [first.articleId], actor: 'op' })).rejects.toThrow(
      /keep at least one/,
    );
  });
});
