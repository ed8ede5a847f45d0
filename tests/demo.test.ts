import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './helpers/db.js';
import { TEST_REDIS_URL } from './helpers/env.js';
import { freePort, spawnCli, waitFor, type Child } from './helpers/processes.js';
import { deleteRedisPrefix, testQueuePrefix } from './helpers/redis.js';

// `npm start` on an empty database: the bundled demo site is served, ingested by the workers
// through the real fetcher, parser and offline engine, and the UI has something to show.
let t: TestDb;
let child: Child | undefined;
const prefix = testQueuePrefix();

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await child?.stop();
  await deleteRedisPrefix(prefix);
  await t?.drop();
});

describe('dealflow start with no sources', () => {
  it('ingests the demo site and says when it is done, with deals and items for the review queue', async () => {
    const env = {
      DATABASE_URL: t.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: prefix,
      HTTP_PORT: String(await freePort()),
      DEMO_PORT: '0',
      ADMIN_TOKEN: 'demo-test-token-0123456789',
      OPENAI_API_KEY: '',
      OPENAI_BASE_URL: '',
      FX_REFRESH_MS: '0',
    };
    child = spawnCli(['start'], env);
    const line = await waitFor('the demo-done line', () => /Demo ingest done: (\d+) articles, (\d+) deals, (\d+) review items\./.exec(child!.output()), 90_000, 250);
    expect(Number(line[1])).toBeGreaterThanOrEqual(7);
    expect(Number(line[2])).toBeGreaterThanOrEqual(5);
    const kinds = await t.db.selectFrom('review_items').select('kind').distinct().execute();
    expect(kinds.length).toBeGreaterThanOrEqual(1);
    expect(Number(line[3])).toBeGreaterThan(0);
  }, 120_000);
});
