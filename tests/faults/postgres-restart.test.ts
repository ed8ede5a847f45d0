import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { testDeps } from '../helpers/app.js';
import { deleteRedisPrefix, testQueuePrefix } from '../helpers/redis.js';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { headlineDeals, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { startNewsSite, type NewsSite } from '../helpers/news-site.js';
import { spawnWorker, workerEnv, startPrivatePostgres, waitFor, type Child, type PrivateService } from '../helpers/processes.js';
import { expectExactlyOnce, waitUntilSettled } from '../helpers/exactly-once.js';
import { createDb, ensureDatabase, type Db } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { addSource } from '../../src/pipeline/add-source.js';
import { createQueues, type Queues } from '../../src/queue/queues.js';

// The machine's shared PostgreSQL serves other test files: this one crashes a private cluster
// (immediate shutdown: every connection dies mid-transaction) and starts it again.
describe('PostgreSQL crash and restart during a run', () => {
  let pgServer: PrivateService;
  let url: string;
  let db: Db;
  let llm: FakeOpenAI;
  let site: NewsSite;
  let redis: Redis;
  let queues: Queues;
  let worker: Child | undefined;
  const prefix = testQueuePrefix();

  beforeAll(async () => {
    pgServer = await startPrivatePostgres();
    url = pgServer.url.replace(/\/postgres$/, '/dealflow');
    await ensureDatabase(url);
    db = createDb(url, 3);
    await migrateToLatest(db);
    llm = await startFakeOpenAI(headlineDeals, { latencyMs: 300 });
    site = await startNewsSite(24, 'p');
    redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
    queues = createQueues(redis, prefix);
  });
  afterAll(async () => {
    await worker?.stop();
    await queues?.close();
    redis?.disconnect();
    await deleteRedisPrefix(prefix);
    await db?.destroy();
    await pgServer?.destroy();
    await site?.close();
    await llm?.close();
  });

  it('the worker reconnects and every article is extracted exactly once', async () => {
    const deps = testDeps(db);
    await addSource(deps, site.feedUrl, { kind: 'rss', allowPrivate: true }).finally(() => deps.close());
    worker = spawnWorker(workerEnv({ databaseUrl: url, redisUrl: TEST_REDIS_URL, prefix, llmBaseURL: llm.baseURL }));
    await waitFor(
      'jobs in flight after some committed',
      async () => (await db.selectFrom('extractions').select('id').execute()).length >= 2 && (await queues.articles.getActiveCount()) >= 2,
      30_000,
      50,
    );
    await pgServer.crash();
    await new Promise((r) => setTimeout(r, 1500)); // jobs reaching the database now fail and are retried
    await pgServer.start();

    await waitUntilSettled(db, queues, site.stories.length, 45_000, () => worker!.output());
    expect(worker.proc.exitCode).toBeNull(); // survived the outage rather than crashing
    await expectExactlyOnce(db, site.stories);
    // A job failing while the database is down goes back to the queue uncharged; only one whose
    // error raced with the restart (the probe already succeeds) spends one of its five attempts.
    const jobs = await queues.articles.getJobs(['completed']);
    expect(jobs).toHaveLength(site.stories.length);
    expect(jobs.filter((j) => j.attemptsMade > 2).map((j) => j.id)).toEqual([]);
  }, 60_000);
});
