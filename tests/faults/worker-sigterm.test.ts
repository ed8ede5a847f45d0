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

it('SIGTERM: running jobs finish, the process exits 0 and nothing is left active or lost', async () => {
  const site = await f.newSource(16, 'g');
  const first = f.worker();
  const inFlight = await waitFor(
    'jobs in flight',
    async () => {
      const active = await f.activeArticleJobs();
      return active.length >= 2 ? active : null;
    },
    30_000,
    50,
  );
  first.proc.kill('SIGTERM');
  expect(await first.exited(20_000)).toBe(0);
  // The jobs running at the signal were finished, not abandoned.
  const statuses = await f.t.db.selectFrom('articles').select('status').where('id', 'in', inFlight).execute();
  expect(statuses.map((s) => s.status)).toEqual(inFlight.map(() => 'extracted'));
  expect(await f.queues.articles.getActiveCount()).toBe(0);
  const left = await f.queues.articles.getWaitingCount();
  expect(left).toBeGreaterThan(0); // stopped before the end: the rest must still be queued

  // Another worker finishes the rest.
  f.worker();
  await waitUntilSettled(f.t.db, f.queues, site.stories.length, 40_000, f.logs);
  await expectExactlyOnce(f.t.db, site.stories);
}, 60_000);
