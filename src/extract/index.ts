import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import type { Logger } from '../logger.js';
import { createOfflineExtractor, mayContainDeal } from './offline/index.js';
import { createLlmExtractor, createPgLlmCache, hasDealCue, llmOptionsFromConfig } from './llm/index.js';
import type { Extractor } from './types.js';

/** An API key or a server address selects the LLM: a local vLLM or Ollama server needs no key. */
export function llmConfigured(config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'>): boolean {
  return Boolean(config.OPENAI_API_KEY || config.OPENAI_BASE_URL);
}

/**
 * The LLM engine when an API key or base URL is configured, else the deterministic offline engine.
 * With the LLM, the offline pre-filter skips articles that cannot contain a deal, so they cost no tokens.
 */
export function createExtractor(config: Config, deps: { db?: Db; log?: Logger } = {}): Extractor {
  const offline = createOfflineExtractor();
  if (!llmConfigured(config)) return offline;
  const llm = createLlmExtractor({
    ...llmOptionsFromConfig(config),
    cache: deps.db ? createPgLlmCache(deps.db) : undefined,
    log: deps.log,
  });
  return {
    engine: 'llm',
    cacheKey: llm.cacheKey,
    async extract(article, opts) {
      // Either test saying "maybe" sends the article on: a deal skipped here is lost for good.
      if (!mayContainDeal(article) && !hasDealCue(article)) return offline.extract(article, opts);
      return llm.extract(article, opts);
    },
  };
}
