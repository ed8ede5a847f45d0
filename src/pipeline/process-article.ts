import { sql } from 'kysely';
import { parseArticle } from '../parse/article.js';
import { ParseError } from '../parse/limits.js';
import { contentHash, isNearDuplicate, simhash } from '../parse/fingerprint.js';
import { parseAllMoney } from '../normalise/index.js';
import { toCandidates } from './candidates.js';
import { saveDeals } from '../store/deals.js';
import { findDuplicateCandidates, getArticle, insertExtraction, markArticle, markFailed, saveParsed } from '../store/articles.js';
import { RawExtraction } from '../deal/schema.js';
import type { Db } from '../db/connect.js';
import type { ParsedArticle } from '../parse/types.js';
import type { ExtractionResult } from '../extract/types.js';
import type { PipelineDeps } from './deps.js';

export type ArticleOutcome =
  | {
      articleId: number;
      status: 'extracted';
      deals: number;
      /** What storing did with the deals: new records, updated ones, and review items opened. */
      created: number;
      updated: number;
      reviewItems: number;
      extractionId: number;
      tokens: number;
      costUsd: number;
    }
  | { articleId: number; status: 'duplicate'; duplicateOf: number }
  | { articleId: number; status: 'skipped'; reason: string };

const NEAR_DUPLICATE_DISTANCE = 3;

/** Fetch → parse → dedupe article → extract → normalise → store deals, for one article. Idempotent. */
export async function processArticle(deps: PipelineDeps, articleId: number): Promise<ArticleOutcome> {
  const { db, fetcher, log } = deps;
  const article = await getArticle(db, articleId);
  if (!article) return { articleId, status: 'skipped', reason: 'article no longer exists' };
  if (article.status === 'extracted' || article.status === 'duplicate') {
    return { articleId, status: 'skipped', reason: `already ${article.status}` };
  }
  const source = article.source_id
    ? await db.selectFrom('sources').select(['url', 'allow_private']).where('id', '=', article.source_id).executeTakeFirst()
    : undefined;

  // Private-address trust belongs to the source's origin, never to a URL the source merely links to;
  // an article without a source has nothing to inherit trust from.
  const page = await fetcher.fetch(article.url, {
    accept: 'page',
    allowPrivate: source?.allow_private ?? false,
    trustOrigin: source?.url ?? null,
  });
  let parsed: ParsedArticle;
  try {
    parsed = parseArticle(page.body, page.finalUrl);
  } catch (err) {
    if (!(err instanceof ParseError)) throw err;
    // Parsing again will not help: record why and let the rest of the run go on.
    await markFailed(db, articleId, err.message);
    return { articleId, status: 'skipped', reason: err.message };
  }
  if (parsed.text.trim().length === 0) {
    await markFailed(db, articleId, 'no article text found on the page');
    return { articleId, status: 'skipped', reason: 'no article text' };
  }
  const fp = { contentHash: contentHash(parsed.text), simhash: simhash(parsed.text) };
  await saveParsed(db, articleId, parsed, fp);

  const duplicateOf = await findDuplicateOf(db, articleId, fp, parsed.text);
  if (duplicateOf !== null) {
    // A syndicated copy still counts as a source for the deals of the original.
    await markArticle(db, articleId, { status: 'duplicate', duplicateOf });
    await linkDuplicateSources(db, duplicateOf);
    return { articleId, status: 'duplicate', duplicateOf };
  }

  // A crashed or concurrent earlier attempt may already have stored this article's extraction:
  // reuse it (no second LLM call, no second row); saveDeals below is idempotent per article.
  let extraction = await storedExtraction(db, articleId);
  let spent = { tokens: 0, costUsd: 0 }; // LLM tokens and cost paid by this attempt
  if (!extraction) {
    const result = await deps.extractor.extract({
      url: parsed.canonicalUrl,
      title: parsed.title,
      text: parsed.text,
      publishedAt: parsed.publishedAt,
      siteName: parsed.siteName,
    });
    spent = { tokens: result.inputTokens + result.outputTokens, costUsd: result.costUsd };
    extraction = await recordExtraction(
      db,
      articleId,
      result,
      toCandidates(deps, result, parsed).map((c) => c.deal),
    );
  }
  const candidates = toCandidates(deps, extraction, parsed);
  const extractionId = extraction.id;
  const saved = await saveDeals(db, {
    article: { id: articleId, url: parsed.canonicalUrl, siteName: parsed.siteName, publishedAt: parsed.publishedAt },
    extractionId,
    candidates,
  });
  await markArticle(db, articleId, { status: 'extracted', error: null });
  await linkDuplicateSources(db, articleId);
  log.debug({ articleId, deals: candidates.length, reused: extraction.reused }, 'article extracted');
  const actions = saved.deals.map((d) => d.action);
  return {
    articleId,
    status: 'extracted',
    deals: candidates.length,
    created: actions.filter((a) => a === 'created').length,
    updated: actions.filter((a) => a === 'updated').length,
    reviewItems: saved.reviewItems,
    extractionId,
    ...spent,
  };
}

/**
 * The article this one copies, if any. A near match (simhash) must also state the same amounts:
 * templated press releases about different deals share most of their words but not their figures.
 */
async function findDuplicateOf(
  db: Db,
  articleId: number,
  fp: { contentHash: string; simhash: string },
  text: string,
): Promise<number | null> {
  const { exact, near } = await findDuplicateCandidates(db, articleId, fp, (other) =>
    isNearDuplicate(other, fp.simhash, NEAR_DUPLICATE_DISTANCE),
  );
  if (exact !== null || near.length === 0) return exact;
  const figures = moneyFigures(text);
  const others = await db.selectFrom('articles').select(['id', 'text']).where('id', 'in', near.slice(0, 5)).orderBy('id').execute();
  return others.find((o) => moneyFigures(o.text ?? '') === figures)?.id ?? null;
}

function moneyFigures(text: string): string {
  return [...new Set(parseAllMoney(text).map((m) => `${m.value} ${m.currency}`))].sort().join('|');
}

interface StoredExtraction {
  id: number;
  raw: RawExtraction;
  reused: boolean;
}

/** The article's successful extraction, when an earlier attempt stored one (its raw answer re-validated). */
async function storedExtraction(db: Db, articleId: number): Promise<StoredExtraction | undefined> {
  const row = await db
    .selectFrom('extractions')
    .select(['id', 'raw'])
    .where('article_id', '=', articleId)
    .where('error', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  const raw = row ? RawExtraction.safeParse(row.raw) : undefined;
  return row && raw?.success ? { id: row.id, raw: raw.data, reused: true } : undefined;
}

/**
 * Insert the extraction unless another attempt of the same article got there first. The article
 * row lock serialises the check and the insert, so two workers running one article (a stalled job
 * re-run while the first attempt is still alive) still leave exactly one extraction row.
 */
async function recordExtraction(db: Db, articleId: number, result: ExtractionResult, deals: unknown[]): Promise<StoredExtraction> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('articles').select('id').where('id', '=', articleId).forUpdate().execute();
    const existing = await storedExtraction(trx, articleId);
    if (existing) return existing;
    const id = await insertExtraction(trx, {
      articleId,
      engine: result.engine,
      model: result.model,
      promptVersion: result.promptVersion,
      raw: result.raw,
      deals,
      inputTokens: result.inputTokens,
      outputTokens: result.outputTokens,
      costUsd: result.costUsd,
      durationMs: result.durationMs,
      cached: result.cached,
    });
    return { id, raw: result.raw, reused: false };
  });
}

/**
 * Syndicated copies count as sources of the original's deals. Run both when a copy is found and
 * after an original is extracted, so the order in which the two are processed does not matter.
 */
async function linkDuplicateSources(db: PipelineDeps['db'], originalId: number): Promise<void> {
  await sql`
    INSERT INTO deal_sources (deal_id, article_id, url, publisher, published_at, quote)
    SELECT ds.deal_id, a.id, a.canonical_url, a.site_name, a.published_at, ds.quote
    FROM deal_sources ds JOIN articles a ON a.duplicate_of = ds.article_id
    WHERE ds.article_id = ${originalId} AND a.status = 'duplicate'
    ON CONFLICT (deal_id, article_id) DO NOTHING`.execute(db);
}
