import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/connect.js';
import type { Deal } from '../../src/deal/schema.js';
import type { ReviewFlag } from '../../src/deal/review.js';
import { sql } from 'kysely';
import { markDuplicate } from '../../src/store/articles.js';
import { saveDeals } from '../../src/store/deals.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { deal, usd } from '../fixtures/dedupe/deals.js';

let t: TestDb;
let articleSeq = 0;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.drop();
});

async function article(publishedAt: string | null = '2025-03-10T08:00:00Z') {
  const n = ++articleSeq;
  const url = `https://news${n % 3}.example/story-${n}`;
  const { id } = await t.db
    .insertInto('articles')
    .values({ url, canonical_url: url, published_at: publishedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, url, siteName: n % 2 ? `News ${n % 3}` : null, publishedAt };
}

async function save(deals: Deal[], flags: ReviewFlag[] = [], art?: Awaited<ReturnType<typeof article>>) {
  const a = art ?? (await article());
  return {
    article: a,
    result: await saveDeals(t.db, { article: a, extractionId: null, candidates: deals.map((d) => ({ deal: d, flags })) }),
  };
}

const company = (name: string) => ({ name, country: 'DE' as string | null });

async function dealsOf(name: string) {
  return t.db
    .selectFrom('deals')
    .innerJoin('companies', 'companies.id', 'deals.company_id')
    .selectAll('deals')
    .where('companies.name', '=', name)
    .orderBy('deals.id')
    .execute();
}

describe('saveDeals finishing the article', () => {
  const statusOf = async (id: number) =>
    (await t.db.selectFrom('articles').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  it('marks the article extracted with its deals and gives its syndicated copies the same sources', async () => {
    const original = await article();
    const copyUrl = `https://mirror.example/copy-${original.id}`;
    const copy = await t.db
      .insertInto('articles')
      .values({ url: copyUrl, canonical_url: copyUrl, status: 'duplicate', duplicate_of: original.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const result = await saveDeals(t.db, {
      article: original,
      extractionId: null,
      candidates: [{ deal: deal({ company: company('Orrin Vale') }), flags: [] }],
      finishArticle: true,
    });
    expect(await statusOf(original.id)).toBe('extracted');
    const sources = await t.db.selectFrom('deal_sources').select('article_id').where('deal_id', '=', result.deals[0]!.dealId).execute();
    expect(sources.map((s) => s.article_id).sort((a, b) => a - b)).toEqual([original.id, copy.id]);
  });

  it('a copy found while its original is being saved waits for that save, so one of the two links it', async () => {
    const original = await article();
    const copyUrl = `https://mirror.example/late-copy-${original.id}`;
    const copy = await t.db
      .insertInto('articles')
      .values({ url: copyUrl, canonical_url: copyUrl })
      .returning('id')
      .executeTakeFirstOrThrow();
    let marked = false;
    let pending: Promise<void> | undefined;
    await t.db.connection().execute(async (conn) => {
      // What saveDeals holds from BEGIN to COMMIT when it finishes the article.
      await sql`BEGIN`.execute(conn);
      await sql`SELECT id FROM articles WHERE id = ${original.id} FOR NO KEY UPDATE`.execute(conn);
      pending = markDuplicate(t.db, copy.id, original.id).then(() => {
        marked = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(marked).toBe(false);
      await sql`COMMIT`.execute(conn);
    });
    await pending;
    expect(marked).toBe(true);
    const row = await t.db.selectFrom('articles').select(['status', 'duplicate_of']).where('id', '=', copy.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'duplicate', duplicate_of: original.id });
  });

  it('marks an article without deals extracted too, and leaves it alone when not asked', async () => {
    const empty = await article();
    await saveDeals(t.db, { article: empty, extractionId: null, candidates: [], finishArticle: true });
    expect(await statusOf(empty.id)).toBe('extracted');
    const other = await article();
    await saveDeals(t.db, {
      article: other,
      extractionId: null,
      candidates: [{ deal: deal({ company: company('Orrin Dale') }), flags: [] }],
    });
    expect(await statusOf(other.id)).toBe('pending');
  });
});

describe('saveDeals', () => {
  it('links three reports of one deal to a single deal with three sources', async () => {
    const c = company('Lumen Grid');
    const r1 = await save([deal({ company: c })]);
    const r2 = await save([
      deal({ company: { name: 'Lumen Grid GmbH', country: null }, amount: usd(21_000_000), announcedOn: '2025-03-11' }),
    ]);
    const r3 = await save([deal({ company: { name: 'LUMEN GRID', country: null }, round: 'series_unknown', amount: null })]);
    expect(r1.result.deals[0]!.action).toBe('created');
    expect(r2.result.deals[0]).toEqual({ dealId: r1.result.deals[0]!.dealId, action: 'linked' });
    expect(r3.result.deals[0]!.dealId).toBe(r1.result.deals[0]!.dealId);
    expect(await dealsOf('Lumen Grid')).toHaveLength(1);
    const sources = await t.db
      .selectFrom('deal_sources')
      .selectAll()
      .where('deal_id', '=', r1.result.deals[0]!.dealId)
      .orderBy('article_id')
      .execute();
    expect(sources.map((s) => s.article_id)).toEqual([r1.article.id, r2.article.id, r3.article.id]);
    expect(sources[0]).toMatchObject({ url: r1.article.url, quote: 'Acme Robotics has raised $20 million' });
    expect(sources[0]!.publisher).toBe(r1.article.siteName ?? new URL(r1.article.url).host);
    expect(sources[1]!.publisher).toBe(r2.article.siteName ?? new URL(r2.article.url).host);
    const companies = await t.db.selectFrom('companies').selectAll().where('name_key', '=', 'lumen grid').execute();
    expect(companies).toEqual([expect.objectContaining({ name: 'Lumen Grid', country: 'DE', region: 'europe' })]);
  });

  it('collapses duplicates within one article and keeps distinct rounds apart', async () => {
    const c = company('Orbital Kitchens');
    const { result } = await save([
      deal({ company: c }),
      deal({ company: c, amount: usd(20_500_000) }),
      deal({ company: c, round: 'seed', amount: usd(2_000_000), announcedOn: '2024-01-15' }),
    ]);
    expect(result.deals).toHaveLength(2);
    const later = await save([deal({ company: c, round: 'series_b', amount: usd(50_000_000), announcedOn: '2025-04-01' })]);
    expect(later.result.deals[0]!.action).toBe('created');
    expect((await dealsOf('Orbital Kitchens')).map((d) => d.round).sort()).toEqual(['seed', 'series_a', 'series_b']);
  });

  it('updates an in-talks deal when it is announced and records the change', async () => {
    const c = company('Fernwood Bio');
    const talks = await save([
      deal({ company: c, status: 'in_talks', round: 'series_unknown', amount: usd(30_000_000), announcedOn: '2024-11-01', investors: [] }),
    ]);
    const id = talks.result.deals[0]!.dealId;
    const ann = await save([deal({ company: c, amount: usd(42_000_000), announcedOn: '2025-03-10' })]);
    expect(ann.result.deals[0]).toEqual({ dealId: id, action: 'updated' });
    const [row] = await dealsOf('Fernwood Bio');
    expect(row).toMatchObject({ id, status: 'announced', round: 'series_a', amount_value: 42_000_000, announced_on: '2025-03-10' });
    const history = await t.db.selectFrom('deal_history').selectAll().where('deal_id', '=', id).execute();
    expect(history).toHaveLength(1);
    expect(history[0]!.change).toMatchObject({
      kind: 'status_progression',
      before: { status: 'in_talks', round: 'series_unknown', amount_value: 30_000_000 },
      after: { status: 'announced', round: 'series_a', amount_value: 42_000_000 },
    });
    // A later rumour about the same round never downgrades the announced deal.
    const rumour = await save([deal({ company: c, status: 'rumored', amount: usd(42_000_000), announcedOn: '2025-03-20' })]);
    expect(rumour.result.deals[0]!.action).toBe('linked');
    expect((await dealsOf('Fernwood Bio'))[0]!.status).toBe('announced');
  });

  it('stores a far-apart amount as its own deal with a conflict review item naming both deals', async () => {
    const c = company('Quarry Labs');
    const first = await save([deal({ company: c })]);
    const second = await save([deal({ company: c, amount: usd(80_000_000) })]);
    expect(second.result.deals[0]!.action).toBe('conflict');
    expect(second.result.reviewItems).toBe(1);
    const ids = [first.result.deals[0]!.dealId, second.result.deals[0]!.dealId];
    const items = await t.db.selectFrom('review_items').selectAll().where('kind', '=', 'conflict').where('deal_id', '=', ids[1]!).execute();
    expect(items).toHaveLength(1);
    expect(items[0]!.payload).toMatchObject({ dealIds: ids });
    expect((await dealsOf('Quarry Labs')).find((d) => d.id === ids[1])!.needs_review).toBe(true);
  });

  it('flags a conflict between two candidates of the same article', async () => {
    const c = company('Veldt Systems');
    const { result } = await save([deal({ company: c }), deal({ company: c, amount: usd(90_000_000) })]);
    expect(result.deals.map((d) => d.action)).toEqual(['created', 'conflict']);
    const items = await t.db
      .selectFrom('review_items')
      .selectAll()
      .where('kind', '=', 'conflict')
      .where('deal_id', '=', result.deals[1]!.dealId)
      .execute();
    expect(items[0]!.payload).toMatchObject({ dealIds: [result.deals[0]!.dealId, result.deals[1]!.dealId] });
  });

  it('turns flags into review items and re-saving the same extraction creates nothing new', async () => {
    const c = company('Tessel AI');
    const flags: ReviewFlag[] = [
      { kind: 'low_confidence', reason: 'confidence 0.42' },
      { kind: 'evidence_failed', reason: 'amount quote not in text' },
    ];
    const a = await article();
    const candidates = [deal({ company: c, confidence: 0.42 })];
    const first = await save(candidates, flags, a);
    expect(first.result.reviewItems).toBe(2);
    const count = async () => {
      const q = (table: 'deals' | 'deal_sources' | 'review_items' | 'deal_investors' | 'deal_history' | 'investors' | 'companies') =>
        t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
      return Promise.all(
        ['deals', 'deal_sources', 'review_items', 'deal_investors', 'deal_history', 'investors', 'companies'].map((x) => q(x as never)),
      );
    };
    const before = await count();
    const again = await save(candidates, flags, a);
    expect(again.result).toEqual({ deals: [{ dealId: first.result.deals[0]!.dealId, action: 'linked' }], reviewItems: 0 });
    expect(await count()).toEqual(before);
    const items = await t.db
      .selectFrom('review_items')
      .select(['kind', 'reason', 'article_id'])
      .where('deal_id', '=', first.result.deals[0]!.dealId)
      .orderBy('kind')
      .execute();
    expect(items).toEqual([
      { kind: 'evidence_failed', reason: 'amount quote not in text', article_id: a.id },
      { kind: 'low_confidence', reason: 'confidence 0.42', article_id: a.id },
    ]);
  });

  it('lets only one of two concurrent saves of the same deal create it', async () => {
    // Separate pools so the two transactions really run at the same time on different connections.
    const dbs = [createDb(t.url, 2), createDb(t.url, 2)];
    try {
      const arts = await Promise.all([article(), article()]);
      const results = await Promise.all(
        dbs.map((db, i) =>
          saveDeals(db, {
            article: arts[i]!,
            extractionId: null,
            candidates: [{ deal: deal({ company: company('Halcyon Freight') }), flags: [] }],
          }),
        ),
      );
      expect(results.map((r) => r.deals[0]!.action).sort()).toEqual(['created', 'linked']);
      expect(await dealsOf('Halcyon Freight')).toHaveLength(1);
      const sources = await t.db
        .selectFrom('deal_sources')
        .select('article_id')
        .where('deal_id', '=', results[0]!.deals[0]!.dealId)
        .execute();
      expect(sources).toHaveLength(2);
    } finally {
      await Promise.all(dbs.map((db) => db.destroy()));
    }
  });

  it('merges investors across reports, lead if any report says so', async () => {
    const c = company('Brightwave Energy');
    const first = await save([
      deal({
        company: c,
        investors: [
          { name: 'Index Ventures', lead: false },
          { name: 'Seedcamp', lead: false },
        ],
      }),
    ]);
    await save([
      deal({
        company: c,
        investors: [
          { name: 'Index Ventures Ltd', lead: true },
          { name: 'Kima Ventures', lead: false },
        ],
      }),
    ]);
    const rows = await t.db
      .selectFrom('deal_investors')
      .innerJoin('investors', 'investors.id', 'deal_investors.investor_id')
      .select(['investors.name', 'deal_investors.lead'])
      .where('deal_id', '=', first.result.deals[0]!.dealId)
      .orderBy('investors.name')
      .execute();
    expect(rows).toEqual([
      { name: 'Index Ventures', lead: true },
      { name: 'Kima Ventures', lead: false },
      { name: 'Seedcamp', lead: false },
    ]);
  });

  it('matches a EUR report to the USD report of the same deal via the converted amount', async () => {
    const c = company('Nordlicht Health');
    const first = await save([deal({ company: c, amount: usd(33_000_000) })]);
    const eur = await save([deal({ company: c, amount: { value: 30_000_000, currency: 'EUR', usd: 32_400_000 } })]);
    expect(eur.result.deals[0]).toEqual({ dealId: first.result.deals[0]!.dealId, action: 'linked' });
    // Far outside tolerance in USD terms → a conflict, not a silent link.
    const wrong = await save([deal({ company: c, amount: { value: 60_000_000, currency: 'EUR', usd: 64_800_000 } })]);
    expect(wrong.result.deals[0]!.action).toBe('conflict');
  });

  it('dates an undated deal by its article and raises a possible_duplicate for a near match', async () => {
    const c = company('Pico Orchard');
    const first = await save([deal({ company: c })]);
    // Same investors, unspecified round, but a very different amount: not merged, but sent to review.
    const vague = await save(
      [deal({ company: c, round: 'series_unknown', amount: usd(70_000_000), announcedOn: null })],
      [],
      await article('2025-03-12T09:00:00Z'),
    );
    expect(vague.result).toMatchObject({ deals: [{ action: 'created' }], reviewItems: 1 });
    const rows = await dealsOf('Pico Orchard');
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ announced_on: '2025-03-12', needs_review: true });
    const items = await t.db.selectFrom('review_items').selectAll().where('deal_id', '=', rows[1]!.id).execute();
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'possible_duplicate',
        payload: expect.objectContaining({ dealIds: [first.result.deals[0]!.dealId, rows[1]!.id] }),
      }),
    ]);
  });

  it('rejects malformed input with a clear error', async () => {
    const a = await article();
    await expect(saveDeals(t.db, { article: { ...a, url: 'not a url' }, extractionId: null, candidates: [] })).rejects.toThrow(
      /invalid article url/,
    );
    await expect(
      saveDeals(t.db, {
        article: a,
        extractionId: null,
        candidates: [{ deal: { ...deal(), round: 'series_z' } as unknown as Deal, flags: [] }],
      }),
    ).rejects.toThrow(/candidate 0 is not a valid Deal: round/);
  });
});
