import { z } from 'zod';
import type { Db } from '../db/connect.js';
import type { DealRow, ReviewItem } from '../db/types.js';
import { Region, Round, Status } from '../deal/schema.js';
import { uniqueInvestors } from '../normalise/company.js';
import { toUsd } from '../normalise/fx.js';
import {
  dealArticleIds,
  type DealFieldsUpdate,
  lockDeal,
  markDealMerged,
  markDealRejected,
  moveAllInvestors,
  moveAllSources,
  recordDealHistory,
  renameCompany,
  replaceDealInvestors,
  repointMergedDeals,
  updateDeal,
} from '../store/deal-edits.js';
import { dealInvestors, getCompany } from '../store/deal-queries.js';
import { CompanyError, splitDealSources } from '../store/companies.js';
import { findReviewItem, insertAudit, lockReviewItem, refreshNeedsReview, resolveOpenItems } from '../store/review.js';
import { inTransaction, lockPairInOrder, type Tx } from '../store/transaction.js';
import { ReviewError } from './errors.js';

// Every operator action (web and terminal) goes through here: one transaction per action,
// always with an audit_log row carrying before/after, so the history is complete.

async function audit(tx: Tx, actor: string, action: string, targetType: string, targetId: number, detail: object): Promise<void> {
  await insertAudit(tx, { actor, action, targetType, targetId, detail });
}

async function lockOpenItem(tx: Tx, itemId: number): Promise<ReviewItem> {
  const item = await lockReviewItem(tx, itemId);
  if (!item) throw new ReviewError('not_found', `Review item #${itemId} does not exist`);
  if (item.status !== 'open') {
    throw new ReviewError('conflict', `Review item #${itemId} is already ${item.status} (by ${item.resolved_by ?? 'unknown'})`);
  }
  return item;
}

async function lockLiveDeal(tx: Tx, dealId: number): Promise<DealRow> {
  const deal = await lockDeal(tx, dealId);
  if (!deal) throw new ReviewError('not_found', `Deal #${dealId} does not exist`);
  if (deal.merged_into !== null) throw new ReviewError('conflict', `Deal #${dealId} was merged into deal #${deal.merged_into}`);
  if (deal.rejected_at !== null) throw new ReviewError('conflict', `Deal #${dealId} was rejected`);
  return deal;
}

/** The operator confirms the item's deal (or dismisses the item when it has no deal). */
export async function approveItem(db: Db, itemId: number, actor: string): Promise<ReviewItem> {
  return inTransaction(db, async (tx) => {
    const before = await lockOpenItem(tx, itemId);
    await resolveOpenItems(tx, { itemId }, 'approved', actor);
    // The deal's review flag clears once nothing about it is left open.
    if (before.deal_id !== null) await refreshNeedsReview(tx, before.deal_id);
    await audit(tx, actor, 'approve', 'review_item', itemId, {
      before: { status: before.status },
      after: { status: 'approved' },
      deal_id: before.deal_id,
    });
    return (await findReviewItem(tx, itemId))!;
  });
}

/** The operator rejects the item's deal: it leaves deals_clean, and its other open items close too. */
export async function rejectItem(db: Db, itemId: number, actor: string): Promise<ReviewItem> {
  return inTransaction(db, async (tx) => {
    const before = await lockOpenItem(tx, itemId);
    let closed = [itemId];
    if (before.deal_id !== null) {
      await lockLiveDeal(tx, before.deal_id);
      await markDealRejected(tx, before.deal_id);
      closed = await resolveOpenItems(tx, { dealId: before.deal_id }, 'rejected', actor);
      await recordDealHistory(tx, [{ dealId: before.deal_id, actor, change: { action: 'reject', review_item: itemId } }]);
    } else {
      await resolveOpenItems(tx, { itemId }, 'rejected', actor);
    }
    await audit(tx, actor, 'reject', 'review_item', itemId, {
      before: { status: before.status },
      after: { status: 'rejected', deal_rejected: before.deal_id !== null },
      deal_id: before.deal_id,
      closed_items: closed,
    });
    return (await findReviewItem(tx, itemId))!;
  });
}

const MoneyInput = z.object({
  value: z.number().nonnegative().finite(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be a 3-letter ISO code like USD'),
});
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    'not a real calendar date',
  );

/** Fields an operator may correct. `null` clears a nullable field. */
export const DealPatch = z
  .strictObject({
    round: Round.optional(),
    status: Status.optional(),
    amount: MoneyInput.nullable().optional(),
    valuation: MoneyInput.nullable().optional(),
    company_name: z.string().trim().min(1).max(200).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code like DE')
      .nullable()
      .optional(),
    announced_on: IsoDate.nullable().optional(),
    region: Region.nullable().optional(),
    /** The deal's whole investor list (replaces the current one); names are matched by key. */
    investors: z
      .array(z.strictObject({ name: z.string().trim().min(1).max(200), lead: z.boolean() }))
      .max(100)
      .optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type DealPatch = z.infer<typeof DealPatch>;

/** USD for an edited figure: the deal's own rate when the currency is unchanged, else the rate of its date. */
function usdFor(
  next: { value: number; currency: string } | null,
  prevValue: number | null,
  prevCurrency: string | null,
  prevUsd: number | null,
  date: string | null,
): number | null {
  if (!next) return null;
  if (next.currency === 'USD') return next.value;
  if (next.currency === prevCurrency && prevValue && prevUsd !== null) return Math.round((prevUsd / prevValue) * next.value * 100) / 100;
  return toUsd(next.value, next.currency, date)?.usd ?? null;
}

function formatIssues(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Correct a deal's fields; records deal_history and audit rows with before/after of the changed fields. */
export async function editDeal(
  db: Db,
  dealId: number,
  patch: unknown,
  actor: string,
): Promise<Record<string, { from: unknown; to: unknown }>> {
  const parsed = DealPatch.safeParse(patch);
  if (!parsed.success) throw new ReviewError('invalid', `Invalid edit: ${formatIssues(parsed.error)}`);
  const p = parsed.data;
  return inTransaction(db, async (tx) => {
    const deal = await lockLiveDeal(tx, dealId);
    const company = await getCompany(tx, deal.company_id);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const set: DealFieldsUpdate = {};
    const change = (field: string, from: unknown, to: unknown): boolean => {
      if (JSON.stringify(from) === JSON.stringify(to)) return false;
      changes[field] = { from, to };
      return true;
    };
    if (p.round !== undefined && change('round', deal.round, p.round)) set.round = p.round;
    if (p.status !== undefined && change('status', deal.status, p.status)) set.status = p.status;
    if (p.country !== undefined && change('country', deal.country, p.country)) set.country = p.country;
    if (p.announced_on !== undefined && change('announced_on', deal.announced_on, p.announced_on)) set.announced_on = p.announced_on;
    for (const kind of ['amount', 'valuation'] as const) {
      const next = p[kind];
      if (next === undefined) continue;
      const prev = deal[`${kind}_value`] === null ? null : { value: deal[`${kind}_value`], currency: deal[`${kind}_currency`] };
      if (!change(kind, prev, next)) continue;
      set[`${kind}_value`] = next?.value ?? null;
      set[`${kind}_currency`] = next?.currency ?? null;
      set[`${kind}_usd`] = usdFor(
        next,
        deal[`${kind}_value`],
        deal[`${kind}_currency`],
        deal[`${kind}_usd`],
        (set.announced_on as string | null | undefined) ?? deal.announced_on,
      );
    }
    if (p.region !== undefined && change('region', deal.region, p.region)) set.region = p.region;
    if (p.investors !== undefined) await replaceInvestors(tx, dealId, p.investors, change);
    if (Object.keys(set).length || changes.investors) await updateDeal(tx, dealId, set);
    // The company row is shared by its deals: a name edit corrects the display name everywhere.
    if (p.company_name !== undefined && change('company_name', company.name, p.company_name)) {
      await renameCompany(tx, company.id, p.company_name);
    }
    if (Object.keys(changes).length === 0) return changes;
    await recordDealHistory(tx, [{ dealId, actor, change: { action: 'edit', fields: changes } }]);
    await audit(tx, actor, 'edit', 'deal', dealId, {
      before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.from])),
      after: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.to])),
    });
    return changes;
  });
}

/** Replace a deal's investors with `next` (one entry per investor key; a lead anywhere is a lead). */
async function replaceInvestors(
  tx: Tx,
  dealId: number,
  next: Array<{ name: string; lead: boolean }>,
  change: (field: string, from: unknown, to: unknown) => boolean,
): Promise<void> {
  const current = await dealInvestors(tx, dealId);
  const wanted = uniqueInvestors(next);
  const sorted = (xs: Array<{ name: string; lead: boolean }>) =>
    [...xs].sort((a, b) => Number(b.lead) - Number(a.lead) || a.name.localeCompare(b.name)).map((x) => ({ name: x.name, lead: x.lead }));
  if (!change('investors', sorted(current), sorted(wanted))) return;
  await replaceDealInvestors(tx, dealId, wanted);
}

/** Fold `fromId` into `intoId`: its sources and investors move over and it stops being a live deal. */
export async function mergeDealInto(db: Db, fromId: number, intoId: number, actor: string): Promise<void> {
  if (fromId === intoId) throw new ReviewError('invalid', `Cannot merge deal #${fromId} into itself`);
  await inTransaction(db, async (tx) => {
    const [from] = await lockPairInOrder(fromId, intoId, (id) => lockLiveDeal(tx, id));
    const moved = await dealArticleIds(tx, fromId);
    // Articles already linked to the target keep the target's row (PK deal_id, article_id).
    await moveAllSources(tx, fromId, intoId);
    await moveAllInvestors(tx, fromId, intoId);
    await markDealMerged(tx, fromId, intoId);
    // Keep merge chains one hop long so merged_into always names a live deal.
    await repointMergedDeals(tx, fromId, intoId);
    const closed = await resolveOpenItems(tx, { dealId: fromId }, 'merged', actor);
    await updateDeal(tx, intoId);
    await recordDealHistory(tx, [
      { dealId: fromId, actor, change: { action: 'merged_into', into: intoId } },
      { dealId: intoId, actor, change: { action: 'merged_from', from: fromId, articles: moved } },
    ]);
    await audit(tx, actor, 'merge', 'deal', fromId, {
      before: { merged_into: from.merged_into },
      after: { merged_into: intoId },
      moved_articles: moved,
      closed_items: closed,
    });
  });
}

/**
 * Move the given articles' sources off `dealId` onto a new deal of the same company that carries
 * the figures those articles stated (the deal's where they stated none) and its investors; items
 * raised about those articles follow them. The one way to split a deal (web, terminal, items).
 */
export async function splitDeal(db: Db, dealId: number, articleIds: number[], actor: string): Promise<number> {
  try {
    return await splitDealSources(db, { dealId, articleIds, actor });
  } catch (err) {
    if (err instanceof CompanyError) throw new ReviewError(err.code, err.message);
    throw err;
  }
}
