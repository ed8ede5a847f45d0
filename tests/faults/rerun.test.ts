import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { testDeps } from '../helpers/app.js';
import { headlineDeals, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { startNewsSite, type NewsSite } from '../helpers/news-site.js';
import { expectExactlyOnce } from '../helpers/exactly-once.js';
import { addSource } from '../../src/pipeline/add-source.js';
import { pollSource } from '../../src/pipeline/poll-source.js';
import { processArticle } from '../../src/pipeline/process-article.js';
import { markArticle } from '../../src/store/articles.js';

// A job re-run after a crash lands between any two of processArticle's commits. These tests put
// the database in each of those in-between states and check the re-run completes without a second
// extraction row, a second LLM call or a duplicate deal.
describe('processArticle re-run after a crash between its commits', () => {
  let t: TestDb;
  let llm: FakeOpenAI;
  let site: NewsSite;
  let deps: ReturnType<typeof testDeps>;
  let ids: number[];
  let gate: { arrive(): Promise<void> } | null = null;

  /** Releases every waiter once `n` have arrived (or after a safety timeout, which fails the race check). */
  function barrier(n: number) {
    let arrived = 0;
    let open!: () => void;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    const timer = setTimeout(open, 20_000);
    return {
      arrive() {
        arrived += 1;
        if (arrived >= n) {
          clearTimeout(timer);
          open();
        }
        return opened;
      },
    };
  }

  beforeAll(async () => {
    t = await createTestDb();
    // While a gate is set, each model request waits for it: the concurrent-attempts test opens it
    // only once both attempts have asked, so neither can find the other's answer in the cache.
    llm = await startFakeOpenAI(async (req, i) => {
      await gate?.arrive();
      return headlineDeals(req, i);
    });
    site = await startNewsSite(3, 'r');
    deps = testDeps(t.db, { OPENAI_API_KEY: 'test', OPENAI_BASE_URL: llm.baseURL });
    const source = await addSource(deps, site.feedUrl, { kind: 'rss', allowPrivate: true });
    ids = (await pollSource(deps, source.id)).pendingArticleIds;
    expect(ids).toHaveLength(3);
  });
  afterAll(async () => {
    await deps?.close();
    await site?.close();
    await llm?.close();
    await t?.drop();
  });

  it('extraction committed but no deals saved: the re-run saves the deals from the stored extraction', async () => {
    const id = ids[0]!;
    expect(await processArticle(deps, id)).toMatchObject({ status: 'extracted', deals: 1 });
    const calls = llm.requests.length;
    // Roll the article back to "extraction stored, deal transaction never committed".
    const deal = await t.db.selectFrom('deal_sources').select('deal_id').where('article_id', '=', id).executeTakeFirstOrThrow();
    await t.db.deleteFrom('deals').where('id', '=', deal.deal_id).execute();
    await markArticle(t.db, id, { status: 'parsed' });

    expect(await processArticle(deps, id)).toMatchObject({ status: 'extracted', deals: 1 });
    expect(llm.requests.length).toBe(calls); // the stored answer was reused, not paid for again
  });

  it('deals saved but the article not yet marked: the re-run adds nothing', async () => {
    const id = ids[1]!;
    await processArticle(deps, id);
    const calls = llm.requests.length;
    await markArticle(t.db, id, { status: 'parsed' });
    expect(await processArticle(deps, id)).toMatchObject({ status: 'extracted', deals: 1 });
    expect(llm.requests.length).toBe(calls);
  });

  it('two attempts of one article at once (a stalled job re-run while the first lives) store one extraction', async () => {
    const calls = llm.requests.length;
    gate = barrier(2);
    const outcomes = await Promise.all([processArticle(deps, ids[2]!), processArticle(deps, ids[2]!)]).finally(() => {
      gate = null;
    });
    expect(outcomes.map((o) => o.status)).toEqual(['extracted', 'extracted']);
    expect(llm.requests.length - calls).toBe(2); // both really extracted: the race happened
    // Both report the one stored extraction; only one of them created the deal and its review items.
    const { created: c0, reviewItems: r0, ...first } = outcomes[0] as Extract<(typeof outcomes)[0], { status: 'extracted' }>;
    const { created: c1, reviewItems: r1, ...second } = outcomes[1] as Extract<(typeof outcomes)[1], { status: 'extracted' }>;
    expect(first).toEqual(second);
    expect(c0 + c1).toBe(1);
    expect(Math.min(r0, r1)).toBe(0);
    await expectExactlyOnce(t.db, site.stories);
  });
});
