import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { testDeps } from '../helpers/app.js';
import { testQueuePrefix } from '../helpers/redis.js';
import { headlineDeals, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { startNewsSite, type NewsSite } from '../helpers/news-site.js';
import { spawnWorker, workerEnv, startPrivateRedis, waitFor, type Child, type PrivateService } from '../helpers/processes.js';
import { expectExactlyOnce, waitUntilSettled } from '../helpers/exactly-once.js';
import { addSource } from '../../src/pipeline/add-source.js';
import { createQueues, type Queues } from '../../src/queue/queues.js';

// The machine's shared Redis serves other test files: this one crashes a private redis-server.
// It runs with an fsync-always append-only file (as production should), so the crash loses no job.
describe('Redis crash and restart during a run', () => {
  let t: TestDb;
  let llm: FakeOpenAI;
  let site: NewsSite;
  let lossSite: NewsSite | undefined;
  let redisServer: PrivateService;
  let redis: Redis;
  let queues: Queues;
  let worker: Child | undefined;
  let replacement: Child | undefined;
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    t = await createTestDb();
    llm = await startFakeOpenAI(headlineDeals, { latencyMs: 300 });
    site = await startNewsSite(24, 'x');
    redisServer = await startPrivateRedis();
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined); // expected while the server is down
    queues = createQueues(redis, prefix);
    for (const q of [queues.articles, queues.sources]) q.on('error', () => undefined);
  });
  afterAll(async () => {
    await worker?.stop();
    await replacement?.stop();
    await queues?.close().catch(() => undefined);
    redis?.disconnect();
    await redisServer?.destroy(); // its data dir goes with it: no keys left anywhere
    await site?.close();
    await lossSite?.close();
    await llm?.close();
    await t?.drop();
  });

  it('the worker reconnects and every article is extracted exactly once, none lost', async () => {
    const deps = testDeps(t.db);
    await addSource(deps, site.feedUrl, { kind: 'rss', allowPrivate: true }).finally(() => deps.close());
    worker = spawnWorker(workerEnv({ databaseUrl: t.url, redisUrl: redisServer.url, prefix, llmBaseURL: llm.baseURL }));
    await waitFor(
      'jobs in flight after some committed',
      async () =>
        (await t.db.selectFrom('extractions').select('id').execute()).length >= 2 && (await queues.articles.getActiveCount()) >= 2,
      30_000,
      50,
    );
    const queuedAtCrash = await queues.articles.getJobCounts('waiting', 'active');
    await redisServer.crash();
    await new Promise((r) => setTimeout(r, 1500)); // jobs finishing now cannot report back
    await redisServer.start();

    // The append-only file kept the queue: the jobs waiting at the crash are still there.
    const afterRestart = await queues.articles.getJobCounts('waiting', 'active', 'delayed', 'completed');
    expect(Object.values(afterRestart).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(queuedAtCrash.waiting! + queuedAtCrash.active!);

    await waitUntilSettled(t.db, queues, site.stories.length, 40_000, () => worker!.output());
    expect(worker.proc.exitCode).toBeNull(); // survived the outage rather than crashing
    await expectExactlyOnce(t.db, site.stories);
  }, 60_000);

  it('a Redis that lost its data (no persistence): a restarted worker queues every unfinished article again', async () => {
    lossSite = await startNewsSite(16, 'y');
    const total = site.stories.length + lossSite.stories.length;
    const deps = testDeps(t.db);
    const source = await addSource(deps, lossSite.feedUrl, { kind: 'rss', allowPrivate: true }).finally(() => deps.close());
    await queues.sources.add('poll', { sourceId: source.id }); // what `dealflow ingest` does
    await waitFor(
      'articles of the new source in flight',
      async () => {
        const parsed = await t.db.selectFrom('articles').select('id').where('status', '=', 'parsed').execute();
        return parsed.length >= 2;
      },
      30_000,
      50,
    );
    // Everything queued, running or scheduled vanishes; the articles mid-job stay 'parsed' for good.
    await redis.flushall();
    await worker!.stop();
    const unfinished = await t.db.selectFrom('articles').select('status').where('status', 'in', ['pending', 'parsed']).execute();
    expect(unfinished.length).toBeGreaterThan(0);

    replacement = spawnWorker(workerEnv({ databaseUrl: t.url, redisUrl: redisServer.url, prefix, llmBaseURL: llm.baseURL }));
    await waitUntilSettled(t.db, queues, total, 40_000, () => replacement!.output());
    await expectExactlyOnce(t.db, [...site.stories, ...lossSite.stories]);
  }, 60_000);
});
