import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/types.js';
import { keysOf } from '../dedupe/company.js';
import { inTransaction, lockPairInOrder } from './transaction.js';

// Companies repository: search (merge targets), the company page (aliases, deals in date order)
// and the operator's merge / split of companies and split of a deal's sources. Every change is one
// transaction with an audit_log row and deal_history rows for the deals it moves.

type Tx = Transaction<Database>;

/** An operator action on companies that cannot be applied; `code` maps to an HTTP status like ReviewError's. */
export class CompanyError extends Error {
  constructor(
    readonly code: 'not_found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
    this.name = 'CompanyError';
  }
}

export interface CompanyHit {
  id: number;
  name: string;
  country: string | null;
  region: string | null;
  /** The alias that matched the query (the name itself when it did). */
  matched: string;
  dealCount: number;
}

/**
 * Live companies whose names (any alias) match `query`: the same name first, then the same loose
 * key (suffixes, spaces and romanisation ignored), then loose-key prefixes, then names with the
 * same skeleton. For choosing a merge target by name.
 */
export async function searchCompanies(db: Db, query: string, opts: { limit?: number; excludeId?: number } = {}): Promise<CompanyHit[]> {
  const { key, loose, skeleton } = keysOf(query);
  if (!loose) return [];
  const limit = Math.min(Math.max(opts.limit ?? 20, 1), 100);
  // loose keys hold only letters and digits, so the prefix needs no LIKE escaping.
  const { rows } = await sql<CompanyHit>`
    SELECT c.id::int AS id, c.name, c.country, c.region, m.matched,
      (SELECT count(*) FROM deals d WHERE d.company_id = c.id AND d.merged_into IS NULL AND d.rejected_at IS NULL)::int AS "dealCount"
    FROM (
      SELECT DISTINCT ON (a.company_id) a.company_id, a.name AS matched,
        CASE WHEN a.name_key = ${key} THEN 0 WHEN a.loose_key = ${loose} THEN 1 WHEN a.loose_key LIKE ${`${loose}%`} THEN 2 ELSE 3 END AS rank
      FROM company_aliases a
      WHERE a.loose_key LIKE ${`${loose}%`} OR a.skeleton = ${skeleton}
      ORDER BY a.company_id, rank, a.id
    ) m
    JOIN companies c ON c.id = m.company_id AND c.merged_into IS NULL
    WHERE ${opts.excludeId ?? null}::bigint IS NULL OR c.id <> ${opts.excludeId ?? null}::bigint
    ORDER BY m.rank, c.name, c.id
    LIMIT ${limit}`.execute(db);
  return rows;
}

/** A company with the names it was written as and its live deals, earliest first (undated last). */
export async function getCompany(db: Db, id: number) {
  const company = await db
    .selectFrom('companies')
    .select(['id', 'name', 'name_key', 'country', 'region', 'domain', 'merged_into', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!company) return null;
  const [aliases, deals] = await Promise.all([
    db.selectFrom('company_aliases').select(['id', 'name', 'name_key', 'created_at']).where('company_id', '=', id).orderBy('id').execute(),
    db
      .selectFrom('deals as d')
      .select([
        'd.id',
        'd.round',
        'd.status',
        'd.amount_value',
        'd.amount_currency',
        'd.amount_usd',
        'd.valuation_value',
        'd.valuation_currency',
        'd.valuation_usd',
        'd.announced_on',
        'd.needs_review',
        'd.confidence',
      ])
      .select((eb) =>
        eb
          .selectFrom('deal_sources as ds')
          .whereRef('ds.deal_id', '=', 'd.id')
          .select((e) => e.fn.countAll<number>().as('n'))
          .as('source_count'),
      )
      .where('d.company_id', '=', id)
      .where('d.merged_into', 'is', null)
      .where('d.rejected_at', 'is', null)
      .orderBy(sql`d.announced_on ASC NULLS LAST`)
      .orderBy('d.id')
      .execute(),
  ]);
  return { company, aliases, deals };
}
export type CompanyPage = NonNullable<Awaited<ReturnType<typeof getCompany>>>;

async function lockLiveCompany(tx: Tx, id: number) {
  const company = await tx.selectFrom('companies').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!company) throw new CompanyError('not_found', `Company #${id} does not exist`);
  if (company.merged_into !== null) throw new CompanyError('conflict', `Company #${id} was merged into company #${company.merged_into}`);
  return company;
}

async function audit(tx: Tx, actor: string, action: string, targetType: string, targetId: number, detail: object): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({ actor, action, target_type: targetType, target_id: targetId, detail: JSON.stringify(detail) })
    .execute();
}

async function moveDeals(tx: Tx, dealIds: number[], from: number, to: number, actor: string, action: string): Promise<void> {
  if (dealIds.length === 0) return;
  await tx.updateTable('deals').set({ company_id: to, updated_at: sql<Date>`now()` }).where('id', 'in', dealIds).execute();
  await tx
    .insertInto('deal_history')
    .values(
      dealIds.map((id) => ({
        deal_id: id,
        actor,
        change: JSON.stringify({ action, before: { company_id: from }, after: { company_id: to } }),
      })),
    )
    .execute();
}

/**
 * Merge company `fromId` into `intoId`: its aliases and deals move over, the target keeps its name
 * and gains a country, region or domain it lacked, and `fromId` is kept as merged (merged_into).
 * Deals are not merged with each other: duplicates between them are the deal merge's business.
 */
export async function mergeCompanies(
  db: Db,
  input: { fromId: number; intoId: number; actor: string },
): Promise<{ movedDeals: number[]; movedAliases: number }> {
  const { fromId, intoId, actor } = input;
  if (fromId === intoId) throw new CompanyError('invalid', 'A company cannot be merged into itself');
  return inTransaction(db, async (tx) => {
    const [from, into] = await lockPairInOrder(fromId, intoId, (id) => lockLiveCompany(tx, id));
    const moved = await sql<{ id: number }>`
      UPDATE company_aliases SET company_id = ${intoId}
      WHERE company_id = ${fromId} AND name NOT IN (SELECT name FROM company_aliases WHERE company_id = ${intoId})
      RETURNING id`.execute(tx);
    await tx.deleteFrom('company_aliases').where('company_id', '=', fromId).execute();
    const deals = (await tx.selectFrom('deals').select('id').where('company_id', '=', fromId).orderBy('id').execute()).map((d) => d.id);
    await moveDeals(tx, deals, fromId, intoId, actor, 'company_merged');
    await tx.updateTable('companies').set({ merged_into: intoId }).where('id', '=', fromId).execute();
    await tx
      .updateTable('companies')
      .set({ country: into.country ?? from.country, region: into.region ?? from.region, domain: into.domain ?? from.domain })
      .where('id', '=', intoId)
      .execute();
    await audit(tx, actor, 'merge_companies', 'company', intoId, {
      before: { from: { id: fromId, name: from.name }, into: { id: intoId, name: into.name } },
      after: { merged_into: intoId, deals, aliases: moved.rows.map((r) => r.id) },
    });
    return { movedDeals: deals, movedAliases: moved.rows.length };
  });
}

/**
 * Split a company: the chosen aliases and deals move to a new company named `name` (default: the
 * first chosen alias), with the country and region of the old one. The old company keeps at least
 * one alias. Returns the new company's id.
 */
export async function splitCompany(
  db: Db,
  input: { companyId: number; aliasIds: number[]; dealIds: number[]; name?: string; actor: string },
): Promise<number> {
  const aliasIds = [...new Set(input.aliasIds)];
  const dealIds = [...new Set(input.dealIds)];
  if (aliasIds.length === 0 && dealIds.length === 0) throw new CompanyError('invalid', 'Choose the names or deals to split off');
  return inTransaction(db, async (tx) => {
    const company = await lockLiveCompany(tx, input.companyId);
    const aliases = await tx
      .selectFrom('company_aliases')
      .select(['id', 'name'])
      .where('company_id', '=', company.id)
      .orderBy('id')
      .execute();
    const foreignAlias = aliasIds.filter((id) => !aliases.some((a) => a.id === id));
    if (foreignAlias.length)
      throw new CompanyError('invalid', `Name(s) #${foreignAlias.join(', #')} are not names of company #${company.id}`);
    if (aliases.length > 0 && aliasIds.length === aliases.length)
      throw new CompanyError('invalid', `Splitting off every name would leave company #${company.id} nameless; keep at least one`);
    const owned = new Set((await tx.selectFrom('deals').select('id').where('company_id', '=', company.id).execute()).map((d) => d.id));
    const foreignDeal = dealIds.filter((id) => !owned.has(id));
    if (foreignDeal.length)
      throw new CompanyError('invalid', `Deal(s) #${foreignDeal.join(', #')} are not deals of company #${company.id}`);
    const name = (input.name ?? aliases.find((a) => a.id === aliasIds[0])?.name ?? '').trim();
    const keys = keysOf(name);
    if (!keys.key) throw new CompanyError('invalid', 'The new company needs a name with letters or digits');
    const created = await tx
      .insertInto('companies')
      .values({ name, name_key: keys.key, country: company.country, region: company.region })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (aliasIds.length) await tx.updateTable('company_aliases').set({ company_id: created.id }).where('id', 'in', aliasIds).execute();
    await tx
      .insertInto('company_aliases')
      .values({ company_id: created.id, name, name_key: keys.key, loose_key: keys.loose, skeleton: keys.skeleton })
      .onConflict((oc) => oc.columns(['company_id', 'name']).doNothing())
      .execute();
    await moveDeals(tx, dealIds, company.id, created.id, input.actor, 'company_split');
    await audit(tx, input.actor, 'split_company', 'company', company.id, {
      before: { aliases: aliases.map((a) => a.id), deals: [...owned] },
      after: { new_company: created.id, name, aliases: aliasIds, deals: dealIds },
    });
    return created.id;
  });
}

/**
 * Move the given articles' sources off `dealId` onto a new deal of the same company: its figures
 * are the ones those articles stated (the first that stated any, by article), else the deal's; the
 * investors are copied. Items raised about those articles follow them. Returns the new deal's id.
 */
export async function splitDealSources(db: Db, input: { dealId: number; articleIds: number[]; actor: string }): Promise<number> {
  const ids = [...new Set(input.articleIds)];
  if (ids.length === 0 || !ids.every((id) => Number.isSafeInteger(id) && id > 0)) {
    throw new CompanyError('invalid', 'Select at least one source article to split off');
  }
  const { dealId, actor } = input;
  return inTransaction(db, async (tx) => {
    const deal = await tx.selectFrom('deals').selectAll().where('id', '=', dealId).forUpdate().executeTakeFirst();
    if (!deal) throw new CompanyError('not_found', `Deal #${dealId} does not exist`);
    if (deal.merged_into !== null || deal.rejected_at !== null) throw new CompanyError('conflict', `Deal #${dealId} is not live`);
    const sources = await tx.selectFrom('deal_sources').selectAll().where('deal_id', '=', dealId).orderBy('article_id').execute();
    const missing = ids.filter((id) => !sources.some((s) => s.article_id === id));
    if (missing.length) throw new CompanyError('invalid', `Article(s) ${missing.join(', ')} are not sources of deal #${dealId}`);
    if (ids.length === sources.length)
      throw new CompanyError('invalid', `Splitting off every source would leave deal #${dealId} empty; keep at least one`);
    const moving = sources.filter((s) => ids.includes(s.article_id));
    const stated = moving.find((s) => s.amount_value !== null);
    const valued = moving.find((s) => s.valuation_value !== null);
    const dated = moving.find((s) => s.announced_on !== null);
    const created = await tx
      .insertInto('deals')
      .values({
        company_id: deal.company_id,
        round: deal.round,
        status: deal.status,
        ...(stated
          ? {
              amount_value: stated.amount_value,
              amount_currency: stated.amount_currency,
              amount_usd: stated.amount_usd,
              fx_rate: null,
              fx_date: null,
              fx_source: null,
            }
          : {
              amount_value: deal.amount_value,
              amount_currency: deal.amount_currency,
              amount_usd: deal.amount_usd,
              fx_rate: deal.fx_rate,
              fx_date: deal.fx_date,
              fx_source: deal.fx_source,
            }),
        valuation_value: valued ? valued.valuation_value : deal.valuation_value,
        valuation_currency: valued ? valued.valuation_currency : deal.valuation_currency,
        valuation_usd: valued ? valued.valuation_usd : deal.valuation_usd,
        country: deal.country,
        region: deal.region,
        announced_on: dated ? dated.announced_on : deal.announced_on,
        confidence: deal.confidence,
        needs_review: deal.needs_review,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`
      INSERT INTO deal_investors (deal_id, investor_id, lead)
      SELECT ${created.id}, investor_id, lead FROM deal_investors WHERE deal_id = ${dealId}`.execute(tx);
    // On their own deal the moved sources state its figures: no disagreement left to flag.
    await tx
      .updateTable('deal_sources')
      .set({ deal_id: created.id, figures_disagree: false })
      .where('deal_id', '=', dealId)
      .where('article_id', 'in', ids)
      .execute();
    await tx
      .updateTable('review_items')
      .set({ deal_id: created.id })
      .where('deal_id', '=', dealId)
      .where('article_id', 'in', ids)
      .execute();
    await tx
      .insertInto('deal_history')
      .values([
        { deal_id: dealId, actor, change: JSON.stringify({ action: 'split', new_deal: created.id, articles: ids }) },
        { deal_id: created.id, actor, change: JSON.stringify({ action: 'split_from', from: dealId, articles: ids }) },
      ])
      .execute();
    await audit(tx, actor, 'split', 'deal', dealId, {
      before: { articles: sources.map((s) => s.article_id) },
      after: {
        articles: sources.filter((s) => !ids.includes(s.article_id)).map((s) => s.article_id),
        new_deal: created.id,
        new_deal_articles: ids,
      },
    });
    return created.id;
  });
}
