import type { Config } from '../config.js';
import { plausibilityFlags, reviewArticle, type DealCandidate } from '../deal/review.js';
import type { RawExtraction } from '../deal/schema.js';
import type { ArticleInput, ExtractionResult, ExtractOptions, Extractor } from '../extract/types.js';
import { normaliseDeal } from '../normalise/index.js';
import type { ParsedArticle } from '../parse/types.js';

export type CandidateConfig = Pick<Config, 'REVIEW_CONFIDENCE_THRESHOLD' | 'ARTICLE_MAX_DEALS' | 'DEAL_MAX_USD'>;

/** What the candidates are checked against: the headline is part of the article an engine reads. */
export interface CandidateArticle {
  title: string | null;
  text: string;
  publishedAt: string | null;
}

/** The parsed article an extraction starts from (publishedAt may be overridden, e.g. by a corpus label). */
export type ExtractableArticle = Pick<ParsedArticle, 'canonicalUrl' | 'title' | 'text' | 'publishedAt' | 'siteName'>;

/** The article as engines read it; the one place a parse result becomes engine input (and LLM cache key). */
export function articleInput(article: ExtractableArticle): ArticleInput {
  return {
    url: article.canonicalUrl,
    title: article.title,
    text: article.text,
    publishedAt: article.publishedAt,
    siteName: article.siteName,
  };
}

/**
 * The extraction chain every caller runs (worker and inline ingest through processArticle,
 * `extract`, `eval`): parsed article → the engine's raw answer → normalised candidates with their
 * review decisions at the configured threshold.
 */
export async function extractDeals(
  deps: { extractor: Extractor; config: CandidateConfig },
  article: ExtractableArticle,
  opts: ExtractOptions = {},
): Promise<{ result: ExtractionResult; candidates: DealCandidate[] }> {
  const result = await deps.extractor.extract(articleInput(article), opts);
  return { result, candidates: toCandidates(deps, result, article) };
}

/**
 * From an engine's raw answer to storable candidates with their review flags: the article's own
 * (deal cap, text addressed to a model), each deal's normalisation and evidence check (quotes may
 * come from the headline or the text), and plausibility. A stored answer re-enters here too, so
 * every path decides review the same way.
 */
export function toCandidates(
  deps: { config: CandidateConfig },
  result: { raw: Pick<RawExtraction, 'deals'> },
  article: CandidateArticle,
): DealCandidate[] {
  const { config } = deps;
  const text = article.title ? `${article.title}\n\n${article.text}` : article.text;
  const checked = reviewArticle(result.raw.deals, text, config.ARTICLE_MAX_DEALS);
  return checked.deals.map((raw) => {
    const c = normaliseDeal(raw, { text, publishedAt: article.publishedAt, reviewThreshold: config.REVIEW_CONFIDENCE_THRESHOLD });
    return { deal: c.deal, flags: [...c.flags, ...checked.flags, ...plausibilityFlags(c.deal, raw, config.DEAL_MAX_USD)] };
  });
}
