import type { RawDeal } from '../../../src/deal/schema.js';
import type { ArticleInput } from '../../../src/extract/types.js';
import type { LlmExtractorOptions } from '../../../src/extract/llm/index.js';

export function rawDeal(overrides: Partial<RawDeal> = {}): RawDeal {
  return {
    company: 'Nscale',
    country: 'UK',
    round: 'series_c',
    status: 'announced',
    amountText: '$2 billion',
    valuationText: null,
    investors: [{ name: 'Nvidia', lead: true }],
    announcedOn: '2026-03-16',
    evidence: [{ field: 'amount', quote: 'raised $2 billion' }],
    confidence: 0.9,
    ...overrides,
  };
}

export const article: ArticleInput = {
  url: 'https://news.example.com/2026/03/nscale-series-c',
  title: 'Nscale raises $2bn Series C led by Nvidia',
  publishedAt: '2026-03-16',
  text: 'London-based Nscale has raised $2 billion in a Series C round led by Nvidia.\n\nThe company builds AI data centres.',
};

export function options(baseURL: string, overrides: Partial<LlmExtractorOptions> = {}): LlmExtractorOptions {
  return {
    apiKey: 'test-key',
    baseURL,
    model: 'gpt-test',
    timeoutMs: 5_000,
    maxRetries: 2,
    chunkTokens: 6_000,
    priceInputPerM: 0.15,
    priceOutputPerM: 0.6,
    ...overrides,
  };
}
