import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database, DealsCleanView } from '../db/types.js';

// Read side of deals: the live set (deals_clean, deal_sources_clean) for the API, pages and exports,
// and one deal's parts (company, investors, sources, history) for the review screens.

/** Filters over deals_clean; src/export/filters.ts validates them from user input. */
export interface LiveDealFilters {
  /** announced_on on or after this date */
  since?: string;
  round?: string;
  country?: string;
  region?: string;
  min_usd?: number;
  /** case-insensitive substring of the company name */
  company?: string;
  status?: string;
}

/** Keyset position after a row: newest announced first, undated deals last, then id. */
export interface LiveDealPosition {
  a: string | null;
  id: number;
}

/** ILIKE pattern matching `text` anywhere, with the pattern characters escaped. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type LiveDealsQuery = SelectQueryBuilder<Database, 'deals_clean', DealsCleanView>;

function applyFilters(q: LiveDealsQuery, f: LiveDealFilters): LiveDealsQuery {
  if (f.since) q = q.where('announced_on', '>=', f.since);
  if (f.round) q = q.where('round', '=', f.round);
  if (f.country) q = q.where('country', '=', f.country);
  if (f.region) q = q.where('region', '=', f.region);
  if (f.min_usd !== undefined) q = q.where('amount_usd', '>=', f.min_usd);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.company) q = q.where('company_name', 'ilike', containsPattern(f.company));
  return q;
}

function afterPosition(q: LiveDealsQuery, c: LiveDealPosition): LiveDealsQuery {
  // Keyset over (announced_on DESC NULLS LAST, id DESC); NULL dates form the final segment.
  if (c.a === null) return q.where('announced_on', 'is', null).where('id', '<', c.id);
  const a = c.a;
  return q.where((eb) =>
    eb.or([eb('announced_on', '<', a), eb.and([eb('announced_on', '=', a), eb('id', '<', c.id)]), eb('announced_on', 'is', null)]),
  );
}

/** Up to `limit` live deals matching `filters`, newest announced first, starting after `after`. */
export async function listLiveDeals(
  db: Db,
  filters: LiveDealFilters,
  opts: { after?: LiveDealPosition; limit: number },
): Promise<DealsCleanView[]> {
  let q = applyFilters(db.selectFrom('deals_clean').selectAll(), filters);
  if (opts.after) q = afterPosition(q, opts.after);
  return q.orderBy(sql`announced_on DESC NULLS LAST`).orderBy('id', 'desc').limit(opts.limit).execute();
}

/** One live deal (not merged or rejected), or undefined. */
export async function findLiveDeal(db: Db, id: number): Promise<DealsCleanView | undefined> {
  return db.selectFrom('deals_clean').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function liveDealSources(db: Db, dealId: number) {
  return db.selectFrom('deal_sources_clean').selectAll().where('deal_id', '=', dealId).orderBy('published_at').execute();
}

/** Live deals whose company name contains `q` (case-insensitive), newest first. */
export async function searchLiveDeals(db: Db, q: string, opts: { excludeId?: number; limit: number }) {
  let query = db
    .selectFrom('deals_clean')
    .select([
      'id',
      'company_name',
      'round',
      'status',
      'amount_value',
      'amount_currency',
      'amount_usd',
      'announced_on',
      'country',
      'source_count',
    ])
    .where('company_name', 'ilike', containsPattern(q.trim()))
    .orderBy('announced_on', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit);
  if (opts.excludeId !== undefined) query = query.where('id', '!=', opts.excludeId);
  return query.execute();
}

/** Any deal row by id (live, merged or rejected). */
export async function findDeal(db: Db, id: number) {
  return db.selectFrom('deals').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function getCompany(db: Db, id: number) {
  return db.selectFrom('companies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** A deal's investors, leads first, then by name. */
export async function dealInvestors(db: Db, dealId: number) {
  return db
    .selectFrom('deal_investors as di')
    .innerJoin('investors as i', 'i.id', 'di.investor_id')
    .select(['i.id', 'i.name', 'di.lead'])
    .where('di.deal_id', '=', dealId)
    .orderBy('di.lead', 'desc')
    .orderBy('i.name')
    .execute();
}

/** What a deal's sources show: the article, and the role and figures it stated (migrations/0009). */
const SOURCE_COLUMNS = [
  's.deal_id',
  's.article_id',
  's.url',
  's.publisher',
  's.published_at',
  's.quote',
  's.role',
  's.amount_value',
  's.amount_currency',
  's.amount_usd',
  's.valuation_value',
  's.valuation_currency',
  's.valuation_usd',
  's.announced_on',
  's.figures_disagree',
  'a.title',
] as const;

/** A deal's sources with their article titles and the figures each stated, oldest first. */
export async function dealSources(db: Db, dealId: number) {
  return sourcesOfDeals(db, [dealId]);
}

/** The sources of several deals (a company's timeline), oldest first per deal. */
export async function sourcesOfDeals(db: Db, dealIds: number[]) {
  if (dealIds.length === 0) return [];
  return db
    .selectFrom('deal_sources as s')
    .leftJoin('articles as a', 'a.id', 's.article_id')
    .select(SOURCE_COLUMNS)
    .where('s.deal_id', 'in', dealIds)
    .orderBy('s.deal_id')
    .orderBy('s.published_at')
    .orderBy('s.article_id')
    .execute();
}
export type DealSourceRow = Awaited<ReturnType<typeof sourcesOfDeals>>[number];

export async function dealHistory(db: Db, dealId: number) {
  return db.selectFrom('deal_history').selectAll().where('deal_id', '=', dealId).orderBy('created_at').orderBy('id').execute();
}
