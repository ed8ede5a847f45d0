import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database, DealRow, ReviewKind } from '../db/types.js';
import { historyFlag, isHeld, type DealCandidate, type ReviewFlag } from '../deal/review.js';
import { Deal, type Money, type Round, type Status, VAGUE_ROUNDS } from '../deal/schema.js';
import { matchDeal, POSSIBLE_DUPLICATE_SCORE, PROGRESSION_WINDOW_DAYS, type ExistingDeal, type MatchResult } from '../dedupe/match.js';
import { asExisting, collapseCandidates } from '../dedupe/merge.js';
import { companyKey, investorKey, uniqueInvestors } from '../normalise/company.js';

export interface SaveInput {
  article: { id: number; url: string; siteName: string | null; publishedAt: string | Date | null };
  extractionId: number | null;
  candidates: DealCandidate[];
}
export type SaveAction = 'created' | 'linked' | 'updated' | 'conflict';
export interface SaveResult {
  deals: Array<{ dealId: number; action: SaveAction }>;
  reviewItems: number;
}

/** First key of the two-int advisory lock, so our company locks never collide with other lock users. */
const LOCK_NAMESPACE = 57_009;
/** Deadlock / serialization failure: the whole article is retried in a fresh transaction. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 3;

interface ArticleInfo {
  id: number;
  url: string;
  publisher: string | null;
  publishedAt: Date | null;
}

/** A candidate with its company key (the blocking key). */
export interface KeyedCandidate extends DealCandidate {
  key: string;
}

/** A stored deal as the blocking query returns it (JSON, so numbers and 'YYYY-MM-DD' dates). */
type BlockedDeal = Pick<
  DealRow,
  | 'id'
  | 'amount_value'
  | 'amount_currency'
  | 'amount_usd'
  | 'valuation_value'
  | 'valuation_currency'
  | 'valuation_usd'
  | 'country'
  | 'region'
  | 'announced_on'
  | 'confidence'
> & { n: number; round: Round; status: Status; investor_keys: string[]; held: boolean };

interface Prepared {
  companies: Array<{ key: string; id: number }>;
  investors: Array<{ key: string; id: number }> | null;
  blocked: BlockedDeal[] | null;
  /** Largest amount_usd of each company's live deals (companies with none are absent). */
  history: Array<{ key: string; usd: number }> | null;
}

/**
 * Store one article's deal candidates: collapse in-article duplicates, match each against stored
 * deals of the same company (under a per-company advisory lock), then create / link / update the
 * deal and record sources, investors and review items — all in one transaction. Re-saving the same
 * article creates nothing new. Round trips are kept to ~4 per single-deal article (BEGIN+lock,
 * upserts+blocking, one write per deal, COMMIT) because this runs once per article at scale.
 */
export async function saveDeals(db: Db, input: SaveInput): Promise<SaveResult> {
  const article = checkArticle(input.article);
  const dateFallback = article.publishedAt ? article.publishedAt.toISOString().slice(0, 10) : null;
  const prepared = input.candidates.map((c, i) => prepareCandidate(c, i, dateFallback));
  const candidates = collapseCandidates(prepared)
    .map((c) => ({ ...c, key: companyKey(c.deal.company.name) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  if (candidates.length === 0) return { deals: [], reviewItems: 0 };
  for (let attempt = 1; ; attempt++) {
    try {
      return await inLockedTransaction(
        db,
        candidates.map((c) => c.key),
        (conn) => saveLocked(conn, article, input.extractionId, candidates),
      );
    } catch (err) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has((err as { code?: string }).code ?? '')) throw err;
    }
  }
}

function checkArticle(a: SaveInput['article']): ArticleInfo {
  if (!Number.isSafeInteger(a.id) || a.id <= 0) throw new Error(`saveDeals: invalid article id ${String(a.id)}`);
  let host: string;
  try {
    host = new URL(a.url).host;
  } catch {
    throw new Error(`saveDeals: invalid article url ${JSON.stringify(a.url)}`);
  }
  const publishedAt = a.publishedAt === null ? null : new Date(a.publishedAt);
  if (publishedAt && Number.isNaN(publishedAt.getTime())) {
    throw new Error(`saveDeals: invalid publishedAt ${JSON.stringify(a.publishedAt)}`);
  }
  return { id: a.id, url: a.url, publisher: a.siteName?.trim() || host || null, publishedAt };
}

/** Validate the candidate and date it by the article when the text gives no date (keeps it inside the blocking window). */
function prepareCandidate(c: DealCandidate, index: number, dateFallback: string | null): DealCandidate {
  const parsed = Deal.safeParse(c.deal);
  if (!parsed.success) {
    throw new Error(
      `saveDeals: candidate ${index} is not a valid Deal: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  if (!companyKey(parsed.data.company.name)) {
    throw new Error(`saveDeals: candidate ${index} company name ${JSON.stringify(parsed.data.company.name)} has no letters or digits`);
  }
  return { deal: { ...parsed.data, announcedOn: parsed.data.announcedOn ?? dateFallback }, flags: c.flags };
}

/** 32-bit FNV-1a of the company key, as a signed int4 for pg_advisory_xact_lock(int, int). */
function companyLockKey(key: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) h = Math.imul(h ^ byte, 0x01000193);
  return h | 0;
}

/**
 * BEGIN and take the per-company advisory locks in one round trip (a parameterless multi-statement
 * query; the lock keys are integers we computed). Locks are taken in sorted order so two articles
 * naming the same companies cannot deadlock. Every later statement's snapshot is taken after the
 * locks, so a concurrent writer's committed deal is visible to our blocking query.
 */
async function inLockedTransaction<T>(db: Db, keys: string[], fn: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) throw new Error('saveDeals runs its own transaction: pass the pool-backed Db, not a transaction');
  const locks = [...new Set(keys.map(companyLockKey))].sort((a, b) => a - b);
  return db.connection().execute(async (conn) => {
    try {
      await sql.raw(`BEGIN; SELECT ${locks.map((k) => `pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${k})`).join(', ')}`).execute(conn);
      const result = await fn(conn);
      await sql.raw('COMMIT').execute(conn);
      return result;
    } catch (err) {
      await sql
        .raw('ROLLBACK')
        .execute(conn)
        .catch(() => undefined);
      throw err;
    }
  });
}

async function saveLocked(
  conn: Kysely<Database>,
  article: ArticleInfo,
  extractionId: number | null,
  candidates: KeyedCandidate[],
): Promise<SaveResult> {
  const { rows } = await prepareQuery(candidates).execute(conn);
  const prepared = rows[0];
  if (!prepared) throw new Error('saveDeals: upsert returned no row');
  const companyIds = new Map(prepared.companies.map((c) => [c.key, c.id]));
  const investorIds = new Map((prepared.investors ?? []).map((i) => [i.key, i.id]));
  const blocked = prepared.blocked ?? [];
  const largestUsd = new Map((prepared.history ?? []).map((h) => [h.key, h.usd]));
  // Deals this save creates, so a later candidate of the same article can be compared with them.
  const createdHere = new Map<string, Array<ExistingDeal & { held: boolean }>>();

  const result: SaveResult = { deals: [], reviewItems: 0 };
  for (const [n, c] of candidates.entries()) {
    const companyId = companyIds.get(c.key);
    if (companyId === undefined) throw new Error(`saveDeals: company ${JSON.stringify(c.key)} was not upserted`);
    const outlier = historyFlag(c.deal, largestUsd.get(c.key));
    const flags = outlier ? [...c.flags, outlier] : c.flags;
    // Held and clean deals are kept apart: a held candidate can neither update nor join a clean
    // deal (nor hide it by adding a hold), and a clean report does not join a quarantined deal.
    const held = isHeld(flags);
    const stored = blocked.filter((b) => b.n === n + 1 && b.held === held);
    const best = bestMatch(c.deal, [
      ...stored.map((b) => toExisting(b, c.key)),
      ...(createdHere.get(c.key) ?? []).filter((d) => d.held === held),
    ]);
    const reviews: PendingReview[] = flags.map((f) => ({ ...f, payload: { candidate: c.deal } }));
    const links = { investors: investorLinks(c.deal, investorIds), source: sourceValues(article, extractionId, c.deal) };
    const row = best ? stored.find((b) => b.id === best.existing.id) : undefined;

    let write: DealWrite;
    let action: SaveAction;
    if (best && row && (best.match.decision === 'same' || best.match.decision === 'update')) {
      const change = best.match.decision === 'update' ? announcementChange(row, c.deal) : gapFillChange(row, c.deal);
      if (change && 'amount_usd' in change) Object.assign(change, fxColumns(c.deal));
      write = change
        ? {
            kind: 'update',
            id: row.id,
            change,
            history: historyEntry(row, change, best.match.decision, article.id),
            confidence: c.deal.confidence,
          }
        : { kind: 'link', id: row.id };
      action = change ? 'updated' : 'linked';
    } else {
      action = best?.match.decision === 'conflict' ? 'conflict' : 'created';
      if (best?.match.decision === 'conflict')
        reviews.push(pairReview('conflict', `Figures conflict with deal #${best.existing.id}`, best));
      else if (best && best.match.score >= POSSIBLE_DUPLICATE_SCORE)
        reviews.push(pairReview('possible_duplicate', `Possible duplicate of deal #${best.existing.id}`, best));
      write = {
        kind: 'insert',
        values: {
          company_id: companyId,
          ...dealColumns(c.deal),
          ...fxColumns(c.deal),
          confidence: c.deal.confidence,
          needs_review: reviews.length > 0,
        },
      };
    }

    const written = await writeDeal(conn, write, links, article.id, extractionId, uniqueReviews(reviews));
    if (written.reviewItems > 0 && write.kind !== 'insert') {
      await conn
        .updateTable('deals')
        .set({ needs_review: true })
        .where('id', '=', written.dealId)
        .where('needs_review', '=', false)
        .execute();
    }
    if (write.kind === 'insert')
      createdHere.set(c.key, [...(createdHere.get(c.key) ?? []), { ...asExisting(c.deal, written.dealId), held }]);
    result.reviewItems += written.reviewItems;
    result.deals.push({ dealId: written.dealId, action });
  }
  return result;
}

/**
 * One statement: upsert the article's companies (first name kept, country/region filled when
 * unknown) and investors (by name_key, sorted so concurrent upserts lock rows in one order), and
 * fetch each candidate's blocking set — live deals of its company within the widest match window,
 * via deals_company_date_idx. Returns one row of JSON arrays.
 */
export function prepareQuery(candidates: KeyedCandidate[]): RawBuilder<Prepared> {
  const companies = new Map<string, { name: string; country: string | null; region: string | null }>();
  for (const c of candidates) {
    const seen = companies.get(c.key);
    const own = { name: c.deal.company.name.trim(), country: c.deal.company.country, region: c.deal.region };
    companies.set(c.key, seen ? { ...seen, country: seen.country ?? own.country, region: seen.region ?? own.region } : own);
  }
  const investors = new Map<string, string>();
  for (const c of candidates) {
    for (const i of c.deal.investors) {
      const key = investorKey(i.name);
      if (key && !investors.has(key)) investors.set(key, i.name.trim());
    }
  }
  const co = [...companies].sort(([a], [b]) => (a < b ? -1 : 1));
  const inv = [...investors].sort(([a], [b]) => (a < b ? -1 : 1));
  return sql<Prepared>`
    WITH co AS (
      INSERT INTO companies (name, name_key, country, region)
      SELECT * FROM unnest(${co.map(([, v]) => v.name)}::text[], ${co.map(([k]) => k)}::text[], ${co.map(([, v]) => v.country)}::text[], ${co.map(([, v]) => v.region)}::text[])
      ON CONFLICT (name_key) DO UPDATE SET country = coalesce(companies.country, excluded.country), region = coalesce(companies.region, excluded.region)
      RETURNING id, name_key
    ), inv AS (
      INSERT INTO investors (name, name_key)
      SELECT * FROM unnest(${inv.map(([, name]) => name)}::text[], ${inv.map(([k]) => k)}::text[])
      -- A no-op update so RETURNING also yields the ids of investors that already exist.
      ON CONFLICT (name_key) DO UPDATE SET name = investors.name
      RETURNING id, name_key
    ), q AS (
      SELECT * FROM unnest(${candidates.map((c) => c.key)}::text[], ${candidates.map((c) => c.deal.announcedOn)}::date[]) WITH ORDINALITY AS q(key, on_date, n)
    ), blocked AS (
      SELECT q.n, d.id, d.round, d.status, d.amount_value, d.amount_currency, d.amount_usd, d.valuation_value, d.valuation_currency,
        d.valuation_usd, d.country, d.region, d.announced_on, d.confidence,
        coalesce((SELECT array_agg(i.name_key) FROM deal_investors di JOIN investors i ON i.id = di.investor_id WHERE di.deal_id = d.id), '{}') AS investor_keys,
        EXISTS (SELECT 1 FROM review_items r WHERE r.deal_id = d.id AND r.status = 'open' AND r.kind IN ('suspicious', 'implausible')) AS held
      FROM q
      JOIN co ON co.name_key = q.key
      JOIN deals d ON d.company_id = co.id AND d.merged_into IS NULL
        -- coalesce keeps undated deals in the block without an OR that would defeat the index range.
        AND (q.on_date IS NULL OR coalesce(d.announced_on, q.on_date) BETWEEN q.on_date - ${PROGRESSION_WINDOW_DAYS}::int AND q.on_date + ${PROGRESSION_WINDOW_DAYS}::int)
    ), history AS (
      -- The company's largest clean deal at any date: a new amount far above it is held for review.
      -- Held deals do not count, so re-saving a held article holds its deals again (idempotent).
      SELECT co.name_key AS key, max(d.amount_usd) AS usd
      FROM co JOIN deals d ON d.company_id = co.id AND d.merged_into IS NULL AND d.rejected_at IS NULL AND d.amount_usd IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM review_items r WHERE r.deal_id = d.id AND r.status = 'open' AND r.kind IN ('suspicious', 'implausible'))
      GROUP BY co.name_key
    )
    SELECT
      (SELECT json_agg(json_build_object('key', name_key, 'id', id)) FROM co) AS companies,
      (SELECT json_agg(json_build_object('key', name_key, 'id', id)) FROM inv) AS investors,
      (SELECT json_agg(blocked ORDER BY n, id) FROM blocked) AS blocked,
      (SELECT json_agg(json_build_object('key', key, 'usd', usd)) FROM history) AS history`;
}

function rowMoney(value: number | null, currency: string | null, usd: number | null): Money | null {
  return value !== null && currency !== null ? { value, currency, usd } : null;
}

function toExisting(b: BlockedDeal, key: string): ExistingDeal {
  return {
    id: b.id,
    companyKey: key,
    round: b.round,
    status: b.status,
    amount: rowMoney(b.amount_value, b.amount_currency, b.amount_usd),
    announcedOn: b.announced_on,
    investorKeys: b.investor_keys,
  };
}

interface Best {
  existing: ExistingDeal;
  match: MatchResult;
}

const DECISION_PRIORITY: Record<MatchResult['decision'], number> = { same: 2, update: 2, conflict: 1, different: 0 };

/** A matching deal beats a conflicting one, which beats a near miss; ties go to the higher score. */
function bestMatch(deal: Deal, existing: ExistingDeal[]): Best | undefined {
  let best: Best | undefined;
  for (const e of existing) {
    const match = matchDeal(deal, e);
    if (match.score === 0) continue;
    const p = DECISION_PRIORITY[match.decision];
    const bp = best ? DECISION_PRIORITY[best.match.decision] : -1;
    if (!best || p > bp || (p === bp && match.score > best.match.score)) best = { existing: e, match };
  }
  return best;
}

type PendingReview = ReviewFlag & { payload: unknown };

function pairReview(kind: ReviewKind, reason: string, best: Best): PendingReview {
  // The new deal's id is not known yet: the statement appends it to dealIds (see writeDeal).
  return { kind, reason, payload: { dealIds: [best.existing.id], score: best.match.score, reasons: best.match.reasons } };
}

function uniqueReviews(items: PendingReview[]): PendingReview[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = `${i.kind}\u0000${i.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The rate behind amount_usd, recorded so every USD figure can be audited. */
function fxColumns(deal: Deal) {
  // Normalisation converted the amount once and recorded the rate it used (the article's own
  // conversion, an ECB rate or the bundled table); storage keeps that record, it never re-converts.
  const fx = deal.amount?.usd !== null ? deal.amount?.fx : undefined;
  if (!fx) return { fx_rate: null, fx_date: null, fx_source: null };
  // Monthly rates are dated YYYY-MM; the column is a date, so they are stored as the 1st.
  return { fx_rate: fx.rate, fx_date: fx.date && fx.date.length === 7 ? `${fx.date}-01` : fx.date, fx_source: fx.source };
}

function dealColumns(deal: Deal) {
  return {
    round: deal.round as string,
    status: deal.status as string,
    amount_value: deal.amount?.value ?? null,
    amount_currency: deal.amount?.currency ?? null,
    amount_usd: deal.amount?.usd ?? null,
    valuation_value: deal.valuation?.value ?? null,
    valuation_currency: deal.valuation?.currency ?? null,
    valuation_usd: deal.valuation?.usd ?? null,
    country: deal.company.country,
    region: deal.region as string | null,
    announced_on: deal.announcedOn,
  };
}
type DealColumns = ReturnType<typeof dealColumns>;
type Change = Partial<DealColumns & ReturnType<typeof fxColumns>>;

/** Keep only the columns whose value actually changes; null when nothing does. */
function diff(row: BlockedDeal, after: Change): Change | null {
  const keys = (Object.keys(after) as Array<keyof DealColumns>).filter((k) => after[k] !== row[k]);
  return keys.length ? Object.fromEntries(keys.map((k) => [k, after[k]])) : null;
}

/** Rumour/in-talks → announced: the announcement's figures replace the row's (never the reverse). */
function announcementChange(row: BlockedDeal, deal: Deal): Change | null {
  const next = dealColumns(deal);
  return diff(row, {
    status: deal.status,
    round: VAGUE_ROUNDS.has(deal.round) && !VAGUE_ROUNDS.has(row.round) ? row.round : deal.round,
    announced_on: next.announced_on ?? row.announced_on,
    country: next.country ?? row.country,
    region: next.region ?? row.region,
    ...(deal.amount ? { amount_value: next.amount_value, amount_currency: next.amount_currency, amount_usd: next.amount_usd } : {}),
    ...(deal.valuation
      ? { valuation_value: next.valuation_value, valuation_currency: next.valuation_currency, valuation_usd: next.valuation_usd }
      : {}),
  });
}

/** Another report of the same deal: only fill what the stored row does not know yet. */
function gapFillChange(row: BlockedDeal, deal: Deal): Change | null {
  const next = dealColumns(deal);
  const after: Change = {};
  if (row.amount_value === null && deal.amount)
    Object.assign(after, { amount_value: next.amount_value, amount_currency: next.amount_currency, amount_usd: next.amount_usd });
  else if (row.amount_usd === null && deal.amount?.usd != null && deal.amount.currency === row.amount_currency)
    after.amount_usd = next.amount_usd;
  if (row.valuation_value === null && deal.valuation)
    Object.assign(after, {
      valuation_value: next.valuation_value,
      valuation_currency: next.valuation_currency,
      valuation_usd: next.valuation_usd,
    });
  if (VAGUE_ROUNDS.has(row.round) && !VAGUE_ROUNDS.has(deal.round)) after.round = deal.round;
  if (row.country === null && next.country) after.country = next.country;
  if (row.region === null && next.region) after.region = next.region;
  if (row.announced_on === null && next.announced_on) after.announced_on = next.announced_on;
  return diff(row, after);
}

function historyEntry(row: BlockedDeal, change: Change, decision: 'same' | 'update', articleId: number) {
  const before = Object.fromEntries(Object.keys(change).map((k) => [k, row[k as keyof DealColumns]]));
  return { kind: decision === 'update' ? 'status_progression' : 'filled', articleId, before, after: change };
}

function investorLinks(deal: Deal, ids: Map<string, number>): Array<{ id: number; lead: boolean }> {
  return uniqueInvestors(deal.investors)
    .map((i) => ({ id: ids.get(investorKey(i.name)), lead: i.lead }))
    .filter((l): l is { id: number; lead: boolean } => l.id !== undefined)
    .sort((a, b) => a.id - b.id);
}

/** The quote that best shows where the deal came from: the amount sentence, else the company mention. */
function sourceValues(article: ArticleInfo, extractionId: number | null, deal: Deal) {
  const ev = deal.evidence.find((e) => e.field === 'amount') ?? deal.evidence.find((e) => e.field === 'company') ?? deal.evidence[0];
  return { url: article.url, publisher: article.publisher, publishedAt: article.publishedAt, quote: ev?.quote ?? null, extractionId };
}

type DealWrite =
  | { kind: 'insert'; values: DealColumns & { company_id: number; confidence: number; needs_review: boolean } }
  | { kind: 'update'; id: number; change: Change; history: unknown; confidence: number }
  | { kind: 'link'; id: number };

/**
 * One statement per deal: insert / update / pick the deal row, then link investors (lead = OR),
 * the article as a source (no-op when already linked) and review items not already recorded for
 * this article and deal.
 */
async function writeDeal(
  conn: Kysely<Database>,
  write: DealWrite,
  links: { investors: Array<{ id: number; lead: boolean }>; source: ReturnType<typeof sourceValues> },
  articleId: number,
  extractionId: number | null,
  reviews: PendingReview[],
): Promise<{ dealId: number; reviewItems: number }> {
  let dealCte: RawBuilder<unknown>;
  let historyCte = sql``;
  if (write.kind === 'insert') {
    const cols = Object.keys(write.values) as Array<keyof typeof write.values>;
    dealCte = sql`INSERT INTO deals (${sql.join(cols.map((c) => sql.ref(c)))}) VALUES (${sql.join(cols.map((c) => write.values[c]))}) RETURNING id`;
  } else if (write.kind === 'update') {
    const sets = Object.entries(write.change).map(([k, v]) => sql`${sql.ref(k)} = ${v}`);
    dealCte = sql`UPDATE deals SET ${sql.join(sets)}, confidence = greatest(confidence, ${write.confidence}), updated_at = now() WHERE id = ${write.id} RETURNING id`;
    historyCte = sql`, h AS (INSERT INTO deal_history (deal_id, change) SELECT id, ${JSON.stringify(write.history)}::jsonb FROM d)`;
  } else {
    dealCte = sql`SELECT ${write.id}::bigint AS id`;
  }
  const s = links.source;
  const { rows } = await sql<{ id: number; review_items: number }>`
    WITH d AS (${dealCte})${historyCte},
    di AS (
      INSERT INTO deal_investors (deal_id, investor_id, lead)
      SELECT d.id, x.investor_id, x.lead FROM d, unnest(${links.investors.map((i) => i.id)}::bigint[], ${links.investors.map((i) => i.lead)}::boolean[]) AS x(investor_id, lead)
      ON CONFLICT (deal_id, investor_id) DO UPDATE SET lead = deal_investors.lead OR excluded.lead
    ), ds AS (
      INSERT INTO deal_sources (deal_id, article_id, extraction_id, url, publisher, published_at, quote)
      SELECT d.id, ${articleId}, ${s.extractionId}, ${s.url}, ${s.publisher}, ${s.publishedAt}::timestamptz, ${s.quote} FROM d
      ON CONFLICT (deal_id, article_id) DO NOTHING
    ), ri AS (
      INSERT INTO review_items (kind, deal_id, article_id, extraction_id, reason, payload)
      SELECT x.kind, d.id, ${articleId}, ${extractionId}, x.reason,
        -- pair reviews (conflict / possible duplicate) name both deals: append this deal's id.
        CASE WHEN x.payload ? 'dealIds' THEN jsonb_set(x.payload, '{dealIds}', (x.payload -> 'dealIds') || to_jsonb(d.id)) ELSE x.payload END
      FROM d, unnest(${reviews.map((r) => r.kind)}::text[], ${reviews.map((r) => r.reason)}::text[], ${reviews.map((r) => JSON.stringify(r.payload))}::jsonb[]) AS x(kind, reason, payload)
      WHERE NOT EXISTS (SELECT 1 FROM review_items r WHERE r.article_id = ${articleId} AND r.deal_id = d.id AND r.kind = x.kind AND r.reason = x.reason)
      RETURNING 1
    )
    SELECT d.id, (SELECT count(*) FROM ri)::int AS review_items FROM d`.execute(conn);
  const row = rows[0];
  if (!row) throw new Error(`saveDeals: deal ${write.kind === 'insert' ? '(new)' : `#${write.id}`} was not written`);
  return { dealId: row.id, reviewItems: row.review_items };
}
