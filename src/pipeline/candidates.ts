import type { Config } from '../config.js';
import { plausibilityFlags, reviewArticle, type DealCandidate } from '../deal/review.js';
import type { RawExtraction } from '../deal/schema.js';
import { normaliseDeal } from '../normalise/index.js';

export type CandidateConfig = Pick<Config, 'REVIEW_CONFIDENCE_THRESHOLD' | 'ARTICLE_MAX_DEALS' | 'DEAL_MAX_USD'>;

/** What the candidates are checked against: the headline is part of the article an engine reads. */
export interface CandidateArticle {
  title: string | null;
  text: string;
  publishedAt: string | null;
}

/**
 * From an engine's raw answer to storable candidates with their review flags: the article's own
 * (deal cap, text addressed to a model), each deal's normalisation and evidence check (quotes may
 * come from the headline or the text), and plausibility. The pipeline, `extract` and `eval` all
 * go through here, so they decide review the same way.
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
