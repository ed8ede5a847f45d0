import type { RawExtraction } from '../deal/schema.js';
import type { CachedResponse } from '../store/llm-cache.js';

/** What an extraction engine reads: the parsed article, untrusted text. */
export interface ArticleInput {
  url: string;
  title: string | null;
  text: string;
  /** ISO date or timestamp of publication; used to date deals and pick FX rates. */
  publishedAt: string | null;
  siteName?: string | null;
}

export interface ExtractionResult {
  raw: RawExtraction;
  engine: 'llm' | 'offline';
  model: string | null;
  promptVersion: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** True when served from the LLM cache (no tokens spent). */
  cached: boolean;
  durationMs: number;
}

export interface ExtractOptions {
  signal?: AbortSignal;
  /**
   * The LLM cache entry under `cacheKey(article)`, already looked up by the caller (null: a miss).
   * When given, the engine neither reads nor writes its own cache: the caller stores a fresh answer
   * (the pipeline does both in statements it runs anyway, saving two round trips per article).
   */
  cached?: CachedResponse | null;
}

export interface Extractor {
  readonly engine: 'llm' | 'offline';
  extract(article: ArticleInput, opts?: ExtractOptions): Promise<ExtractionResult>;
  /** The LLM cache key of this article (absent for engines without a cache). */
  cacheKey?(article: ArticleInput): string;
}
