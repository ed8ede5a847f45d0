import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, envSchema, loadConfig } from '../../src/config.js';
import { createExtractor } from '../../src/extract/index.js';
import { startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';

describe('loadConfig', () => {
  it('treats an empty value as unset for every key of the schema', () => {
    const keys = Object.keys(envSchema.shape);
    expect(keys.length).toBeGreaterThan(20);
    const empty = Object.fromEntries(keys.map((k) => [k, '']));
    expect(loadConfig(empty)).toEqual(loadConfig({}));
    const blank = Object.fromEntries(keys.map((k) => [k, '  ']));
    expect(loadConfig(blank)).toEqual(loadConfig({}));
  });

  it('still rejects a value that is set but invalid, naming the key', () => {
    expect(() => loadConfig({ OPENAI_BASE_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ HTTP_PORT: 'abc' })).toThrow(/HTTP_PORT/);
  });

  it('keeps set values next to empty ones', () => {
    const config = loadConfig({ OPENAI_API_KEY: '', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', LLM_MODEL: 'local' });
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(config.OPENAI_BASE_URL).toBe('http://127.0.0.1:9/v1');
    expect(config.LLM_MODEL).toBe('local');
  });
});

describe('engine selection', () => {
  let fake: FakeOpenAI | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  const article = {
    url: 'https://news.example/quillmoor',
    title: 'Quillmoor raises $4 million seed round',
    text: 'Quillmoor, a Lisbon maker of tide sensors, has raised $4 million in a seed round led by Harbour Ventures.',
    publishedAt: '2026-02-03',
  };

  it('uses the offline engine when neither a key nor a base URL is set (empty values included)', () => {
    expect(createExtractor(loadConfig({ OPENAI_API_KEY: '', OPENAI_BASE_URL: '' })).engine).toBe('offline');
  });

  it('uses the LLM at OPENAI_BASE_URL without an API key, sending a placeholder key', async () => {
    fake = await startFakeOpenAI();
    const config = loadConfig({ OPENAI_API_KEY: '', OPENAI_BASE_URL: fake.baseURL, LLM_MAX_RETRIES: '0' });
    const extractor = createExtractor(config);
    expect(extractor.engine).toBe('llm');
    const result = await extractor.extract(article);
    expect(result.engine).toBe('llm');
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.headers.authorization).toMatch(/^Bearer \S+/);
  });
});
