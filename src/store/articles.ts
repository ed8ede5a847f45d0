import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Article } from '../db/types.js';
import type { ParsedArticle } from '../parse/types.js';
import { storedExtractionOf, type StoredExtraction } from './extractions.js';
import { cachedResponseOf, type CachedResponse } from './llm-cache.js';

export interface DiscoveredArticle {
  url: string;
  title?: string | null;
  publishedAt?: string | null;
}

/** Insert newly discovered URLs; an already-known canonical URL is skipped. Returns the new ids. */
const INSERT_SLICE = 5000;

export async function insertDiscovered(db: Db, sourceId: number | null, items: DiscoveredArticle[]): Promise<number[]> {
  const ids: number[] = [];
  // In slices: one statement has at most 65,535 parameters (5 per row), and a big sitemap lists more.
  for (let at = 0; at < items.length; at += INSERT_SLICE) {
    const rows = await db
      .insertInto('articles')
      .values(
        items.slice(at, at + INSERT_SLICE).map((i) => ({
          source_id: sourceId,
          url: i.url,
          canonical_url: i.url,
          title: i.title ?? null,
          published_at: validDate(i.publishedAt),
        })),
      )
      .onConflict((oc) => oc.column('canonical_url').doNothing())
      .returning('id')
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

function validDate(v: string | null | undefined): Date | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

export interface ArticleToProcess {
  id: number;
  url: string;
  status: Article['status'];
  /** The source the article came from: its origin is the one private-address trust may cover. */
  source: { url: string; allowPrivate: boolean } | null;
  /** The extraction an earlier attempt stored, if any. */
  stored: StoredExtraction | undefined;
}

/** What processing an article starts from, in one round trip: the article, its source's trust, a stored extraction. */
export async function articleToProcess(db: Db, id: number): Promise<ArticleToProcess | undefined> {
  const { rows } = await sql<{
    id: number;
    url: string;
    status: Article['status'];
    source_url: string | null;
    allow_private: boolean | null;
    extraction_id: number | null;
    raw: unknown;
  }>`
    SELECT a.id, a.url, a.status, s.url AS source_url, s.allow_private, e.id AS extraction_id, e.raw
    FROM articles a
    LEFT JOIN sources s ON s.id = a.source_id
    LEFT JOIN extractions e ON e.article_id = a.id AND e.error IS NULL
    WHERE a.id = ${id}`.execute(db);
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    url: row.url,
    status: row.status,
    source: row.source_url === null ? null : { url: row.source_url, allowPrivate: row.allow_private ?? false },
    stored: row.extraction_id === null ? undefined : storedExtractionOf({ id: row.extraction_id, raw: row.raw }),
  };
}

export interface Fingerprint {
  contentHash: string;
  simhash: string;
}

export interface ParsedSaved {
  /** An earlier article with the same text (content hash). */
  exact: number | null;
  /** Earlier articles within the simhash distance (found through the band indexes), in id order. */
  near: number[];
  /** The LLM cache entry under the `cacheKey` asked for (null: none, or none asked for). */
  cached: CachedResponse | null;
}

/**
 * Store parsed text and read what the next stages need, in one round trip: the earlier articles
 * that may be copies of this one, and the LLM cache entry for its text. The page's own canonical
 * URL may differ from the discovered one; when another article already owns it, this one is a
 * duplicate of that article rather than a unique-key error.
 */
export async function saveParsed(
  db: Db,
  id: number,
  parsed: ParsedArticle,
  fp: Fingerprint,
  opts: { isNear: (simhash: string) => boolean; cacheKey: string | null },
): Promise<ParsedSaved> {
  const now = new Date();
  const band = (b: number) => sql`substr(simhash, ${sql.lit(b * 4 + 1)}, 4) = ${fp.simhash.slice(b * 4, b * 4 + 4)}`;
  // The candidates' snapshot predates the update, which is fine: they are other, earlier articles.
  // Exact matches sort first so the limit never drops one.
  const { rows } = await sql<{
    candidates: Array<{ id: number; simhash: string | null; content_hash: string | null }>;
    cached: { response: unknown; input_tokens: number; output_tokens: number } | null;
  }>`
    WITH owner AS (
      SELECT o.id FROM articles o WHERE o.canonical_url = ${parsed.canonicalUrl} AND o.id <> ${id} LIMIT 1
    ), saved AS (
      UPDATE articles SET
        canonical_url = CASE WHEN EXISTS (SELECT 1 FROM owner) THEN canonical_url ELSE ${parsed.canonicalUrl} END,
        title = ${parsed.title}, byline = ${parsed.byline}, published_at = ${validDate(parsed.publishedAt)},
        language = ${parsed.language}, site_name = ${parsed.siteName}, text = ${parsed.text},
        content_hash = ${fp.contentHash}, simhash = ${fp.simhash}, fetched_at = ${now},
        status = 'parsed', error = NULL, duplicate_of = (SELECT id FROM owner), updated_at = ${now}
      WHERE id = ${id}
    ), candidates AS (
      SELECT id, simhash, content_hash FROM articles
      WHERE id < ${id} AND (content_hash = ${fp.contentHash} OR ${band(0)} OR ${band(1)} OR ${band(2)} OR ${band(3)})
      ORDER BY (content_hash = ${fp.contentHash}) IS TRUE DESC, id
      LIMIT 200
    )
    SELECT
      (SELECT coalesce(json_agg(c), '[]') FROM candidates c) AS candidates,
      (SELECT row_to_json(l) FROM (SELECT response, input_tokens, output_tokens FROM llm_cache WHERE key = ${opts.cacheKey}) l) AS cached
  `.execute(db);
  const candidates = (rows[0]?.candidates ?? []).sort((a, b) => a.id - b.id);
  const exact = candidates.find((c) => c.content_hash === fp.contentHash)?.id ?? null;
  const near = candidates.filter((c) => c.simhash && c.content_hash !== fp.contentHash && opts.isNear(c.simhash)).map((c) => c.id);
  return { exact, near, cached: cachedResponseOf(rows[0]?.cached) };
}

/** Articles a run should process: unfinished ones, and with `includeFailed` failed ones too (a new run gives them fresh attempts). */
export async function articlesToRun(db: Db, opts: { includeFailed: boolean; sourceId?: number }): Promise<number[]> {
  const statuses: Array<Article['status']> = opts.includeFailed ? ['pending', 'parsed', 'failed'] : ['pending', 'parsed'];
  let q = db.selectFrom('articles').select('id').where('status', 'in', statuses);
  if (opts.sourceId !== undefined) q = q.where('source_id', '=', opts.sourceId);
  return (await q.orderBy('id').execute()).map((r) => r.id);
}

/** Record why an article could not be processed; it is run again by the next `ingest`. */
export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await markArticle(db, id, { status: 'failed', error });
}

export async function markArticle(
  db: Db,
  id: number,
  patch: { status: Article['status']; error?: string | null; duplicateOf?: number | null },
): Promise<void> {
  await db
    .updateTable('articles')
    .set({
      status: patch.status,
      error: patch.error === undefined ? undefined : (patch.error?.slice(0, 2000) ?? null),
      duplicate_of: patch.duplicateOf,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Mark an article a syndicated copy of `originalId`. It waits for a save of the original in
 * progress (saveDeals locks the original's row for its whole transaction when it finishes the
 * article): either that save's finish sees this copy, or `linkDuplicateSources` afterwards sees
 * its committed sources. Without the wait, both could miss each other.
 */
export async function markDuplicate(db: Db, id: number, originalId: number): Promise<void> {
  await sql`
    WITH original AS (SELECT id FROM articles WHERE id = ${originalId} FOR SHARE)
    UPDATE articles SET status = 'duplicate', duplicate_of = ${originalId}, updated_at = now()
    WHERE id = ${id} AND (SELECT count(*) FROM original) >= 0`.execute(db);
}

/** SQL text (id inlined, a checked integer) that locks an article's row until the transaction ends: see markDuplicate. */
export function lockArticleSql(id: number): string {
  if (!Number.isSafeInteger(id) || id <= 0) throw new Error(`lockArticle: invalid article id ${String(id)}`);
  return `SELECT id FROM articles WHERE id = ${id} FOR NO KEY UPDATE`;
}

/** Texts of the given articles, in id order (for comparing near-duplicates' figures). */
export async function articleTexts(db: Db, ids: number[]): Promise<Array<{ id: number; text: string }>> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('articles').select(['id', 'text']).where('id', 'in', ids).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, text: r.text ?? '' }));
}

/**
 * The article's deals are stored: mark it extracted and give its syndicated copies the same sources,
 * in one round trip (the copies' half of the handshake is `linkDuplicateSources`).
 */
export async function markExtracted(db: Db, id: number): Promise<void> {
  await sql`WITH ${finishArticleCtes(id, sql`SELECT deal_id, quote FROM deal_sources WHERE article_id = ${id}`)} SELECT 1`.execute(db);
}

/**
 * markExtracted as CTEs (`fin`, `cp`) for the last statement of saveDeals' transaction, after its
 * deal writes: `linked` yields (deal_id, quote) of every deal the article is a source of (that
 * statement's own new source row is not visible to a sibling CTE, so the caller lists the deals).
 */
export function finishArticleCtes(id: number, linked: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`fin AS (
      UPDATE articles SET status = 'extracted', error = NULL, updated_at = now() WHERE id = ${id}
    ), cp AS (
      INSERT INTO deal_sources (deal_id, article_id, url, publisher, published_at, quote)
      SELECT x.deal_id, a.id, a.canonical_url, a.site_name, a.published_at, x.quote
      FROM (${linked}) x JOIN articles a ON a.duplicate_of = ${id} AND a.status = 'duplicate'
      ON CONFLICT (deal_id, article_id) DO NOTHING
    )`;
}

/**
 * Syndicated copies count as sources of the original's deals. Run both when a copy is found and
 * after an original is extracted, so the order in which the two are processed does not matter.
 */
export async function linkDuplicateSources(db: Db, originalId: number): Promise<void> {
  await sql`
    INSERT INTO deal_sources (deal_id, article_id, url, publisher, published_at, quote)
    SELECT ds.deal_id, a.id, a.canonical_url, a.site_name, a.published_at, ds.quote
    FROM deal_sources ds JOIN articles a ON a.duplicate_of = ds.article_id
    WHERE ds.article_id = ${originalId} AND a.status = 'duplicate'
    ON CONFLICT (deal_id, article_id) DO NOTHING`.execute(db);
}
