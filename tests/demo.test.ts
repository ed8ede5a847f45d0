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
    const line = await waitFor(
      'the demo-done line',
      () => /Demo ingest done: (\d+) articles, (\d+) deals, (\d+) review items\./.exec(child!.output()),
      90_000,
      250,
    );
    expect(Number(line[1])).toBe(10);
    expect(Number(line[2])).toBeGreaterThanOrEqual(8);
    // The demo's review queue shows the main kinds: a figure conflict, an injected article, an implausible figure.
    const kinds = (await t.db.selectFrom('review_items').select('kind').distinct().execute()).map((k) => k.kind);
    expect(kinds).toEqual(expect.arrayContaining(['conflict', 'suspicious', 'implausible']));
    expect(Number(line[3])).toBe(
      Number(
        (
          await t.db
            .selectFrom('review_items')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
    // Held deals stay out of the clean data; the announced ones are in it.
    const clean = (await t.db.selectFrom('deals_clean').select('company_name').execute()).map((d) => d.company_name);
    expect(clean).toEqual(expect.arrayContaining(['Lumora', 'Paysa', 'Medisight', 'Agrova', 'Finlytics']));
    expect(clean).not.toContain('Stratacore');
    expect(clean).not.toContain('Halden Analytics');
  }, 120_000);
});
