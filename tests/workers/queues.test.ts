import { afterAll, describe, expect, it } from 'vitest';
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { deleteRedisPrefix, testQueuePrefix } from '../helpers/redis.js';
import { ARTICLES_QUEUE, articleJobId, createQueues, enqueueArticles, requeueArticles } from '../../src/queue/queues.js';

const prefix = testQueuePrefix();
const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
const queues = createQueues(redis, prefix);

afterAll(async () => {
  await queues.close();
  redis.disconnect();
  await deleteRedisPrefix(prefix);
});

describe('article queue', () => {
  it('keeps one job per article however often it is enqueued', async () => {
    await enqueueArticles(queues, [1, 1, 2]);
    await enqueueArticles(queues, [2]);
    expect((await queues.articles.getWaiting()).map((j) => j.id).sort()).toEqual([articleJobId(1), articleJobId(2)]);
  });

  it('requeues articles whose job already finished, leaving waiting ones alone', async () => {
    const seen: number[] = [];
    const worker = new Worker(
      ARTICLES_QUEUE,
      async (job) => {
        seen.push(job.data.articleId as number);
        if (job.data.articleId === 1) throw new UnrecoverableError('permanent failure');
      },
      { connection: redis, prefix, autorun: false },
    );
    const drained = new Promise<void>((resolve) => worker.on('drained', () => resolve()));
    void worker.run();
    await drained;
    await worker.close();
    expect(await queues.articles.getJobState(articleJobId(1))).toBe('failed');
    expect(await queues.articles.getJobState(articleJobId(2))).toBe('completed');

    await enqueueArticles(queues, [1, 2]); // plain enqueue: silently ignored for finished ids
    expect(await queues.articles.getWaitingCount()).toBe(0);
    await enqueueArticles(queues, [3]);
    const waiting3 = await queues.articles.getJob(articleJobId(3));
    await requeueArticles(queues, [1, 2, 3]);
    expect((await queues.articles.getWaiting()).map((j) => j.id).sort()).toEqual([1, 2, 3].map(articleJobId));
    expect((await queues.articles.getJob(articleJobId(3)))?.timestamp).toBe(waiting3?.timestamp);
    expect(seen.sort()).toEqual([1, 2]);
  });
});
