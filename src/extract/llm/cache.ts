import { createHash } from 'node:crypto';
import type { ArticleInput } from '../types.js';

// The cache itself is a store repository (SQL lives in src/store); the key belongs to the engine.
export { createPgLlmCache, type CachedResponse, type LlmCache } from '../../store/llm-cache.js';

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
