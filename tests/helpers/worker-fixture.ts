import { Redis } from 'ioredis';
import { createTestDb, type TestDb } from './db.js';
import { testDeps } from './app.js';
import { deleteRedisPrefix, testQueuePrefix } from './redis.js';
import { TEST_REDIS_URL } from './env.js';
import { headlineDeals, startFakeOpenAI, type FakeOpenAI } from './fake-openai.js';
import { startNewsSite, type NewsSite } from './news-site.js';
import { spawnWorker, workerEnv, type Child } from './processes.js';
import { addSource } from '../../src/pipeline/add-source.js';
import { createQueues, type Queues } from '../../src/queue/queues.js';

/**
 * Shared machinery for tests that run real `dealflow worker` processes: a test database, the
 * shared Redis under a unique prefix, a slow fake LLM (300 ms, so jobs are in flight when the test
 * strikes) and news sites to ingest. `cleanup` stops every child and removes everything.
 */
export interface WorkerFixture {
  t: TestDb;
  queues: Queues;
  sites: NewsSite[];
  /** Start one more worker process. */
  worker(): Child;
  /** Serve `count` new stories and register their feed as a source. */
  newSource(count: number, tag: string): Promise<NewsSite>;
  /** Article ids whose jobs are active in Redis right now. */
  activeArticleJobs(): Promise<number[]>;
  /** Every worker's output, for failure messages. */
  logs(): string;
  cleanup(): Promise<void>;
}

export async function startWorkerFixture(): Promise<WorkerFixture> {
  const prefix = testQueuePrefix();
  const t = await createTestDb();
  const llm: FakeOpenAI = await startFakeOpenAI(headlineDeals, { latencyMs: 300 });
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  const queues = createQueues(redis, prefix);
  const sites: NewsSite[] = [];
  const children: Child[] = [];
  return {
    t,
    queues,
    sites,
    worker: () => {
      const child = spawnWorker(workerEnv({ databaseUrl: t.url, redisUrl: TEST_REDIS_URL, prefix, llmBaseURL: llm.baseURL }));
      children.push(child);
      return child;
    },
    newSource: async (count, tag) => {
      const site = await startNewsSite(count, tag);
      sites.push(site);
      const deps = testDeps(t.db);
      await addSource(deps, site.feedUrl, { kind: 'rss', allowPrivate: true }).finally(() => deps.close());
      return site;
    },
    activeArticleJobs: async () => (await queues.articles.getActive()).map((j) => j.data.articleId),
    logs: () => children.map((c, i) => `--- worker ${i} (pid ${c.proc.pid}) ---\n${c.output()}`).join('\n'),
    cleanup: async () => {
      await Promise.all(children.map((c) => c.stop()));
      await queues.close();
      redis.disconnect();
      await deleteRedisPrefix(prefix);
      await Promise.all(sites.map((s) => s.close()));
      await llm.close();
      await t.drop();
    },
  };
}
