import { sql, type Updateable } from 'kysely';
import type { DealRow, DealsTable } from '../db/types.js';
import { companyKey, investorKey } from '../normalise/company.js';
import type { Tx } from './transaction.js';

// Operator changes to deals (edit, reject, merge, split), one statement per function. The order
// and meaning of the steps of each action live in src/review/actions.ts, which runs them in one
// transaction.

export type DealFieldsUpdate = Omit<Updateable<DealsTable>, 'id' | 'updated_at'>;

/** The deal row locked until the transaction ends. */
export async function lockDeal(tx: Tx, id: number): Promise<DealRow | undefined> {
  return tx.selectFrom('deals').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Set fields (none is fine) and bump updated_at. */
export async function updateDeal(tx: Tx, id: number, set: DealFieldsUpdate = {}): Promise<void> {
  await tx
    .updateTable('deals')
    .set({ ...set, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Take the deal out of the live set (deals_clean) without deleting it. */
export async function markDealRejected(tx: Tx, id: number): Promise<void> {
  await tx
    .updateTable('deals')
    .set({ rejected_at: sql<Date>`now()`, needs_review: false, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

export async function renameCompany(tx: Tx, companyId: number, name: string): Promise<void> {
  // name_key stays the key of the name, as the re-key (src/pipeline/rekey.ts) keeps it; a name
  // without letters or digits has none and keeps the old key.
  const key = companyKey(name);
  await tx
    .updateTable('companies')
    .set(key ? { name, name_key: key } : { name })
    .where('id', '=', companyId)
    .execute();
}

/** Replace the deal's investor links with `investors` (creating investors by key as needed). */
export async function replaceDealInvestors(tx: Tx, dealId: number, investors: Array<{ name: string; lead: boolean }>): Promise<void> {
  await tx.deleteFrom('deal_investors').where('deal_id', '=', dealId).execute();
  for (const inv of investors) {
    const key = investorKey(inv.name);
    const { id } = await tx
      .insertInto('investors')
      .values({ name: inv.name, name_key: key })
      .onConflict((oc) => oc.column('name_key').doUpdateSet({ name_key: key }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.insertInto('deal_investors').values({ deal_id: dealId, investor_id: id, lead: inv.lead }).execute();
  }
}

export async function recordDealHistory(tx: Tx, entries: Array<{ dealId: number; actor: string; change: object }>): Promise<void> {
  await tx
    .insertInto('deal_history')
    .values(entries.map((e) => ({ deal_id: e.dealId, actor: e.actor, change: JSON.stringify(e.change) })))
    .execute();
}

/** The ids of the articles a deal is sourced from. */
export async function dealArticleIds(tx: Tx, dealId: number): Promise<number[]> {
  return (await tx.selectFrom('deal_sources').select('article_id').where('deal_id', '=', dealId).execute()).map((r) => r.article_id);
}

/**
 * Move every source of `fromId` to `intoId` with its role and the figures it stated; an article the
 * target already has keeps the target's row.
 */
export async function moveAllSources(tx: Tx, fromId: number, intoId: number): Promise<void> {
  await sql`
    INSERT INTO deal_sources (deal_id, article_id, extraction_id, url, publisher, published_at, quote, created_at, role,
      amount_value, amount_currency, amount_usd, valuation_value, valuation_currency, valuation_usd, announced_on, figures_disagree)
    SELECT ${intoId}, article_id, extraction_id, url, publisher, published_at, quote, created_at, role,
      amount_value, amount_currency, amount_usd, valuation_value, valuation_currency, valuation_usd, announced_on, figures_disagree
    FROM deal_sources WHERE deal_id = ${fromId}
    ON CONFLICT (deal_id, article_id) DO NOTHING`.execute(tx);
  await tx.deleteFrom('deal_sources').where('deal_id', '=', fromId).execute();
}

/** Move every investor link of `fromId` to `intoId`; a lead on either side stays a lead. */
export async function moveAllInvestors(tx: Tx, fromId: number, intoId: number): Promise<void> {
  await sql`
    INSERT INTO deal_investors (deal_id, investor_id, lead)
    SELECT ${intoId}, investor_id, lead FROM deal_investors WHERE deal_id = ${fromId}
    ON CONFLICT (deal_id, investor_id) DO UPDATE SET lead = deal_investors.lead OR EXCLUDED.lead`.execute(tx);
  await tx.deleteFrom('deal_investors').where('deal_id', '=', fromId).execute();
}

/** Take `fromId` out of the live set as merged into `intoId`. */
export async function markDealMerged(tx: Tx, fromId: number, intoId: number): Promise<void> {
  await tx
    .updateTable('deals')
    .set({ merged_into: intoId, needs_review: false, updated_at: sql<Date>`now()` })
    .where('id', '=', fromId)
    .execute();
}

/** Deals merged into `fromId` now name `intoId` instead. */
export async function repointMergedDeals(tx: Tx, fromId: number, intoId: number): Promise<void> {
  await tx.updateTable('deals').set({ merged_into: intoId }).where('merged_into', '=', fromId).execute();
}
