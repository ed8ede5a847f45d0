import { OpenAI } from 'openai';
import type { Config } from '../../config.js';
import type { RawDeal } from '../../deal/schema.js';
import type { Logger } from '../../logger.js';
import type { ArticleInput, ExtractionResult, Extractor } from '../types.js';
import { llmCacheKey, type LlmCache } from './cache.js';
import { chunkText, halve } from './chunk.js';
import { completeChunk, type CompleteOptions, type Usage } from './complete.js';
import { LlmTruncationError } from './errors.js';
import { clampRetryAfter } from './fetch.js';
import { mergeChunkAnswers } from './merge.js';
import { selectDealText } from './select.js';
import { buildMessages, DEFAULT_PROMPT_VERSION, loadPrompt } from './prompt.js';

export { createPgLlmCache, llmCacheKey, type CachedResponse, type LlmCache } from './cache.js';
export { LlmApiError, LlmError, LlmInvalidOutputError, LlmRefusalError, LlmTimeoutError, LlmTruncationError } from './errors.js';
export { DEFAULT_PROMPT_VERSION } from './prompt.js';
export { hasDealCue, selectDealText } from './select.js';

export interface LlmExtractorOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  /** Per HTTP attempt. */
  timeoutMs: number;
  /** SDK transport retries (429/5xx/timeouts) and, separately, corrective re-asks for invalid answers. */
  maxRetries: number;
  /** Estimated tokens of article text per request. */
  chunkTokens: number;
  /** Send only the lede and the deal-cue paragraphs with their neighbours (default true). */
  selectParagraphs?: boolean;
  /** USD per 1M tokens. */
  priceInputPerM: number;
  priceOutputPerM: number;
  cache?: LlmCache;
  log?: Logger;
  promptVersion?: string;
}

export function llmOptionsFromConfig(config: Config): Omit<LlmExtractorOptions, 'cache' | 'log'> {
  if (!config.OPENAI_API_KEY && !config.OPENAI_BASE_URL) {
    throw new Error('The LLM engine needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local OpenAI-compatible server).');
  }
  return {
    // Local OpenAI-compatible servers usually accept any key, but the SDK insists on one.
    apiKey: config.OPENAI_API_KEY ?? 'unused',
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    model: config.LLM_MODEL,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    chunkTokens: config.LLM_CHUNK_TOKENS,
    priceInputPerM: config.LLM_PRICE_INPUT,
    priceOutputPerM: config.LLM_PRICE_OUTPUT,
  };
}

export function createLlmExtractor(opts: LlmExtractorOptions): Extractor & Required<Pick<Extractor, 'cacheKey'>> {
  const promptVersion = opts.promptVersion ?? DEFAULT_PROMPT_VERSION;
  const system = loadPrompt(promptVersion); // fail at construction, not on the first article
  const client = new OpenAI({
    apiKey: opts.apiKey,
    baseURL: opts.baseURL,
    timeout: opts.timeoutMs,
    maxRetries: opts.maxRetries,
    fetch: clampRetryAfter(),
  });
  const cost = (u: Usage) => (u.inputTokens * opts.priceInputPerM + u.outputTokens * opts.priceOutputPerM) / 1_000_000;

  async function extractAll(article: ArticleInput, call: CompleteOptions): Promise<Usage & { deals: RawDeal[] }> {
    const usage: Usage = { inputTokens: 0, outputTokens: 0 };
    const answers: RawDeal[][] = [];
    const text = opts.selectParagraphs === false ? article.text : selectDealText(article.text).text;
    const chunks = chunkText(text, opts.chunkTokens);
    if (chunks.length === 0) return { ...usage, deals: [] }; // no text, nothing to ask about

    // Each chunk is tried once whole; an answer cut off by the output limit gets one retry as halves.
    const queue = chunks.map((text, index) => ({ text, index, count: chunks.length, halved: false }));
    for (let item = queue.shift(); item; item = queue.shift()) {
      call.signal?.throwIfAborted();
      const outcome = await completeChunk(buildMessages(system, article, item), call);
      usage.inputTokens += outcome.inputTokens;
      usage.outputTokens += outcome.outputTokens;
      if (outcome.kind === 'ok') {
        answers.push(outcome.raw.deals);
        continue;
      }
      const halves = item.halved ? null : halve(item.text);
      if (!halves) {
        throw new LlmTruncationError(
          `LLM answer for ${article.url} hit the output token limit even for a ${item.text.length}-character chunk`,
          false,
        );
      }
      opts.log?.warn({ url: article.url, chunk: item.index }, 'LLM answer truncated; retrying the chunk in halves');
      queue.unshift(...halves.map((text) => ({ text, index: item.index, count: item.count, halved: true })));
    }
    return { ...usage, deals: mergeChunkAnswers(answers) };
  }

  const cacheKey = (article: ArticleInput) => llmCacheKey(article, promptVersion, opts.model);
  return {
    engine: 'llm',
    cacheKey,
    async extract(article, extractOpts) {
      const started = performance.now();
      const base = { engine: 'llm' as const, model: opts.model, promptVersion };
      const key = cacheKey(article);
      // A caller that looked the key up itself also stores the answer (see ExtractOptions.cached).
      const cache = extractOpts?.cached === undefined ? opts.cache : undefined;
      const hit = extractOpts?.cached ?? (await cache?.get(key));
      if (hit) {
        return {
          ...base,
          raw: hit.raw,
          inputTokens: 0,
          outputTokens: 0,
          costUsd: 0,
          cached: true,
          durationMs: performance.now() - started,
        };
      }
      const { deals, ...usage } = await extractAll(article, {
        client,
        model: opts.model,
        maxRetries: opts.maxRetries,
        timeoutMs: opts.timeoutMs,
        signal: extractOpts?.signal,
        log: opts.log,
      });
      const raw = { deals };
      // The answer is paid for and valid: a failed cache write costs a future re-run, not this result.
      await cache?.set(key, { raw, ...usage }).catch((err: unknown) => {
        opts.log?.warn({ err, url: article.url }, 'LLM cache write failed');
      });
      const result: ExtractionResult = {
        ...base,
        raw,
        ...usage,
        costUsd: cost(usage),
        cached: false,
        durationMs: performance.now() - started,
      };
      opts.log?.debug({ url: article.url, deals: deals.length, ...usage, costUsd: result.costUsd }, 'LLM extraction done');
      return result;
    },
  };
}
