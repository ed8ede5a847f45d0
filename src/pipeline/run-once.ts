import { listSources } from '../store/sources.js';
import { articlesToRun, markFailed } from '../store/articles.js';
import { pollSource } from './poll-source.js';
import { processArticle, type ArticleOutcome } from './process-article.js';
import type { PipelineDeps } from './deps.js';

export interface OnceSummary {
  sources: number;
  sourceErrors: number;
  articles: number;
  extracted: number;
  duplicates: number;
  failed: number;
  /** Deals extracted, and what storing made of them: new records, updated records, review items opened. */
  deals: number;
  dealsNew: number;
  dealsUpdated: number;
  reviewItems: number;
  /** LLM tokens and estimated USD cost paid by this run (0 for the offline engine and cache hits). */
  tokens: number;
  costUsd: number;
}

export interface OnceProgress {
  phase: 'sources' | 'articles';
  done: number;
  total: number;
}

/**
 * Run every enabled source through every stage inline, without Redis: poll all sources, then
 * process every pending article (including ones left pending by an earlier interrupted run, and
 * failed ones: a transient outage must not lose an article for good).
 */
export async function ingestOnce(
  deps: PipelineDeps,
  opts: { concurrency?: number; onProgress?: (p: OnceProgress) => void } = {},
): Promise<OnceSummary> {
  const sources = await listSources(deps.db, { enabledOnly: true });
  const summary: OnceSummary = {
    sources: sources.length,
    sourceErrors: 0,
    articles: 0,
    extracted: 0,
    duplicates: 0,
    failed: 0,
    deals: 0,
    dealsNew: 0,
    dealsUpdated: 0,
    reviewItems: 0,
    tokens: 0,
    costUsd: 0,
  };
  let done = 0;
  for (const source of sources) {
    await pollSource(deps, source.id).catch(() => summary.sourceErrors++); // recorded on the source row
    opts.onProgress?.({ phase: 'sources', done: ++done, total: sources.length });
  }
  const pending = await articlesToRun(deps.db, { includeFailed: true });
  summary.articles = pending.length;
  let next = 0;
  done = 0;
  const worker = async () => {
    while (next < pending.length) {
      const id = pending[next++]!;
      const outcome = await processArticle(deps, id).catch(async (err: Error): Promise<ArticleOutcome> => {
        await markFailed(deps.db, id, err.message);
        deps.log.warn({ articleId: id, err: err.message }, 'article failed');
        return { articleId: id, status: 'skipped', reason: err.message };
      });
      if (outcome.status === 'extracted') {
        summary.extracted++;
        summary.deals += outcome.deals;
        summary.dealsNew += outcome.created;
        summary.dealsUpdated += outcome.updated;
        summary.reviewItems += outcome.reviewItems;
        summary.tokens += outcome.tokens;
        summary.costUsd += outcome.costUsd;
      } else if (outcome.status === 'duplicate') summary.duplicates++;
      else summary.failed++;
      opts.onProgress?.({ phase: 'articles', done: ++done, total: pending.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? deps.config.WORKER_CONCURRENCY) }, worker));
  return summary;
}

/** The end-of-run summary a person reads (`ingest --once` without --json). */
export function formatOnceSummary(s: OnceSummary): string {
  const cost = s.costUsd > 0 ? `$${s.costUsd.toFixed(s.costUsd < 1 ? 4 : 2)}` : '$0';
  return [
    `sources:      ${s.sources}${s.sourceErrors ? ` (${s.sourceErrors} failed: see 'dealflow sources list')` : ''}`,
    `articles:     ${s.articles} processed: ${s.extracted} extracted, ${s.duplicates} duplicates, ${s.failed} failed or skipped`,
    `deals:        ${s.deals} found: ${s.dealsNew} new, ${s.dealsUpdated} updated, ${s.deals - s.dealsNew - s.dealsUpdated} linked to (or flagged against) known deals`,
    `review items: ${s.reviewItems} opened${s.reviewItems ? " (review UI or 'dealflow review')" : ''}`,
    `LLM:          ${s.tokens} tokens, ${cost}`,
  ].join('\n');
}
