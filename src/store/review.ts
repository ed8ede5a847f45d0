import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { ReviewItem, ReviewKind, ReviewStatus } from '../db/types.js';
import type { Tx } from './transaction.js';

// Review items and the audit log. What an operator action means (which items close, what the
// audit row says) is decided in src/review/actions.ts; these functions only read and write rows.

/** Open items per kind (kinds with none are absent). */
export async function openItemCounts(db: Db): Promise<Array<{ kind: ReviewKind; n: number }>> {
  return db
    .selectFrom('review_items')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'open')
    .groupBy('kind')
    .execute();
}

/** Open items with their deal's company and round and their article's title, oldest first. */
export async function openItems(db: Db, opts: { kind?: ReviewKind; limit: number }) {
  let q = db
    .selectFrom('review_items as r')
    .leftJoin('deals as d', 'd.id', 'r.deal_id')
    .leftJoin('companies as c', 'c.id', 'd.company_id')
    .leftJoin('articles as a', 'a.id', 'r.article_id')
    .select([
      'r.id',
      'r.kind',
      'r.reason',
      'r.created_at',
      'r.deal_id',
      'r.article_id',
      'c.name as company_name',
      'd.round',
      'a.title as article_title',
    ])
    .where('r.status', '=', 'open')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .limit(opts.limit);
  if (opts.kind) q = q.where('r.kind', '=', opts.kind);
  return q.execute();
}

export async function findReviewItem(db: Db, id: number): Promise<ReviewItem | undefined> {
  return db.selectFrom('review_items').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The item row locked until the transaction ends, so two operators cannot resolve it at once. */
export async function lockReviewItem(tx: Tx, id: number): Promise<ReviewItem | undefined> {
  return tx.selectFrom('review_items').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** The items raised about a deal, in id order. */
export async function dealReviewItems(db: Db, dealId: number) {
  return db
    .selectFrom('review_items')
    .select(['id', 'kind', 'status', 'reason', 'resolved_by'])
    .where('deal_id', '=', dealId)
    .orderBy('id')
    .execute();
}

/** The article as a reviewer reads it. */
export async function reviewArticle(db: Db, id: number) {
  return db
    .selectFrom('articles')
    .select(['id', 'url', 'title', 'site_name', 'published_at', 'text'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Close the open items matching `where` (one item, or all of a deal's) with `status`; returns their ids. */
export async function resolveOpenItems(
  tx: Tx,
  where: { itemId?: number; dealId?: number },
  status: ReviewStatus,
  actor: string,
): Promise<number[]> {
  let q = tx.updateTable('review_items').set({ status, resolved_by: actor, resolved_at: sql<Date>`now()` }).where('status', '=', 'open');
  if (where.itemId !== undefined) q = q.where('id', '=', where.itemId);
  if (where.dealId !== undefined) q = q.where('deal_id', '=', where.dealId);
  return (await q.returning('id').execute()).map((r) => r.id);
}

/** Set the deal's needs_review flag to whether any of its items is still open. */
export async function refreshNeedsReview(tx: Tx, dealId: number): Promise<void> {
  await tx
    .updateTable('deals')
    .set({ needs_review: sql<boolean>`EXISTS (SELECT 1 FROM review_items r WHERE r.deal_id = deals.id AND r.status = 'open')` })
    .where('id', '=', dealId)
    .execute();
}

export interface AuditEntry {
  actor: string;
  action: string;
  targetType: string;
  targetId: number;
  detail: object;
}

export async function insertAudit(tx: Tx, e: AuditEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({ actor: e.actor, action: e.action, target_type: e.targetType, target_id: e.targetId, detail: JSON.stringify(e.detail) })
    .execute();
}

/** The newest audit rows first. */
export async function recentAudit(db: Db, limit: number) {
  return db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit).execute();
}

/** Actions on the deal itself plus review-item actions that concerned it, oldest first. */
export async function dealAudit(db: Db, dealId: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([eb.and([eb('target_type', '=', 'deal'), eb('target_id', '=', dealId)]), eb(sql`detail->>'deal_id'`, '=', String(dealId))]),
    )
    .orderBy('id')
    .execute();
}
