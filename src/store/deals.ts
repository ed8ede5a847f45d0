import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect.js';
import { executeAround } from '../db/prepared.js';
import type { Database, ReviewKind } from '../db/types.js';
import type { DealCandidate } from '../deal/review.js';
import type { Deal } from '../deal/schema.js';
import { PROGRESSION_WINDOW_DAYS } from '../dedupe/match.js';
import {
  type DealRef,
  type DealStep,
  type KeyedCandidate,
  planDeals,
  prepareCandidates,
  type SaveAction,
  type StoredCompany,
  type StoredDeal,
} from '../dedupe/plan.js';
import { investorKey, uniqueInvestors } from '../normalise/company.js';
import { finishArticleCtes, lockArticleSql, markExtracted } from './articles.js';
import { companyLocksSql } from './company-locks.js';
import { retryTransaction } from './transaction.js';
import type { ArticleLink } from '../parse/types.js';

export type { KeyedCandidate, SaveAction };

export interface SaveInput {
  article: {
    id: number;
    url: string;
    siteName: string | null;
    publishedAt: string | Date | null;
    /** The article's outbound links (parse): a link naming a company sets its domain. */
    links?: readonly ArticleLink[];
  };
  extractionId: number | null;
  candidates: DealCandidate[];
  /**
   * Also mark the article extracted (and link its syndicated copies) in the same transaction,
   * after the deal writes: sent with the COMMIT, so it costs no round trip of its own.
   */
  finishArticle?: boolean;
}
export interface SaveResult {
  deals: Array<{ dealId: number; action: SaveAction }>;
  reviewItems: number;
}

interface ArticleInfo {
  id: number;
  url: string;
  host: string;
  publisher: string | null;
  publishedAt: Date | null;
  links: readonly ArticleLink[];
}

interface Prepared {
  companies: StoredCompany[] | null;
  investors: Array<{ key: string; id: number }> | null;
  blocked: StoredDeal[] | null;
  /** Largest amount_usd of each company's live deals (companies with none are absent). */
  history: Array<{ id: number; usd: number }> | null;
}

/**
 * Store one article's deal candidates: load each candidate's blocking set (companies sharing its
 * name skeleton and their deals in the date window, under a per-skeleton advisory lock), let
 * dedupe/plan resolve the company and decide create / link / update / conflict, and apply that
 * plan with companies, aliases, sources, investors and review items — all in one transaction.
 * Re-saving the same article creates nothing new. A single-deal article costs 2 round trips
 * (BEGIN + locks + investor upsert + blocking; the deal write + COMMIT) because this runs once per
 * article at scale.
 */
export async function saveDeals(db: Db, input: SaveInput): Promise<SaveResult> {
  const article = checkArticle(input.article);
  const candidates = prepareCandidates(input.candidates, article.publishedAt ? article.publishedAt.toISOString().slice(0, 10) : null);
  if (candidates.length === 0) {
    if (input.finishArticle) await markExtracted(db, article.id);
    return { deals: [], reviewItems: 0 };
  }
  // A deadlock or serialization failure retries the whole article in a fresh transaction.
  return retryTransaction(() =>
    inLockedTransaction(
      db,
      // The skeleton, not the exact key: names that may resolve to one company serialise.
      candidates.map((c) => c.skeleton),
      (tx) => saveLocked(tx, article, input.extractionId, candidates, input.finishArticle === true),
      // Finishing the article: its row stays locked until COMMIT, so a copy found meanwhile waits (markDuplicate).
      input.finishArticle ? [lockArticleSql(article.id)] : [],
    ),
  );
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
  return { id: a.id, url: a.url, host, publisher: a.siteName?.trim() || host || null, publishedAt, links: a.links ?? [] };
}

/** A transaction whose opening and COMMIT ride on its first and last statements (executeAround). */
interface LockedTx {
  conn: Kysely<Database>;
  /** BEGIN and the locks, sent with the first statement. */
  opening: string[];
  /** Set when a statement carried the COMMIT. */
  committed: boolean;
}

/**
 * BEGIN and take the per-company advisory locks (and `alsoLock` row locks) in the round trip of
 * the first statement, before it (its snapshot is taken after the locks, so a concurrent writer's
 * committed deal is visible to our blocking query). See company-locks.ts for the lock order.
 */
async function inLockedTransaction<T>(db: Db, keys: string[], fn: (tx: LockedTx) => Promise<T>, alsoLock: readonly string[]): Promise<T> {
  if (db.isTransaction) throw new Error('saveDeals runs its own transaction: pass the pool-backed Db, not a transaction');
  return db.connection().execute(async (conn) => {
    const tx: LockedTx = {
      conn,
      opening: [
        'BEGIN',
        // Generic plans: the statements are prepared (src/db/prepared.ts); custom plans would be planned again on every call.
        'SET LOCAL plan_cache_mode = force_generic_plan',
        companyLocksSql(keys),
        ...alsoLock,
      ],
      committed: false,
    };
    try {
      const result = await fn(tx);
      if (!tx.committed) await sql.raw('COMMIT').execute(conn);
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
  tx: LockedTx,
  article: ArticleInfo,
  extractionId: number | null,
  candidates: KeyedCandidate[],
  finishArticle: boolean,
): Promise<SaveResult> {
  const { conn } = tx;
  const { rows } = await executeAround(conn, prepareQuery(candidates), { before: tx.opening });
  const prepared = rows[0];
  if (!prepared) throw new Error('saveDeals: blocking query returned no row');
  const investorIds = new Map((prepared.investors ?? []).map((i) => [i.key, i.id]));
  await readConcurrentInvestors(conn, candidates, investorIds);
  const plan = planDeals({
    articleId: article.id,
    candidates,
    companies: prepared.companies ?? [],
    stored: prepared.blocked ?? [],
    largestUsd: new Map((prepared.history ?? []).map((h) => [h.id, h.usd])),
    links: article.links,
    publisherHosts: [article.host],
  });

  const result: SaveResult = { deals: [], reviewItems: 0 };
  const dealIds: number[] = [];
  const companyIds: number[] = [];
  for (const [i, step] of plan.entries()) {
    // The article finish rides on the last deal write, listing the deals written before it.
    const last = i === plan.length - 1;
    const finish = finishArticle && last ? { earlier: dealIds.map((id, j) => ({ id, quote: plan[j]!.quote })) } : null;
    // The COMMIT rides on the last write unless a review item could still need its follow-up update.
    const commit = last && (step.reviews.length === 0 || step.write.kind === 'insert');
    const written = await writeDeal(conn, step, {
      commit,
      finish,
      companyId: step.company.kind === 'existing' ? refId(step.company.ref, companyIds) : null,
      investors: investorLinks(step.deal, investorIds),
      source: { url: article.url, publisher: article.publisher, publishedAt: article.publishedAt, quote: step.quote, extractionId },
      articleId: article.id,
      reviews: step.reviews.map((r) => ({
        kind: r.kind,
        reason: r.reason,
        payload: r.pairWith ? { ...r.payload, dealIds: [refId(r.pairWith, dealIds)] } : r.payload,
      })),
    });
    if (commit) tx.committed = true;
    dealIds.push(written.dealId);
    companyIds.push(written.companyId);
    if (written.reviewItems > 0 && step.write.kind !== 'insert') {
      await conn
        .updateTable('deals')
        .set({ needs_review: true })
        .where('id', '=', written.dealId)
        .where('needs_review', '=', false)
        .execute();
    }
    result.reviewItems += written.reviewItems;
    result.deals.push({ dealId: written.dealId, action: step.action });
  }
  return result;
}

/**
 * An investor another transaction inserted after this statement's snapshot was taken is neither
 * inserted nor seen by the prepare query: read those (rare) in a fresh snapshot.
 */
async function readConcurrentInvestors(conn: Kysely<Database>, candidates: KeyedCandidate[], ids: Map<string, number>): Promise<void> {
  const missing = [...new Set(candidates.flatMap((c) => c.deal.investors.map((i) => investorKey(i.name))))].filter((k) => k && !ids.has(k));
  if (missing.length === 0) return;
  const rows = await conn.selectFrom('investors').select(['id', 'name_key']).where('name_key', 'in', missing).execute();
  for (const r of rows) ids.set(r.name_key, r.id);
}

function refId(ref: DealRef, written: readonly number[]): number {
  if ('stored' in ref) return ref.stored;
  const id = written[ref.planned];
  if (id === undefined) throw new Error(`saveDeals: the plan names step ${ref.planned} before it was written`);
  return id;
}

/**
 * One statement: upsert the article's investors (by name_key, sorted so concurrent upserts lock
 * rows in one order) and fetch each candidate's blocking set: live companies with an alias of the
 * same name skeleton and a loose key of similar length (company_aliases_skeleton_idx), their
 * aliases, their live deals within the widest match window (deals_company_date_idx) and their
 * largest clean amount. Returns one row of JSON arrays.
 */
export function prepareQuery(candidates: KeyedCandidate[]): RawBuilder<Prepared> {
  const investors = new Map<string, string>();
  for (const c of candidates) {
    for (const i of c.deal.investors) {
      const key = investorKey(i.name);
      if (key && !investors.has(key)) investors.set(key, i.name.trim());
    }
  }
  const inv = [...investors].sort(([a], [b]) => (a < b ? -1 : 1));
  return sql<Prepared>`
    WITH ins AS (
      -- New investors only: existing ones are read below, not rewritten (a no-op update would
      -- leave a dead row version behind for every known investor of every article).
      INSERT INTO investors (name, name_key)
      SELECT * FROM unnest(${inv.map(([, name]) => name)}::text[], ${inv.map(([k]) => k)}::text[])
      ON CONFLICT (name_key) DO NOTHING
      RETURNING id, name_key
    ), inv AS (
      SELECT id, name_key FROM ins
      UNION ALL
      SELECT id, name_key FROM investors WHERE name_key = ANY(${inv.map(([k]) => k)}::text[])
    ), q AS (
      SELECT * FROM unnest(${candidates.map((c) => c.skeleton)}::text[], ${candidates.map((c) => c.loose.length)}::int[],
        ${candidates.map((c) => (c.dateStated ? c.deal.announcedOn : null))}::date[]) WITH ORDINALITY AS q(skeleton, loose_len, on_date, n)
    ), qc AS (
      -- A candidate the text does not date is compared with all its company's deals (a round told again).
      -- Loose keys whose lengths differ by more than a quarter cannot be similar enough to match.
      SELECT DISTINCT q.n, q.on_date, c.id, c.country
      FROM q
      JOIN company_aliases a ON a.skeleton = q.skeleton AND abs(length(a.loose_key) - q.loose_len) <= greatest(length(a.loose_key), q.loose_len) / 4
      JOIN companies c ON c.id = a.company_id AND c.merged_into IS NULL
    ), blocked AS (
      SELECT qc.n, d.id, d.company_id, d.round, d.status, d.amount_value, d.amount_currency, d.amount_usd, d.valuation_value,
        d.valuation_currency, d.valuation_usd, d.country, d.region, d.announced_on, d.confidence,
        coalesce((SELECT array_agg(i.name_key) FROM deal_investors di JOIN investors i ON i.id = di.investor_id WHERE di.deal_id = d.id), '{}') AS investor_keys,
        EXISTS (SELECT 1 FROM review_items r WHERE r.deal_id = d.id AND r.status = 'open' AND r.kind IN ('suspicious', 'implausible')) AS held,
        -- Whether any source stated the deal's date (a deal with no source at all counts as stated).
        (SELECT coalesce(bool_or(s.announced_on IS NOT NULL), true) FROM deal_sources s WHERE s.deal_id = d.id) AS date_stated
      FROM qc
      JOIN deals d ON d.company_id = qc.id AND d.merged_into IS NULL
        -- coalesce keeps undated deals in the block without an OR that would defeat the index range.
        AND (qc.on_date IS NULL OR coalesce(d.announced_on, qc.on_date) BETWEEN qc.on_date - ${PROGRESSION_WINDOW_DAYS}::int AND qc.on_date + ${PROGRESSION_WINDOW_DAYS}::int)
    ), history AS (
      -- The company's largest clean deal at any date: a new amount far above it is held for review.
      -- Held deals do not count, so re-saving a held article holds its deals again (idempotent).
      SELECT d.company_id AS id, max(d.amount_usd) AS usd
      FROM (SELECT DISTINCT id FROM qc) co JOIN deals d ON d.company_id = co.id AND d.merged_into IS NULL AND d.rejected_at IS NULL AND d.amount_usd IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM review_items r WHERE r.deal_id = d.id AND r.status = 'open' AND r.kind IN ('suspicious', 'implausible'))
      GROUP BY d.company_id
    )
    SELECT
      (SELECT json_agg(json_build_object('n', n, 'id', id, 'country', country,
        'aliases', (SELECT json_agg(json_build_object('name', a.name, 'name_key', a.name_key, 'loose_key', a.loose_key)) FROM company_aliases a WHERE a.company_id = qc.id))
        ORDER BY n, id) FROM qc) AS companies,
      (SELECT json_agg(json_build_object('key', name_key, 'id', id)) FROM inv) AS investors,
      (SELECT json_agg(blocked ORDER BY n, id) FROM blocked) AS blocked,
      (SELECT json_agg(json_build_object('id', id, 'usd', usd)) FROM history) AS history`;
}

function investorLinks(deal: Deal, ids: Map<string, number>): Array<{ id: number; lead: boolean }> {
  return uniqueInvestors(deal.investors)
    .map((i) => ({ id: ids.get(investorKey(i.name)), lead: i.lead }))
    .filter((l): l is { id: number; lead: boolean } => l.id !== undefined)
    .sort((a, b) => a.id - b.id);
}

interface DealLinks {
  /** Send the transaction's COMMIT with this statement (the last write of the article). */
  commit: boolean;
  /** Mark the article extracted in this statement too; `earlier` are the deals of the article's earlier steps. */
  finish: { earlier: Array<{ id: number; quote: string | null }> } | null;
  /** The stored company the plan resolved to; null when the step creates it. */
  companyId: number | null;
  investors: Array<{ id: number; lead: boolean }>;
  source: { url: string; publisher: string | null; publishedAt: Date | null; quote: string | null; extractionId: number | null };
  articleId: number;
  reviews: Array<{ kind: ReviewKind; reason: string; payload: unknown }>;
}

/**
 * One statement per deal: insert / update / pick the deal row as the plan says, then link
 * investors (lead = OR), the article as a source (no-op when already linked) and review items not
 * already recorded for this article and deal.
 */
async function writeDeal(
  conn: Kysely<Database>,
  step: DealStep,
  links: DealLinks,
): Promise<{ dealId: number; companyId: number; reviewItems: number }> {
  const { write, company } = step;
  const { articleId, reviews } = links;
  const extractionId = links.source.extractionId;
  let dealCte: RawBuilder<unknown>;
  let historyCte = sql``;
  // The company: created with its first alias, or an existing one gaining the name as written and
  // any country/region it did not know.
  // Nothing is written for a known company that learns nothing (no update, no alias insert).
  const a = company.alias;
  const fills = [
    ['country', company.country],
    ['region', company.region],
    ['domain', company.domain],
  ].filter(([, v]) => v !== null) as Array<[string, string]>;
  let companyCte: RawBuilder<unknown>;
  if (company.kind === 'insert') {
    companyCte = sql`co AS (INSERT INTO companies (name, name_key, country, region, domain)
      VALUES (${company.name}, ${a.name_key}, ${company.country}, ${company.region}, ${company.domain}) RETURNING id)`;
  } else if (fills.length === 0) {
    companyCte = sql`co AS (SELECT ${links.companyId}::bigint AS id)`;
  } else {
    // Only columns still unknown are filled, and only a row that gains one is updated (no dead tuples).
    companyCte = sql`co AS (SELECT ${links.companyId}::bigint AS id),
        cf AS (UPDATE companies SET ${sql.join(fills.map(([k, v]) => sql`${sql.ref(k)} = coalesce(companies.${sql.ref(k)}, ${v})`))}
          WHERE id = ${links.companyId} AND (${sql.join(
            fills.map(([k]) => sql`${sql.ref(k)} IS NULL`),
            sql` OR `,
          )}))`;
  }
  const aliasCte =
    company.kind === 'existing' && !company.newAlias
      ? sql``
      : sql`, ca AS (
      INSERT INTO company_aliases (company_id, name, name_key, loose_key, skeleton)
      SELECT co.id, ${a.name}, ${a.name_key}, ${a.loose_key}, ${a.skeleton} FROM co
      ON CONFLICT (company_id, name) DO NOTHING
    )`;
  if (write.kind === 'insert') {
    const cols = Object.keys(write.values) as Array<keyof typeof write.values>;
    dealCte = sql`INSERT INTO deals (company_id, ${sql.join(cols.map((c) => sql.ref(c)))}) SELECT co.id, ${sql.join(cols.map((c) => write.values[c]))} FROM co RETURNING id`;
  } else if (write.kind === 'update') {
    const sets = Object.entries(write.change).map(([k, v]) => sql`${sql.ref(k)} = ${v}`);
    dealCte = sql`UPDATE deals SET ${sql.join(sets)}, confidence = greatest(confidence, ${write.confidence}), updated_at = now() WHERE id = ${write.id} RETURNING id`;
    historyCte = sql`, h AS (INSERT INTO deal_history (deal_id, change) SELECT id, ${JSON.stringify(write.history)}::jsonb FROM d)`;
  } else {
    dealCte = sql`SELECT ${write.id}::bigint AS id`;
  }
  const s = links.source;
  const f = step.source;
  const finishCte = links.finish
    ? sql`, ${finishArticleCtes(
        articleId,
        sql`SELECT d.id AS deal_id, ${s.quote}::text AS quote FROM d
          UNION ALL SELECT * FROM unnest(${links.finish.earlier.map((e) => e.id)}::bigint[], ${links.finish.earlier.map((e) => e.quote)}::text[])`,
      )}`
    : sql``;
  const statement = sql<{ id: number; company_id: number; review_items: number }>`
    WITH ${companyCte}, d AS (${dealCte})${historyCte},
    di AS (
      INSERT INTO deal_investors (deal_id, investor_id, lead)
      SELECT d.id, x.investor_id, x.lead FROM d, unnest(${links.investors.map((i) => i.id)}::bigint[], ${links.investors.map((i) => i.lead)}::boolean[]) AS x(investor_id, lead)
      ON CONFLICT (deal_id, investor_id) DO UPDATE SET lead = deal_investors.lead OR excluded.lead
    )${aliasCte}, ds AS (
      INSERT INTO deal_sources (deal_id, article_id, extraction_id, url, publisher, published_at, quote, role, amount_value, amount_currency,
        amount_usd, valuation_value, valuation_currency, valuation_usd, announced_on, figures_disagree)
      SELECT d.id, ${articleId}, ${s.extractionId}, ${s.url}, ${s.publisher}, ${s.publishedAt}::timestamptz, ${s.quote}, ${f.role},
        ${f.amount_value}::numeric, ${f.amount_currency}, ${f.amount_usd}::numeric, ${f.valuation_value}::numeric, ${f.valuation_currency},
        ${f.valuation_usd}::numeric, ${f.announced_on}::date, ${f.figures_disagree} FROM d
      ON CONFLICT (deal_id, article_id) DO NOTHING
    ), ri AS (
      INSERT INTO review_items (kind, deal_id, article_id, extraction_id, reason, payload)
      SELECT x.kind, d.id, ${articleId}, ${extractionId}, x.reason,
        -- pair reviews (conflict / possible duplicate) name both deals: append this deal's id.
        CASE WHEN x.payload ? 'dealIds' THEN jsonb_set(x.payload, '{dealIds}', (x.payload -> 'dealIds') || to_jsonb(d.id)) ELSE x.payload END
      FROM d, unnest(${reviews.map((r) => r.kind)}::text[], ${reviews.map((r) => r.reason)}::text[], ${reviews.map((r) => JSON.stringify(r.payload))}::jsonb[]) AS x(kind, reason, payload)
      WHERE NOT EXISTS (SELECT 1 FROM review_items r WHERE r.article_id = ${articleId} AND r.deal_id = d.id AND r.kind = x.kind AND r.reason = x.reason)
      RETURNING 1
    )${finishCte}
    SELECT d.id, (SELECT id FROM co) AS company_id, (SELECT count(*) FROM ri)::int AS review_items FROM d`;
  const { rows } = links.commit ? await executeAround(conn, statement, { after: ['COMMIT'] }) : await statement.execute(conn);
  const row = rows[0];
  if (!row) throw new Error(`saveDeals: deal ${write.kind === 'insert' ? '(new)' : `#${write.id}`} was not written`);
  return { dealId: row.id, companyId: row.company_id, reviewItems: row.review_items };
}
