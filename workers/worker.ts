import { UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { LlmError } from '../src/extract/llm/errors.js';
import { pollSource } from '../src/pipeline/poll-source.js';
import { processArticle } from '../src/pipeline/process-article.js';
import { markFailed } from '../src/store/articles.js';
import { pingDatabase } from '../src/store/health.js';
import { refreshReferenceRates } from '../src/fx/refresh.js';
import type { PipelineDeps } from '../src/pipeline/deps.js';
import {
  ARTICLES_QUEUE,
  MAINTENANCE_QUEUE,
  SOURCES_QUEUE,
  enqueueArticles,
  type PollSourceJob,
  type ProcessArticleJob,
  type Queues,
} from '../src/queue/queues.js';

export interface Workers {
  sources: Worker<PollSourceJob>;
  articles: Worker<ProcessArticleJob>;
  maintenance: Worker;
  /** Stop taking jobs and wait for the running ones (graceful shutdown). */
  close(): Promise<void>;
}

const DATABASE_DOWN_PAUSE_MS = 2000;

/** A cheap probe, bounded in time so a hung server cannot hold the job. */
async function databaseReachable(deps: PipelineDeps): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 3000)));
  const probe = pingDatabase(deps.db).then(
    () => true,
    () => false,
  );
  return Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
}

// Workers only wire queues to the stage functions in src/pipeline; no pipeline logic lives here.
export function startWorkers(
  deps: PipelineDeps,
  queues: Queues,
  connection: ConnectionOptions,
  prefix: string,
  concurrency = deps.config.WORKER_CONCURRENCY,
): Workers {
  // A job whose worker died (kill -9, OOM, lost host) is re-run once its lock expires.
  const lockOptions = { lockDuration: deps.config.WORKER_LOCK_MS, stalledInterval: deps.config.WORKER_STALLED_INTERVAL_MS };
  const sources = new Worker<PollSourceJob>(
    SOURCES_QUEUE,
    async (job) => {
      const result = await pollSource(deps, job.data.sourceId);
      await enqueueArticles(queues, result.pendingArticleIds); // job ids make re-queueing a no-op
      return result;
    },
    { connection, prefix, concurrency: 1, ...lockOptions },
  );
  const articles = new Worker<ProcessArticleJob>(
    ARTICLES_QUEUE,
    async (job) =>
      processArticle(deps, job.data.articleId).catch(async (err: Error) => {
        // An LLM error that another attempt cannot fix (bad request, refusal) fails the job now
        // instead of spending the remaining attempts; a later `ingest` retries the article.
        if (err instanceof LlmError && !err.retryable) throw new UnrecoverableError(err.message);
        // With the database down every job would fail and a long outage would use up all their
        // attempts: instead pause the queue and put the job back without counting an attempt.
        if (!(await databaseReachable(deps))) {
          deps.log.warn({ articleId: job.data.articleId, err: err.message }, 'database unreachable: pausing article jobs');
          await queues.articles.rateLimit(DATABASE_DOWN_PAUSE_MS);
          throw Worker.RateLimitError();
        }
        throw err;
      }),
    { connection, prefix, concurrency, ...lockOptions },
  );
  articles.on('failed', (job: Job<ProcessArticleJob> | undefined, err: Error) => {
    if (!job) return;
    const final = err instanceof UnrecoverableError || job.attemptsMade >= (job.opts.attempts ?? 1);
    deps.log.warn({ articleId: job.data.articleId, attempt: job.attemptsMade, final, err: err.message }, 'article job failed');
    // After the last attempt the error is recorded on the article, where operators can see it.
    if (final) void markFailed(deps.db, job.data.articleId, err.message).catch(() => {});
  });
  // Housekeeping jobs: only the exchange-rate refresh so far.
  const maintenance = new Worker(MAINTENANCE_QUEUE, async () => refreshReferenceRates(deps), {
    connection,
    prefix,
    concurrency: 1,
    ...lockOptions,
  });
  maintenance.on('failed', (_job, err: Error) =>
    deps.log.warn({ err: err.message }, 'exchange-rate refresh failed: the stored or bundled rates stay in use'),
  );
  for (const w of [sources, articles, maintenance]) {
    w.on('error', (err: Error) => deps.log.error({ worker: w.name, err: err.message }, 'worker error'));
  }
  return {
    sources,
    articles,
    maintenance,
    close: async () => {
      await Promise.all([sources.close(), articles.close(), maintenance.close()]);
    },
  };
}
