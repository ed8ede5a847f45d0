import type { Db } from '../db/connect.js';
import { REVIEW_KINDS, type ReviewKind } from '../deal/review.js';
import { dealHistory, dealInvestors, dealSources, findDeal, getCompany, searchLiveDeals } from '../store/deal-queries.js';
import { dealAudit, dealReviewItems, findReviewItem, openItemCounts, openItems, recentAudit, reviewArticle } from '../store/review.js';
import { ReviewError } from './errors.js';

/** Open items per kind, every kind present (0 when none). */
export async function countOpenItems(db: Db): Promise<Record<ReviewKind, number>> {
  const rows = await openItemCounts(db);
  const counts = Object.fromEntries(REVIEW_KINDS.map((k) => [k, 0])) as Record<ReviewKind, number>;
  for (const r of rows) counts[r.kind] = Number(r.n);
  return counts;
}

export interface OpenItemSummary {
  id: number;
  kind: ReviewKind;
  reason: string;
  created_at: Date;
  deal_id: number | null;
  article_id: number | null;
  company_name: string | null;
  round: string | null;
  article_title: string | null;
}

/** Open items, oldest first (first in, first reviewed). */
export async function listOpenItems(db: Db, opts: { kind?: ReviewKind; limit?: number } = {}): Promise<OpenItemSummary[]> {
  return openItems(db, { kind: opts.kind, limit: Math.min(Math.max(opts.limit ?? 200, 1), 1000) });
}

/** Quotes stored in an item payload ({evidence: [{field, quote}]}), tolerating any other shape. */
function payloadQuotes(payload: unknown): { field: string; quote: string }[] {
  const ev = (payload as { evidence?: unknown } | null)?.evidence;
  if (!Array.isArray(ev)) return [];
  return ev.flatMap((e) =>
    e && typeof e.quote === 'string' && e.quote ? [{ field: typeof e.field === 'string' ? e.field : '', quote: e.quote as string }] : [],
  );
}

async function dealParts(db: Db, dealId: number) {
  const deal = await findDeal(db, dealId);
  if (!deal) return null;
  const [company, investors, sources] = await Promise.all([
    getCompany(db, deal.company_id),
    dealInvestors(db, dealId),
    dealSources(db, dealId),
  ]);
  return { deal, company, investors, sources };
}

/** Everything an operator needs to judge one item: the deal, its sources, and the article with its evidence. */
export async function getItemDetail(db: Db, itemId: number) {
  const item = await findReviewItem(db, itemId);
  if (!item) throw new ReviewError('not_found', `Review item #${itemId} does not exist`);
  const parts = item.deal_id === null ? null : await dealParts(db, item.deal_id);
  const article = item.article_id === null ? null : ((await reviewArticle(db, item.article_id)) ?? null);
  const quotes = [
    ...payloadQuotes(item.payload),
    ...(parts?.sources ?? [])
      .filter((s) => s.quote && (article === null || s.article_id === article.id))
      .map((s) => ({ field: 'source', quote: s.quote! })),
  ];
  const unique = [...new Map(quotes.map((q) => [q.quote, q])).values()];
  return {
    item,
    deal: parts?.deal ?? null,
    company: parts?.company ?? null,
    investors: parts?.investors ?? [],
    sources: parts?.sources ?? [],
    article,
    quotes: unique,
  };
}
export type ItemDetail = Awaited<ReturnType<typeof getItemDetail>>;

/** A deal with its sources, investors, change history, audit trail and review items. */
export async function getDealDetail(db: Db, dealId: number) {
  const parts = await dealParts(db, dealId);
  if (!parts) throw new ReviewError('not_found', `Deal #${dealId} does not exist`);
  const [history, audit, items] = await Promise.all([dealHistory(db, dealId), dealAudit(db, dealId), dealReviewItems(db, dealId)]);
  return { ...parts, history, audit, items };
}
export type DealDetail = Awaited<ReturnType<typeof getDealDetail>>;

export async function listAudit(db: Db, limit = 200) {
  return recentAudit(db, limit);
}

/** The next open item after `id` in queue order (oldest first), wrapping to the first; null when none. */
export async function nextOpenItemId(db: Db, id: number, kind?: ReviewKind): Promise<number | null> {
  const items = await listOpenItems(db, { kind, limit: 1000 });
  const others = items.filter((i) => i.id !== id);
  const at = items.findIndex((i) => i.id === id);
  const after = at >= 0 ? items.slice(at + 1).find((i) => i.id !== id) : undefined;
  return (after ?? others[0])?.id ?? null;
}

/** Live deals whose company name contains `q` (case-insensitive), for choosing a merge target. */
export async function searchDeals(db: Db, q: string, opts: { excludeId?: number; limit?: number } = {}) {
  return searchLiveDeals(db, q, { excludeId: opts.excludeId, limit: Math.min(Math.max(opts.limit ?? 20, 1), 100) });
}
export type DealSearchHit = Awaited<ReturnType<typeof searchDeals>>[number];

/** The deals a pair review item names (conflict, possible duplicate), each with its parts, in id order. */
export async function getComparedDeals(db: Db, payload: unknown) {
  const ids = (payload as { dealIds?: unknown } | null)?.dealIds;
  if (!Array.isArray(ids)) return [];
  const unique = [...new Set(ids.filter((x): x is number => Number.isSafeInteger(x)))].sort((a, b) => a - b).slice(0, 4);
  const parts = await Promise.all(unique.map((id) => dealParts(db, id)));
  return parts.filter((p): p is NonNullable<typeof p> => p !== null);
}
export type ComparedDeal = Awaited<ReturnType<typeof getComparedDeals>>[number];
