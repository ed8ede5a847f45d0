import type { Db } from '../../src/db/connect.js';
import type { ReviewKind } from '../../src/db/types.js';
import { keysOf } from '../../src/dedupe/company.js';

// Direct inserts standing in for the pipeline's saveDeals: just enough rows for review/web tests.

let seq = 0;
const uniq = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

export async function insertArticle(
  db: Db,
  o: { title?: string; text?: string; url?: string; published_at?: string } = {},
): Promise<number> {
  const url = o.url ?? `https://news.example/${uniq()}`;
  const row = await db
    .insertInto('articles')
    .values({
      url,
      canonical_url: url,
      title: o.title ?? 'Funding news',
      text: o.text ?? 'Some article text.',
      status: 'extracted',
      site_name: 'News Example',
      published_at: o.published_at ?? '2025-03-01T10:00:00Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface DealSeed {
  company?: string;
  country?: string | null;
  round?: string;
  status?: string;
  amount?: { value: number; currency: string; usd: number | null } | null;
  announced_on?: string | null;
  investors?: { name: string; lead?: boolean }[];
  /** One deal_sources row per entry (an article is created for each), with the figures it stated. */
  sources?: {
    quote?: string;
    text?: string;
    title?: string;
    publisher?: string;
    role?: 'report' | 'mention';
    amount?: { value: number; currency: string; usd: number | null };
    valuation?: { value: number; currency: string; usd: number | null };
    announced_on?: string;
    figures_disagree?: boolean;
  }[];
  /** An existing company to add the deal to (instead of a new one). */
  companyId?: number;
  confidence?: number;
}

/** A company with its name as an alias, so name searches (merge targets) find it like a stored one. */
export async function insertCompany(db: Db, name: string, country?: string | null): Promise<{ id: number }> {
  const company = await db
    .insertInto('companies')
    .values({ name, name_key: `${name.toLowerCase()}-${uniq()}`, country: country === undefined ? 'DE' : country, region: 'europe' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const keys = keysOf(name);
  await db
    .insertInto('company_aliases')
    .values({ company_id: company.id, name, name_key: keys.key, loose_key: keys.loose, skeleton: keys.skeleton })
    .execute();
  return company;
}

/** Another name a company was written as (an alias with its match keys). */
export async function insertAlias(db: Db, companyId: number, name: string): Promise<number> {
  const keys = keysOf(name);
  const row = await db
    .insertInto('company_aliases')
    .values({ company_id: companyId, name, name_key: keys.key, loose_key: keys.loose, skeleton: keys.skeleton })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertDeal(db: Db, s: DealSeed = {}): Promise<{ dealId: number; companyId: number; articleIds: number[] }> {
  const company = s.companyId !== undefined ? { id: s.companyId } : await insertCompany(db, s.company ?? `Acme ${uniq()}`, s.country);
  const amount = s.amount === undefined ? { value: 5_000_000, currency: 'EUR', usd: 5_400_000 } : s.amount;
  const deal = await db
    .insertInto('deals')
    .values({
      company_id: company.id,
      round: s.round ?? 'seed',
      status: s.status ?? 'announced',
      amount_value: amount?.value ?? null,
      amount_currency: amount?.currency ?? null,
      amount_usd: amount?.usd ?? null,
      announced_on: s.announced_on === undefined ? '2025-03-01' : s.announced_on,
      confidence: s.confidence ?? 0.9,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const inv of s.investors ?? []) {
    const key = inv.name.toLowerCase();
    await db
      .insertInto('investors')
      .values({ name: inv.name, name_key: key })
      .onConflict((oc) => oc.column('name_key').doNothing())
      .execute();
    const { id } = await db.selectFrom('investors').select('id').where('name_key', '=', key).executeTakeFirstOrThrow();
    await db
      .insertInto('deal_investors')
      .values({ deal_id: deal.id, investor_id: id, lead: inv.lead ?? false })
      .execute();
  }
  const articleIds: number[] = [];
  for (const src of s.sources ?? [{}]) {
    const articleId = await insertArticle(db, { text: src.text, title: src.title });
    const article = await db.selectFrom('articles').select('url').where('id', '=', articleId).executeTakeFirstOrThrow();
    await db
      .insertInto('deal_sources')
      .values({
        deal_id: deal.id,
        article_id: articleId,
        url: article.url,
        publisher: src.publisher ?? 'News Example',
        quote: src.quote ?? null,
        role: src.role ?? 'report',
        amount_value: src.amount?.value ?? null,
        amount_currency: src.amount?.currency ?? null,
        amount_usd: src.amount?.usd ?? null,
        valuation_value: src.valuation?.value ?? null,
        valuation_currency: src.valuation?.currency ?? null,
        valuation_usd: src.valuation?.usd ?? null,
        announced_on: src.announced_on ?? null,
        figures_disagree: src.figures_disagree ?? false,
      })
      .execute();
    articleIds.push(articleId);
  }
  return { dealId: deal.id, companyId: company.id, articleIds };
}

export async function insertItem(
  db: Db,
  o: { kind?: ReviewKind; dealId?: number | null; articleId?: number | null; reason?: string; payload?: object } = {},
): Promise<number> {
  const row = await db
    .insertInto('review_items')
    .values({
      kind: o.kind ?? 'low_confidence',
      deal_id: o.dealId ?? null,
      article_id: o.articleId ?? null,
      reason: o.reason ?? 'confidence 0.41 below 0.6',
      payload: JSON.stringify(o.payload ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
