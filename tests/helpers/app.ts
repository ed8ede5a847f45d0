import { loadConfig, type Config } from '../../src/config.js';
import { createExtractor } from '../../src/extract/index.js';
import { createFetcher, fetcherOptionsFromConfig } from '../../src/fetch/http.js';
import { createLogger } from '../../src/logger.js';
import type { PipelineDeps } from '../../src/pipeline/deps.js';
import type { Db } from '../../src/db/connect.js';

/** Pipeline dependencies for tests: a given database, no politeness delay, quiet logs, no LLM key. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    FETCH_HOST_DELAY_MS: '0',
    FETCH_TIMEOUT_MS: '5000',
    ...overrides,
  });
}

export function testDeps(db: Db, overrides: Record<string, string> = {}): PipelineDeps & { close(): Promise<void> } {
  const config = testConfig(overrides);
  const log = createLogger(config.LOG_LEVEL);
  const fetcher = createFetcher(fetcherOptionsFromConfig(config));
  return { db, config, log, fetcher, extractor: createExtractor(config, { db, log }), close: () => fetcher.close() };
}
