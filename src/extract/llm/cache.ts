import { createHash } from 'node:crypto';
import { RawExtraction } from '../../deal/schema.js';
import type { Db } from '../../db/connect.js';
import { readLlmCache, writeLlmCache } from '../../store/llm-cache.js';
import type { ArticleInput } from '../types.js';

/** A stored model answer for one article, with the tokens the original run spent. */
export interface CachedResponse {
  raw: RawExtraction;
  inputTokens: number;
  outputTokens: number;
}

export interface LlmCache {
  get(key: string): Promise<CachedResponse | null>;
  set(key: string, value: CachedResponse): Promise<void>;
}

/**
 * Same article content + prompt version + model → same key. The publication date is hashed too
 * because the prompt uses it to date deals.
 */
export function llmCacheKey(article: ArticleInput, promptVersion: string, model: string): string {
  const content = createHash('sha256')
    .update(JSON.stringify([article.title ?? '', article.publishedAt ?? '', article.text]))
    .digest('hex');
  return `${promptVersion}:${model}:${content}`;
}

/** The cache on the `llm_cache` table. A row that no longer matches the schema reads as a miss. */
export function createPgLlmCache(db: Db): LlmCache {
  return {
    async get(key) {
      const row = await readLlmCache(db, key);
      if (!row) return null;
      const raw = RawExtraction.safeParse(row.response);
      if (!raw.success) return null;
      return { raw: raw.data, inputTokens: row.input_tokens, outputTokens: row.output_tokens };
    },
    async set(key, value) {
      await writeLlmCache(db, key, { response: value.raw, input_tokens: value.inputTokens, output_tokens: value.outputTokens });
    },
  };
}
