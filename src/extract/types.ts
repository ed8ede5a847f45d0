import type { RawExtraction } from '../deal/schema.js';

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

export interface Extractor {
  readonly engine: 'llm' | 'offline';
  extract(article: ArticleInput, opts?: { signal?: AbortSignal }): Promise<ExtractionResult>;
}
