import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { testDeps } from '../helpers/app.js';
import { deleteRedisPrefix, testQueuePrefix } from '../helpers/redis.js';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { headlineDeals, promptText, startFakeOpenAI, type FakeOpenAI, type FakeReply } from '../helpers/fake-openai.js';
import { startNewsSite, type NewsSite, type NewsStory } from '../helpers/news-site.js';
import { expectExactlyOnce, waitUntilSettled } from '../helpers/exactly-once.js';
import { addSource } from '../../src/pipeline/add-source.js';
import { pollSource } from '../../src/pipeline/poll-source.js';
import { ingestOnce } from '../../src/pipeline/run-once.js';
import { articleJobId, createQueues, enqueueArticles, type Queues } from '../../src/queue/queues.js';
import { startWorkers, type Workers } from '../../workers/worker.js';

/**
 * What the flaky model answers, by story and by how many times that story was asked: a 429, a 500,
 * garbage, an answer slower than the client timeout, a slow-but-in-time answer, or (for the last
 * story, until `healed`) a 400 that no retry can fix.
 */
function flakyModel(stories: NewsStory[], state: { healed: boolean }) {
  const calls = new Map<string, number>();
  const handler = async (req: Parameters<typeof headlineDeals>[0], index: number): Promise<FakeReply> => {
    const text = promptText(req);
    const i = stories.findIndex((s) => text.includes(s.company));
    const n = (calls.get(String(i)) ?? 0) + 1;
    calls.set(String(i), n);
    const good = (await headlineDeals(req, index)) as FakeReply;
    if (i === stories.length - 1 && !state.healed) return { status: 400, message: 'fake-openai: this request is malformed' };
    const faults: FakeReply[][] = [
      [{ status: 429, message: 'rate limited', headers: { 'retry-after-ms': '50' } }],
      [{ status: 500, message: 'upstream exploded' }],
      [{ content: 'Sure! Here are the deals: {"deals": [' }],
      [{ ...good, delayMs: 1500 }], // past LLM_TIMEOUT_MS: the client gives up
      [{ status: 503 }, { content: '<html>bad gateway</html>' }], // two failures in a row
      [{ ...good, delayMs: 400 }], // slow but in time
      [],
    ];
    return faults[i % faults.length]![n - 1] ?? good;
  };
  return { handler, calls };
}

describe('an unreliable LLM API (429, 5xx, garbage, timeouts, permanent errors)', () => {
  let t: TestDb;
  let llm: FakeOpenAI;
  let site: NewsSite;
  let redis: Redis;
  let queues: Queues;
  let workers: Workers | undefined;
  let deps: ReturnType<typeof testDeps>;
  const prefix = testQueuePrefix();
  const state = { healed: false };
  let model: ReturnType<typeof flakyModel>;

  beforeAll(async () => {
    t = await createTestDb();
    site = await startNewsSite(15, 'l');
    model = flakyModel(site.stories, state);
    llm = await startFakeOpenAI(model.handler);
    // No transport retries inside the client: every fault reaches the job queue, which must retry it.
    deps = testDeps(t.db, { OPENAI_API_KEY: 'test', OPENAI_BASE_URL: llm.baseURL, LLM_MAX_RETRIES: '0', LLM_TIMEOUT_MS: '1000' });
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queues = createQueues(redis, prefix);
  });
  afterAll(async () => {
    await workers?.close();
    await queues?.close();
    redis?.disconnect();
    await deleteRedisPrefix(prefix);
    await deps?.close();
    await site?.close();
    await llm?.close();
    await t?.drop();
  });

  it('transient faults are retried to exactly one extraction; a permanent one fails at once, recorded, and a later ingest retries it', async () => {
    const source = await addSource(deps, site.feedUrl, { kind: 'rss', allowPrivate: true });
    const { pendingArticleIds: ids } = await pollSource(deps, source.id);
    expect(ids).toHaveLength(site.stories.length);
    workers = startWorkers(deps, queues, redis, prefix, 4);
    await enqueueArticles(queues, ids);
    await waitUntilSettled(t.db, queues, site.stories.length, 40_000);

    const good = site.stories.slice(0, -1);
    const poisonId = ids[ids.length - 1]!;
    const articles = await t.db.selectFrom('articles').select(['id', 'status', 'error']).orderBy('id').execute();
    expect(articles.filter((a) => a.status !== 'extracted').map((a) => a.id)).toEqual([poisonId]);
    const poison = articles.find((a) => a.id === poisonId)!;
    expect(poison.status).toBe('failed');
    expect(poison.error).toMatch(/400.*malformed/);
    // Not worth retrying: the job failed on its first attempt instead of burning all five.
    const poisonJob = await queues.articles.getJob(articleJobId(poisonId));
    expect(poisonJob?.attemptsMade).toBe(1);
    expect(await poisonJob?.getState()).toBe('failed');
    expect(await t.db.selectFrom('extractions').select('id').where('article_id', '=', poisonId).execute()).toEqual([]);

    // Every transient fault cost a queue retry, and still ended with one extraction and one deal.
    for (const [i, faults] of [
      [0, 1],
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 2],
    ] as const) {
      const job = await queues.articles.getJob(articleJobId(ids[i]!));
      expect({ story: i, attempts: job?.attemptsMade }).toEqual({ story: i, attempts: faults + 1 });
    }
    const normal = await queues.articles.getJob(articleJobId(ids[6]!));
    expect(normal?.attemptsMade).toBe(1);

    // Once the model accepts the request, the next `ingest` picks the failed article up again.
    await workers.close();
    workers = undefined;
    state.healed = true;
    const summary = await ingestOnce(deps);
    expect(summary).toMatchObject({ articles: 1, extracted: 1, failed: 0 });
    await expectExactlyOnce(t.db, [...good, site.stories[site.stories.length - 1]!]);
  }, 60_000);
});
