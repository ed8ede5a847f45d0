import type { Command } from 'commander';
import { createApp } from '../../app.js';
import { formatOnceSummary, ingestOnce } from '../../pipeline/run-once.js';
import { createQueues, requeueArticles } from '../../queue/queues.js';
import { connectRedis } from '../../redis.js';
import { articlesToRun } from '../../store/articles.js';
import { listSources } from '../../store/sources.js';
import { printJson } from '../io.js';
import { progressBar } from '../progress.js';

/** `ingest`: inline with --once, else through the queues to the running workers. */
export function register(program: Command): void {
  program
    .command('ingest')
    .description('poll every source now')
    .option('--once', 'run every stage inline in this process (no Redis needed) and exit')
    .option('--json', 'print the summary as JSON')
    .action(async (o: { once?: boolean; json?: boolean }) => {
      const app = await createApp();
      try {
        if (o.once) {
          const bar = progressBar();
          const summary = await ingestOnce(app, { onProgress: bar.update });
          bar.stop();
          if (o.json) printJson(summary);
          else process.stdout.write(`${formatOnceSummary(summary)}\n`);
          return;
        }
        // Without --once, hand the work to the running workers through the queue.
        const redis = await connectRedis(app.config.REDIS_URL);
        const queues = createQueues(redis, app.config.QUEUE_PREFIX);
        try {
          const rows = await listSources(app.db, { enabledOnly: true });
          await queues.sources.addBulk(rows.map((s) => ({ name: 'poll', data: { sourceId: s.id } })));
          // Unfinished and failed articles run again (failed ones get a fresh set of attempts).
          const rerun = await articlesToRun(app.db, { includeFailed: true });
          await requeueArticles(queues, rerun);
          process.stdout.write(`queued ${rows.length} sources and ${rerun.length} unfinished or failed articles\n`);
        } finally {
          await queues.close();
          redis.disconnect();
        }
      } finally {
        await app.close();
      }
    });
}
