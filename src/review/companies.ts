import { z } from 'zod';
import type { Db } from '../db/connect.js';
import type { ReviewItem } from '../db/types.js';
import { companyKey } from '../normalise/company.js';
import { companyAudit } from '../store/company-queries.js';
import { CompanyError, type CompanyHit, getCompany, mergeCompanies, searchCompanies, splitCompany } from '../store/companies.js';
import { type DealSourceRow, searchLiveDeals, sourcesOfDeals } from '../store/deal-queries.js';
import { findReviewItem, insertAudit, lockReviewItem, refreshNeedsReview, resolveOpenItems } from '../store/review.js';
import { inTransaction } from '../store/transaction.js';
import { ReviewError } from './errors.js';

// Operator actions on companies (merge, split) and on a deal's sources (split), for the web UI and
// `dealflow review`: targets are found by name, inputs validated here, and the repository's errors
// become ReviewErrors so both front ends report them one way. The repository writes the audit rows.

/** Run a companies-repository call, reporting its refusals as ReviewErrors. */
async function asReview<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CompanyError) throw new ReviewError(err.code, err.message);
    throw err;
  }
}

function issues(err: z.ZodError): string {
  return err.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
}

const Id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const SearchText = z
  .string()
  .trim()
  .min(1, 'type part of a name')
  .max(200)
  .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');

/** Live companies any of whose names match `q`, best match first (merge targets). */
export async function findCompanies(db: Db, q: string, opts: { excludeId?: number; limit?: number } = {}): Promise<CompanyHit[]> {
  const text = SearchText.safeParse(q);
  if (!text.success) return [];
  return searchCompanies(db, text.data, opts);
}

/** The company page: names, deals in date order with each one's sources, and the audit trail. */
export async function getCompanyDetail(db: Db, id: number) {
  const page = await getCompany(db, id);
  if (!page) throw new ReviewError('not_found', `Company #${id} does not exist`);
  const [sources, audit] = await Promise.all([
    sourcesOfDeals(
      db,
      page.deals.map((d) => d.id),
    ),
    companyAudit(db, id),
  ]);
  const byDeal = new Map<number, DealSourceRow[]>();
  for (const s of sources) byDeal.set(s.deal_id, [...(byDeal.get(s.deal_id) ?? []), s]);
  return { ...page, deals: page.deals.map((d) => ({ ...d, sources: byDeal.get(d.id) ?? [] })), audit };
}
export type CompanyDetail = Awaited<ReturnType<typeof getCompanyDetail>>;

/** The companies a possible-duplicate item names besides its deal's own (payload.companyIds). */
export function itemCompanyIds(item: Pick<ReviewItem, 'kind' | 'payload'>): number[] {
  const ids = (item.payload as { companyIds?: unknown } | null)?.companyIds;
  if (item.kind !== 'possible_duplicate' || !Array.isArray(ids)) return [];
  return [...new Set(ids.filter((x): x is number => Number.isSafeInteger(x) && x > 0))].slice(0, 4);
}

/** The item's company first, then the ones a possible-duplicate item names, each with names and deals. */
export async function getItemCompanies(db: Db, item: Pick<ReviewItem, 'kind' | 'payload'>, ownCompanyId: number | null) {
  const ids = [...new Set([...(ownCompanyId ? [ownCompanyId] : []), ...itemCompanyIds(item)])];
  const pages = await Promise.all(ids.map((id) => getCompany(db, id)));
  return pages.filter((p): p is NonNullable<typeof p> => p !== null);
}
export type ItemCompany = Awaited<ReturnType<typeof getItemCompanies>>[number];

export const CompanyMergeInput = z.strictObject({
  fromId: Id,
  intoId: Id,
  /** The review item that asked for the merge: closed as merged with it. */
  itemId: Id.optional(),
});

/**
 * Merge company `fromId` into `intoId` (names and deals move; see mergeCompanies). Given the item
 * that raised the question, it is closed as `merged` in the same transaction and audited.
 */
export async function mergeCompanyInto(db: Db, input: unknown, actor: string): Promise<{ movedDeals: number[]; movedAliases: number }> {
  const parsed = CompanyMergeInput.safeParse(input);
  if (!parsed.success) throw new ReviewError('invalid', `Invalid merge: ${issues(parsed.error)}`);
  const { fromId, intoId, itemId } = parsed.data;
  return inTransaction(db, async (tx) => {
    let item: ReviewItem | undefined;
    if (itemId !== undefined) {
      item = await lockReviewItem(tx, itemId);
      if (!item) throw new ReviewError('not_found', `Review item #${itemId} does not exist`);
    }
    const moved = await asReview(() => mergeCompanies(tx, { fromId, intoId, actor }));
    if (item && item.status === 'open') {
      await resolveOpenItems(tx, { itemId: item.id }, 'merged', actor);
      if (item.deal_id !== null) await refreshNeedsReview(tx, item.deal_id);
      await insertAudit(tx, {
        actor,
        action: 'merge_companies',
        targetType: 'review_item',
        targetId: item.id,
        detail: { before: { status: 'open' }, after: { status: 'merged' }, deal_id: item.deal_id, from: fromId, into: intoId },
      });
    }
    return moved;
  });
}

export const CompanySplitInput = z.strictObject({
  companyId: Id,
  aliasIds: z.array(Id).max(500).default([]),
  dealIds: z.array(Id).max(500).default([]),
  /** The new company's name; default: the first chosen name. */
  name: z.string().trim().max(200).optional(),
});

/** Move the chosen names and deals of a company to a new company; returns its id. */
export async function splitCompanyOff(db: Db, input: unknown, actor: string): Promise<number> {
  const parsed = CompanySplitInput.safeParse(input);
  if (!parsed.success) throw new ReviewError('invalid', `Invalid split: ${issues(parsed.error)}`);
  const { name, ...rest } = parsed.data;
  return asReview(() => splitCompany(db, { ...rest, name: name || undefined, actor }));
}

/** "#12" names an id directly (the way out when a name matches several). */
function hashId(text: string): number | null {
  const m = /^#([1-9]\d{0,15})$/.exec(text.trim());
  return m ? Number(m[1]) : null;
}

function describeHit(h: CompanyHit): string {
  const via = h.matched !== h.name ? ` (as "${h.matched}")` : '';
  return `#${h.id} ${h.name}${via} · ${h.country ?? '??'} · ${h.dealCount} deal(s)`;
}

/**
 * The one live company `name` names: "#ID", else the only company with that name (any alias) as
 * written, else the only one with the same dedupe key, else the only match. Several: a ReviewError
 * listing them.
 */
export async function resolveCompanyName(db: Db, name: string, opts: { excludeId?: number } = {}): Promise<CompanyHit> {
  const id = hashId(name);
  if (id !== null) {
    const page = await getCompany(db, id);
    if (!page || page.company.merged_into !== null) throw new ReviewError('not_found', `Company #${id} does not exist or was merged`);
    if (id === opts.excludeId) throw new ReviewError('invalid', `Company #${id} is the company itself`);
    const { country, region } = page.company;
    return { id, name: page.company.name, country, region, matched: page.company.name, dealCount: page.deals.length };
  }
  const text = SearchText.safeParse(name);
  if (!text.success) throw new ReviewError('invalid', `Company name: ${issues(text.error)}`);
  const hits = await searchCompanies(db, text.data, { ...opts, limit: 20 });
  // Narrowest first: the name exactly as typed, then the same dedupe key, then any match.
  const written = text.data.toLowerCase();
  const exact = hits.filter((h) => h.matched.toLowerCase() === written || h.name.toLowerCase() === written);
  if (exact.length === 1) return exact[0]!;
  const key = companyKey(text.data);
  const same = hits.filter((h) => companyKey(h.matched) === key || companyKey(h.name) === key);
  if (same.length === 1) return same[0]!;
  if (hits.length === 1) return hits[0]!;
  if (hits.length === 0) throw new ReviewError('not_found', `No company matches "${text.data}"`);
  const pool = same.length > 1 ? same : hits;
  throw new ReviewError(
    'invalid',
    `"${text.data}" matches ${pool.length} companies; give a more precise name or one of the ids as #ID:\n${pool.map((h) => `  ${describeHit(h)}`).join('\n')}`,
  );
}

/** The one live deal `target` names: "#ID", else the only other live deal whose company name contains it. */
export async function resolveDealTarget(db: Db, target: string, excludeId: number) {
  const id = hashId(target);
  if (id !== null) {
    if (id === excludeId) throw new ReviewError('invalid', `Cannot merge deal #${id} into itself`);
    return { id };
  }
  const text = SearchText.safeParse(target);
  if (!text.success) throw new ReviewError('invalid', `Deal target: ${issues(text.error)}`);
  const hits = await searchLiveDeals(db, text.data, { excludeId, limit: 20 });
  if (hits.length === 1) return { id: hits[0]!.id };
  if (hits.length === 0) throw new ReviewError('not_found', `No other live deal's company matches "${text.data}"`);
  throw new ReviewError(
    'invalid',
    `"${text.data}" matches ${hits.length} deals; give a more precise name or one of the ids as #ID:\n${hits
      .map(
        (h) =>
          `  #${h.id} ${h.company_name} · ${h.round} · ${h.amount_value === null ? '—' : `${h.amount_currency} ${h.amount_value.toLocaleString('en-US')}`} · ${h.announced_on ?? 'no date'}`,
      )
      .join('\n')}`,
  );
}

/** An item by id, for routes that act on its company. */
export async function findItem(db: Db, id: number): Promise<ReviewItem> {
  const item = await findReviewItem(db, id);
  if (!item) throw new ReviewError('not_found', `Review item #${id} does not exist`);
  return item;
}
