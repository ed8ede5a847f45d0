import { parseArticle } from '../parse/article.js';
import { ParseError } from '../parse/limits.js';
import { contentHash, isNearDuplicate, simhash } from '../parse/fingerprint.js';
import { NEAR_DUPLICATE_DISTANCE, sameFigures } from '../dedupe/articles.js';
import { articleInput, extractDeals, toCandidates } from './candidates.js';
import { saveDeals } from '../store/deals.js';
import { articleTexts, articleToProcess, linkDuplicateSources, markDuplicate, markFailed, saveParsed } from '../store/articles.js';
import { recordExtraction } from '../store/extractions.js';
import type { ParsedArticle } from '../parse/types.js';
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

/** Fetch → parse → dedupe article → extract → normalise → store deals, for one article. Idempotent. */
export async function processArticle(deps: PipelineDeps, articleId: number): Promise<ArticleOutcome> {
  const { db, fetcher, log } = deps;
  // Round trips per article (bench/load.ts counts them): this read, saveParsed, recordExtraction,
  // saveDeals (which also marks the article extracted, with its COMMIT).
  const article = await articleToProcess(db, articleId);
  if (!article) return { articleId, status: 'skipped', reason: 'article no longer exists' };
  if (article.status === 'extracted' || article.status === 'duplicate') {
    return { articleId, status: 'skipped', reason: `already ${article.status}` };
  }

  // Private-address trust belongs to the source's origin, never to a URL the source merely links to;
  // an article without a source has nothing to inherit trust from.
  const page = await fetcher.fetch(article.url, {
    accept: 'page',
    allowPrivate: article.source?.allowPrivate ?? false,
    trustOrigin: article.source?.url ?? null,
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
  // A crashed or concurrent earlier attempt may already have stored this article's extraction:
  // reuse it (no second LLM call, no second row); saveDeals below is idempotent per article.
  // Otherwise the LLM cache entry is read with the parse write, and written with the extraction.
  const stored = article.stored;
  const cacheKey = stored ? null : (deps.extractor.cacheKey?.(articleInput(parsed)) ?? null);
  const { exact, near, cached } = await saveParsed(db, articleId, parsed, fp, {
    isNear: (other) => isNearDuplicate(other, fp.simhash, NEAR_DUPLICATE_DISTANCE),
    cacheKey,
  });
  const duplicateOf = exact ?? (near.length ? sameFigures(parsed.text, await articleTexts(db, near.slice(0, 5))) : null);
  if (duplicateOf !== null) {
    // A syndicated copy still counts as a source for the deals of the original.
    await markDuplicate(db, articleId, duplicateOf);
    await linkDuplicateSources(db, duplicateOf);
    return { articleId, status: 'duplicate', duplicateOf };
  }

  let spent = { tokens: 0, costUsd: 0 }; // LLM tokens and cost paid by this attempt
  let extraction = stored;
  let candidates = stored ? toCandidates(deps, stored, parsed) : [];
  if (!stored) {
    const fresh = await extractDeals(deps, parsed, cacheKey === null ? {} : { cached });
    const { result } = fresh;
    spent = { tokens: result.inputTokens + result.outputTokens, costUsd: result.costUsd };
    candidates = fresh.candidates; // normalised once, stored beside the raw answer
    const { engine, model, promptVersion, raw, inputTokens, outputTokens, costUsd, durationMs } = result;
    const record = { engine, model, promptVersion, raw, inputTokens, outputTokens, costUsd, durationMs, cached: result.cached };
    // A fresh LLM answer goes into the cache too (its key was asked for, so the engine left that to us).
    const cacheWrite =
      cacheKey !== null && engine === 'llm' && !result.cached ? { key: cacheKey, value: { raw, inputTokens, outputTokens } } : undefined;
    extraction = await recordExtraction(db, articleId, { ...record, deals: candidates.map((c) => c.deal) }, cacheWrite);
    // A concurrent attempt stored its answer first: use that one, as every attempt must.
    if (extraction.reused) candidates = toCandidates(deps, extraction, parsed);
  }
  const extractionId = extraction!.id;
  const saved = await saveDeals(db, {
    article: { id: articleId, url: parsed.canonicalUrl, siteName: parsed.siteName, publishedAt: parsed.publishedAt, links: parsed.links },
    extractionId,
    candidates,
    finishArticle: true,
  });
  log.debug({ articleId, deals: candidates.length, reused: extraction!.reused }, 'article extracted');
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
