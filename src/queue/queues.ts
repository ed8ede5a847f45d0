import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import type { PipelineDeps } from '../pipeline/deps.js';

export const SOURCES_QUEUE = 'sources';
export const ARTICLES_QUEUE = 'articles';
export const MAINTENANCE_QUEUE = 'maintenance';
export const FX_REFRESH_JOB = 'fx-refresh';

export interface PollSourceJob {
  sourceId: number;
}
export interface ProcessArticleJob {
  articleId: number;
}

/** Running queue consumers; only closing them is needed by whoever started them. */
export interface Workers {
  /** Stop taking jobs and wait for the running ones (graceful shutdown). */
  close(): Promise<void>;
}

/**
 * Starts the consumers of these queues. The implementation lives in workers/ and is handed in by
 * the composition root (bin/main.ts), so src/ never imports workers/.
 */
export type StartWorkers = (deps: PipelineDeps, queues: Queues, connection: ConnectionOptions, prefix: string) => Workers;

export interface Queues {
  sources: Queue<PollSourceJob>;
  articles: Queue<ProcessArticleJob>;
  /** Periodic housekeeping (exchange-rate refresh); one scheduler shared by every worker process. */
  maintenance: Queue;
  close(): Promise<void>;
}

// Failed jobs are retried with backoff and kept for inspection in bull-board; completed ones trimmed.
const defaultJobOptions: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 5000 },
};

export function createQueues(connection: ConnectionOptions, prefix: string): Queues {
  const sources = new Queue<PollSourceJob>(SOURCES_QUEUE, { connection, prefix, defaultJobOptions });
  const articles = new Queue<ProcessArticleJob>(ARTICLES_QUEUE, { connection, prefix, defaultJobOptions });
  const maintenance = new Queue(MAINTENANCE_QUEUE, { connection, prefix, defaultJobOptions: { ...defaultJobOptions, attempts: 3 } });
  return {
    sources,
    articles,
    maintenance,
    close: async () => {
      await Promise.all([sources.close(), articles.close(), maintenance.close()]);
    },
  };
}

/** One job per article id: re-discovering an article never processes it twice. */
export function articleJobId(articleId: number): string {
  return `article-${articleId}`;
}

export async function enqueueArticles(queues: Queues, articleIds: number[]): Promise<void> {
  if (articleIds.length === 0) return;
  await queues.articles.addBulk(
    articleIds.map((articleId) => ({ name: 'process', data: { articleId }, opts: { jobId: articleJobId(articleId) } })),
  );
}

/**
 * Queue articles that should run again (pending, stranded or failed in the database). A finished
 * job under the same id would make the add a silent no-op, so it is removed first; waiting or
 * active jobs are left alone, which keeps this safe to call at any time.
 */
export async function requeueArticles(queues: Queues, articleIds: number[]): Promise<void> {
  for (const articleId of articleIds) {
    const job = await queues.articles.getJob(articleJobId(articleId));
    if (!job) continue;
    const state = await job.getState();
    if (state === 'failed' || state === 'completed') await job.remove();
  }
  await enqueueArticles(queues, articleIds);
}

/** One job scheduler per enabled source; schedulers of removed or disabled sources are deleted. */
export async function syncSourceSchedulers(
  queues: Queues,
  sources: Array<{ id: number; interval_ms: number; enabled: boolean }>,
): Promise<void> {
  const wanted = new Map(sources.filter((s) => s.enabled).map((s) => [`source-${s.id}`, s]));
  for (const [id, s] of wanted) {
    await queues.sources.upsertJobScheduler(id, { every: s.interval_ms }, { name: 'poll', data: { sourceId: s.id } });
  }
  for (const existing of await queues.sources.getJobSchedulers(0, -1)) {
    if (existing.key && !wanted.has(existing.key)) await queues.sources.removeJobScheduler(existing.key);
  }
}

/** The exchange-rate refresh runs every `everyMs` (BullMQ runs an every-scheduler once right away); 0 removes the scheduler. */
export async function syncFxScheduler(queues: Queues, everyMs: number): Promise<void> {
  if (everyMs <= 0) {
    await queues.maintenance.removeJobScheduler(FX_REFRESH_JOB);
    return;
  }
  await queues.maintenance.upsertJobScheduler(FX_REFRESH_JOB, { every: everyMs }, { name: FX_REFRESH_JOB });
}
