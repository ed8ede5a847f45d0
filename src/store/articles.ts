import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Article } from '../db/types.js';
import type { ParsedArticle } from '../parse/types.js';

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

export async function getArticle(db: Db, id: number): Promise<Article | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface Fingerprint {
  contentHash: string;
  simhash: string;
}

/**
 * Store parsed text. The page's own canonical URL may differ from the discovered one; when another
 * article already owns it, this one is a duplicate of that article rather than a unique-key error.
 */
export async function saveParsed(db: Db, id: number, parsed: ParsedArticle, fp: Fingerprint): Promise<void> {
  // The owner lookup is a subquery of the update: one round trip per article instead of two.
  const owner = sql<number | null>`(SELECT o.id FROM articles o WHERE o.canonical_url = ${parsed.canonicalUrl} AND o.id <> ${id} LIMIT 1)`;
  await db
    .updateTable('articles')
    .set({
      canonical_url: sql<string>`CASE WHEN ${owner} IS NULL THEN ${parsed.canonicalUrl} ELSE canonical_url END`,
      title: parsed.title,
      byline: parsed.byline,
      published_at: validDate(parsed.publishedAt),
      language: parsed.language,
      site_name: parsed.siteName,
      text: parsed.text,
      content_hash: fp.contentHash,
      simhash: fp.simhash,
      fetched_at: new Date(),
      status: 'parsed',
      error: null,
      duplicate_of: owner,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Earlier articles that may be copies of this one: `exact` has the same text (content hash),
 * `near` are within the simhash distance (found through the band indexes, closest first).
 */
export async function findDuplicateCandidates(
  db: Db,
  id: number,
  fp: Fingerprint,
  isNear: (simhash: string) => boolean,
): Promise<{ exact: number | null; near: number[] }> {
  // Exact and near candidates in one indexed query (one round trip per article); exact matches sort first.
  const bands = [0, 1, 2, 3].map((b) => fp.simhash.slice(b * 4, b * 4 + 4));
  const candidates = await db
    .selectFrom('articles')
    .select(['id', 'simhash', 'content_hash'])
    .where('id', '<', id)
    .where((eb) =>
      eb.or([
        eb('content_hash', '=', fp.contentHash),
        ...bands.map((band, b) => eb(sql`substr(simhash, ${sql.lit(b * 4 + 1)}, 4)`, '=', band)),
      ]),
    )
    .orderBy(sql`(content_hash = ${fp.contentHash}) IS TRUE`, 'desc')
    .orderBy('id')
    .limit(200)
    .execute();
  const exact = candidates.find((c) => c.content_hash === fp.contentHash)?.id ?? null;
  const near = candidates.filter((c) => c.simhash && c.content_hash !== fp.contentHash && isNear(c.simhash)).map((c) => c.id);
  return { exact, near };
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

/** Texts of the given articles, in id order (for comparing near-duplicates' figures). */
export async function articleTexts(db: Db, ids: number[]): Promise<Array<{ id: number; text: string }>> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('articles').select(['id', 'text']).where('id', 'in', ids).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, text: r.text ?? '' }));
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
