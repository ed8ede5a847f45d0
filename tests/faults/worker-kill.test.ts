import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor } from '../helpers/processes.js';
import { expectExactlyOnce, waitUntilSettled } from '../helpers/exactly-once.js';
import { startWorkerFixture, type WorkerFixture } from '../helpers/worker-fixture.js';

let f: WorkerFixture;
beforeAll(async () => {
  f = await startWorkerFixture();
});
afterAll(async () => {
  await f?.cleanup();
});

it('kill -9 mid-job: a second worker recovers the stalled jobs and every article is extracted exactly once', async () => {
  const site = await f.newSource(20, 'k');
  const first = f.worker();
  // Strike once some articles are done and others are in the middle of their LLM call.
  const inFlight = await waitFor(
    'jobs in flight after some committed',
    async () => {
      const done = await f.t.db.selectFrom('extractions').select('id').execute();
      const active = await f.activeArticleJobs();
      return done.length >= 2 && active.length >= 2 ? active : null;
    },
    30_000,
    50,
  );
  first.proc.kill('SIGKILL');
  expect(await first.exited()).toBeNull(); // killed by the signal, no chance to clean up
  const extracted = await f.t.db.selectFrom('articles').select('id').where('status', '=', 'extracted').execute();
  expect(extracted.length).toBeLessThan(site.stories.length);
  // The dead worker's jobs are still marked active in Redis, under a lock nobody renews.
  expect((await f.activeArticleJobs()).some((id) => inFlight.includes(id))).toBe(true);

  f.worker();
  await waitUntilSettled(f.t.db, f.queues, site.stories.length, 40_000, f.logs);
  await expectExactlyOnce(f.t.db, site.stories);
  expect((await f.queues.articles.getJobCounts('failed')).failed).toBe(0);
}, 60_000);
