import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLlmExtractor, createPgLlmCache, llmCacheKey } from '../../../src/extract/llm/index.js';
import { createTestDb, type TestDb } from '../../helpers/db.js';
import { startFakeOpenAI, type FakeOpenAI } from '../../helpers/fake-openai.js';
import { article, options, rawDeal } from './fixtures.js';

let t: TestDb;
let fake: FakeOpenAI;
beforeAll(async () => {
  t = await createTestDb();
  fake = await startFakeOpenAI(() => ({ content: { deals: [rawDeal()] }, usage: { prompt_tokens: 900, completion_tokens: 120 } }));
});
afterAll(async () => {
  await fake?.close();
  await t?.drop();
});

describe('Postgres LLM cache', () => {
  it('serves a re-run from the cache with no request and no tokens, keeping the original counts', async () => {
    const cache = createPgLlmCache(t.db);
    const extractor = createLlmExtractor(options(fake.baseURL, { cache }));

    const first = await extractor.extract(article);
    expect(first).toMatchObject({ cached: false, inputTokens: 900, outputTokens: 120 });
    expect(fake.requests).toHaveLength(1);

    const second = await createLlmExtractor(options(fake.baseURL, { cache })).extract(article);
    expect(second).toMatchObject({
      cached: true,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      model: 'gpt-test',
      promptVersion: 'deal-extraction.v1',
    });
    expect(second.raw).toEqual(first.raw);
    expect(fake.requests).toHaveLength(1);

    const stored = await cache.get(llmCacheKey(article, 'deal-extraction.v1', 'gpt-test'));
    expect(stored).toEqual({ raw: { deals: [rawDeal()] }, inputTokens: 900, outputTokens: 120 });
  });

  it('misses for another model, another text, or a stored row that no longer fits the schema', async () => {
    const cache = createPgLlmCache(t.db);
    const before = fake.requests.length;
    await createLlmExtractor(options(fake.baseURL, { cache, model: 'other-model' })).extract(article);
    await createLlmExtractor(options(fake.baseURL, { cache })).extract({ ...article, text: `${article.text}\n\nUpdated.` });
    expect(fake.requests.length).toBe(before + 2);

    const key = llmCacheKey(article, 'deal-extraction.v1', 'gpt-test');
    await t.db
      .updateTable('llm_cache')
      .set({ response: JSON.stringify({ deals: [{ company: 1 }] }) })
      .where('key', '=', key)
      .execute();
    expect(await cache.get(key)).toBeNull();
  });
});
