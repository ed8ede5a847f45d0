import { expect } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.js';
import type { Queues } from '../../src/queue/queues.js';
import type { NewsStory } from './news-site.js';
import { waitFor } from './processes.js';

/** Article statuses by count, e.g. { extracted: 20, pending: 4 }. */
export async function statusCounts(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('articles')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Wait until `total` articles exist and none is pending or parsed, and no article job is queued or running. */
export async function waitUntilSettled(
  db: Db,
  queues: Queues,
  total: number,
  timeoutMs: number,
  describe: () => string = () => '',
): Promise<void> {
  await waitFor(
    `${total} articles to settle`,
    async () => {
      const counts = await statusCounts(db);
      const finished = (counts.extracted ?? 0) + (counts.duplicate ?? 0) + (counts.failed ?? 0);
      if (finished !== total || Object.values(counts).reduce((a, b) => a + b, 0) !== total) return false;
      const jobs = await queues.articles.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
      return Object.values(jobs).every((n) => n === 0);
    },
    timeoutMs,
    200,
  ).catch(async (err: Error) => {
    throw new Error(`${err.message}\nstatuses: ${JSON.stringify(await statusCounts(db))}\n${describe()}`);
  });
}

/**
 * The end state every fault test demands: each story's article extracted with exactly one
 * extraction row, exactly one deal per story's company (no duplicates, none missing), and exactly
 * one deal_sources link per article.
 */
export async function expectExactlyOnce(db: Db, stories: NewsStory[]): Promise<void> {
  const articles = await db.selectFrom('articles').select(['id', 'url', 'status', 'error']).execute();
  expect(articles).toHaveLength(stories.length);
  expect(articles.filter((a) => a.status !== 'extracted')).toEqual([]);

  const perArticle = await db
    .selectFrom('extractions')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('article_id')
    .execute();
  expect(perArticle).toHaveLength(stories.length);
  expect(perArticle.filter((r) => Number(r.n) !== 1)).toEqual([]);

  const deals = await db
    .selectFrom('deals')
    .innerJoin('companies', 'companies.id', 'deals.company_id')
    .select(['deals.id', 'companies.name', 'deals.amount_value'])
    .where('deals.merged_into', 'is', null)
    .execute();
  const got = deals.map((d) => `${d.name}=${d.amount_value}`).sort();
  const want = stories.map((s) => `${s.company}=${s.amountMillions * 1_000_000}`).sort();
  expect(got).toEqual(want);

  const links = await db
    .selectFrom('deal_sources')
    .select(['article_id', sql<number>`count(*)`.as('n'), sql<number>`count(distinct deal_id)`.as('deals')])
    .groupBy('article_id')
    .execute();
  expect(links).toHaveLength(stories.length);
  expect(links.filter((l) => Number(l.n) !== 1 || Number(l.deals) !== 1)).toEqual([]);
}
