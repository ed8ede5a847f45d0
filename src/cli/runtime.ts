import type { FastifyInstance } from 'fastify';
import { createApp, type App } from '../app.js';
import { connectRedis } from '../redis.js';
import { startDemoSite, type DemoSite } from '../demo/site.js';
import { addSource } from '../pipeline/add-source.js';
import { articlesToRun } from '../store/articles.js';
import { listSources, sourceProgress } from '../store/sources.js';
import { resolveAdminToken } from '../web/auth.js';
import { buildServer } from '../web/server.js';
import {
  createQueues,
  requeueArticles,
  type StartWorkers,
  syncFxScheduler,
  syncSourceSchedulers,
  type Queues,
  type Workers,
} from '../queue/queues.js';
import { buildMetricsServer } from '../web/metrics-server.js';
import type { Redis } from 'ioredis';

const DEMO_SOURCE_NAME = 'dealflow demo';

export interface Runtime {
  app: App;
  redis?: Redis;
  queues?: Queues;
  workers?: Workers;
  server?: FastifyInstance;
  metricsServer?: FastifyInstance;
  demo?: DemoSite;
  demoWatch?: NodeJS.Timeout;
  schedulerTimer?: NodeJS.Timeout;
}

/** Open what a long-running command needs; every part is closed in reverse by `shutdown`. */
export async function startRuntime(
  parts: { workers: boolean; server: boolean; demo: boolean },
  wiring: { startWorkers: StartWorkers },
): Promise<Runtime> {
  const app = await createApp();
  const rt: Runtime = { app };
  try {
    rt.redis = await connectRedis(app.config.REDIS_URL);
    rt.queues = createQueues(rt.redis, app.config.QUEUE_PREFIX);
    const demo = parts.demo ? await ensureDemo(app) : undefined;
    if (demo) {
      rt.demo = demo.site;
      if (parts.workers) rt.demoWatch = watchDemoIngest(app, demo.sourceId);
    }
    if (parts.workers) {
      rt.workers = wiring.startWorkers(app, rt.queues, rt.redis, app.config.QUEUE_PREFIX);
      // Unfinished articles whose job is gone or finished without them (Redis lost its data, a
      // crash between insert and enqueue or before the failure was recorded) are queued again.
      await requeueArticles(rt.queues, await articlesToRun(app.db, { includeFailed: false }));
      const sync = async () => syncSourceSchedulers(rt.queues!, await listSources(app.db));
      await sync();
      await syncFxScheduler(rt.queues, app.config.FX_REFRESH_MS);
      // Pick up sources added or removed by the CLI or UI while running.
      rt.schedulerTimer = setInterval(
        () => void sync().catch((e: Error) => app.log.warn({ err: e.message }, 'scheduler sync failed')),
        60_000,
      );
    }
    if (parts.server) {
      const config = { ...app.config, ADMIN_TOKEN: await resolveAdminToken(app.config) };
      const server = await buildServer({
        db: app.db,
        config,
        log: app.log,
        queues: [rt.queues.sources, rt.queues.articles, rt.queues.maintenance],
        checkRedis: async () => {
          await rt.redis!.ping();
        },
      });
      rt.server = server;
      await server.listen({ host: config.HTTP_HOST, port: config.HTTP_PORT });
      const addr = server.server.address();
      const port = typeof addr === 'object' && addr ? addr.port : config.HTTP_PORT;
      const url = `http://${config.HTTP_HOST}:${port}/`;
      app.log.info({ url }, 'review UI listening');
      process.stderr.write(`\nReview UI: ${url}  (login token: ${config.ADMIN_TOKEN})\nQueues:    ${url}admin/queues\n\n`);
      if (config.METRICS_PORT !== undefined) {
        rt.metricsServer = await buildMetricsServer({
          db: app.db,
          queues: [rt.queues.sources, rt.queues.articles],
          token: config.METRICS_TOKEN,
        });
        await rt.metricsServer.listen({ host: config.METRICS_HOST, port: config.METRICS_PORT });
        app.log.info({ host: config.METRICS_HOST, port: config.METRICS_PORT }, 'metrics listening');
      }
    }
    return rt;
  } catch (err) {
    await shutdown(rt);
    throw err;
  }
}

export async function shutdown(rt: Runtime): Promise<void> {
  if (rt.schedulerTimer) clearInterval(rt.schedulerTimer);
  if (rt.demoWatch) clearInterval(rt.demoWatch);
  await rt.server?.close();
  await rt.metricsServer?.close();
  await rt.workers?.close(); // waits for running jobs to finish
  await rt.queues?.close();
  rt.redis?.disconnect();
  await rt.demo?.close();
  await rt.app.close();
}

/** Stop gracefully on SIGTERM/SIGINT: running jobs finish, nothing is left half-written. */
export function shutdownOnSignals(rt: Runtime): Promise<void> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      rt.app.log.info({ signal }, 'shutting down');
      shutdown(rt).then(resolve, (err: Error) => {
        rt.app.log.error({ err: err.message }, 'shutdown failed');
        resolve();
      });
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

/** With no sources of its own, serve the bundled sample site and ingest it (the offline demo). */
async function ensureDemo(app: App): Promise<{ site: DemoSite; sourceId: number } | undefined> {
  const sources = await listSources(app.db);
  if (sources.some((s) => s.name !== DEMO_SOURCE_NAME)) return undefined;
  const demo = await startDemoSite(app.config.DEMO_PORT);
  const source = await addSource(app, demo.feedUrl, { kind: 'rss', name: DEMO_SOURCE_NAME, allowPrivate: true, intervalMs: 5 * 60_000 });
  app.log.info({ feed: demo.feedUrl }, 'no sources configured: ingesting the bundled demo site');
  return { site: demo, sourceId: source.id };
}

/** Say once when the workers have finished the demo's articles, with what they found. */
function watchDemoIngest(app: App, sourceId: number): NodeJS.Timeout {
  const timer: NodeJS.Timeout = setInterval(() => {
    void sourceProgress(app.db, sourceId).then(
      (p) => {
        if (!p.polled || p.articles === 0 || p.unfinished > 0) return;
        clearInterval(timer);
        app.log.info({ articles: p.articles, deals: p.deals, reviewItems: p.reviewItems }, 'demo ingest done');
        process.stderr.write(`Demo ingest done: ${p.articles} articles, ${p.deals} deals, ${p.reviewItems} review items.\n`);
      },
      (err: Error) => app.log.debug({ err: err.message }, 'demo progress check failed'),
    );
  }, 1000);
  timer.unref();
  return timer;
}
