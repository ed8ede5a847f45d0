import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { deleteRedisPrefix, testQueuePrefix } from '../helpers/redis.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/web/server.js';
import { insertDeal, insertItem } from '../review/fixtures.js';
import { launchBrowser } from './browser.js';

// Every page an analyst uses, in a real browser, with a screenshot of each in tests/__screenshots__
// (the test artifacts) and no Content-Security-Policy violation or script error on any of them.
const TOKEN = 'e2e-analyst-token-abcdefgh';
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../__screenshots__');
const prefix = testQueuePrefix();

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue('articles', { connection: redis, prefix });
  app = await buildServer({ db: t.db, config: loadConfig({ ADMIN_TOKEN: TOKEN, NODE_ENV: 'test' }), queues: [queue] });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await queue?.close();
  redis?.disconnect();
  await deleteRedisPrefix(prefix);
  await t?.drop();
});

/** Fictional deals over several weeks, regions and rounds, with one conflict pair. */
async function seed() {
  const week = (n: number) => new Date(Date.UTC(2026, 2, 30) - n * 7 * 86_400_000).toISOString().slice(0, 10);
  const names = ['Arbor', 'Brisk', 'Cinder', 'Dovetail', 'Ember', 'Fathom', 'Gable', 'Harbor', 'Isla', 'Juniper', 'Kestrel', 'Lattice'];
  const rounds = ['seed', 'series_a', 'series_b', 'series_a', 'debt', 'seed'];
  const countries: Array<[string, string]> = [
    ['DE', 'europe'],
    ['US', 'north_america'],
    ['IN', 'asia'],
    ['KE', 'africa'],
  ];
  for (let i = 0; i < names.length; i++) {
    const [country, region] = countries[i % countries.length]!;
    const usd = (i + 1) * 3_500_000;
    const { dealId } = await insertDeal(t.db, {
      company: `${names[i]} Systems`,
      country,
      round: rounds[i % rounds.length],
      amount: { value: usd, currency: 'USD', usd },
      announced_on: week(i % 8),
      investors: [{ name: i % 3 === 0 ? 'Harrow Peak Ventures' : 'Moorland Capital', lead: true }, { name: 'Saltmarsh Angels' }],
    });
    await t.db.updateTable('deals').set({ region }).where('id', '=', dealId).execute();
  }
  const a = await insertDeal(t.db, {
    company: 'Corvane Health',
    round: 'series_b',
    amount: { value: 42_000_000, currency: 'USD', usd: 42_000_000 },
    announced_on: week(1),
    sources: [{ quote: 'Corvane Health raised $42 million in a Series B round', title: 'Corvane Health raises $42M' }],
  });
  const b = await insertDeal(t.db, {
    company: 'Corvane Health',
    round: 'series_b',
    amount: { value: 55_000_000, currency: 'USD', usd: 55_000_000 },
    announced_on: week(1),
    sources: [{ quote: 'Corvane Health closed a $55 million Series B', title: 'Corvane closes $55M Series B' }],
  });
  await t.db.updateTable('deals').set({ needs_review: true }).where('id', '=', b.dealId).execute();
  const conflict = await insertItem(t.db, {
    kind: 'conflict',
    dealId: b.dealId,
    articleId: b.articleIds[0],
    reason: 'figures conflict with another report of this deal',
    payload: { dealIds: [a.dealId, b.dealId], reasons: ['same company', 'same round', 'amounts far apart'] },
  });
  return { a: a.dealId, b: b.dealId, conflict };
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

describe('analyst pages in a browser', () => {
  it('dashboard, deals, conflict, merge search, edit error, audit, queues and company pages render cleanly', {
    timeout: 120_000,
  }, async () => {
    const { a, b, conflict } = await seed();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    const problems: string[] = [];
    page.on('console', (m) => {
      // The invalid edit below is answered 400 on purpose; anything else logged as an error is a problem.
      if (m.type() === 'error' && !m.text().includes('status of 400')) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    try {
      await page.goto(`${base}/login`);
      await page.fill('input[name=token]', TOKEN);
      await Promise.all([page.waitForURL(`${base}/`), page.click('button:has-text("Log in")')]);

      expect(await page.locator('figure.chart svg rect').count()).toBeGreaterThan(10);
      expect(await page.locator('figure.chart figcaption').allTextContents()).toEqual([
        'Deals per week by region',
        'USD volume per week by region',
        'Deals per week by round',
        'USD volume per week by round',
      ]);
      expect(await page.textContent('body')).toContain('Harrow Peak Ventures');
      await shoot(page, '10-dashboard.png');

      await page.goto(`${base}/deals`);
      expect(await page.locator('th', { hasText: 'Status' }).count()).toBe(1);
      expect(await page.locator('.pill.warn', { hasText: 'needs review' }).count()).toBe(1);
      await shoot(page, '11-deals.png');

      await page.goto(`${base}/review/${conflict}`);
      expect(await page.locator('h2', { hasText: 'Side by side' }).count()).toBe(1);
      expect(await page.locator('tr', { hasText: 'Amount' }).first().textContent()).toContain('differs');
      await shoot(page, '12-conflict.png');

      // Keyboard: "m" focuses the merge search; type a name and submit.
      await page.keyboard.press('m');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Corvane');
      await Promise.all([page.waitForURL(/\/merge\?/), page.keyboard.press('Enter')]);
      expect(await page.locator('td', { hasText: 'Corvane Health' }).count()).toBeGreaterThan(0);
      await shoot(page, '13-merge-search.png');
      await Promise.all([page.waitForURL(new RegExp(`/deals/${a}\\?done=`)), page.click('button:has-text("Merge into this deal")')]);
      expect(await page.textContent('.flash')).toContain(`Merged deal #${b} into #${a}`);

      // The browser's own checks (pattern, maxlength) would stop this input; the server must catch it too.
      await page.locator('form#edit input[name=country]').evaluate((el) => {
        el.removeAttribute('pattern');
        el.removeAttribute('maxlength');
      });
      await page.fill('form#edit input[name=country]', 'Germany');
      await Promise.all([page.waitForURL(new RegExp(`/deals/${a}/edit$`)), page.click('button:has-text("Save changes")')]);
      expect(await page.textContent('form#edit .flash.error')).toContain('country must be an ISO 3166-1 alpha-2 code');
      expect(await page.inputValue('form#edit input[name=country]')).toBe('Germany');
      await shoot(page, '14-edit-error.png');

      await page.goto(`${base}/audit`);
      expect(await page.locator('.changes li').count()).toBeGreaterThan(0);
      await shoot(page, '15-audit.png');

      await page.goto(`${base}/admin/queues`);
      await page.waitForSelector('text=articles');
      // Evaluated in the page (a string, since this file is type-checked without the DOM library).
      const fontsLoaded = await page.evaluate(
        `document.fonts.load('12px "IBM Plex Sans"').then(() => document.fonts.check('12px "IBM Plex Sans"'))`,
      );
      expect(fontsLoaded).toBe(true);
      await shoot(page, '16-queues.png');

      // The company page: names, funding timeline, and a company merge chosen by name search.
      const { company_id: companyA } = await t.db.selectFrom('deals').select('company_id').where('id', '=', a).executeTakeFirstOrThrow();
      await page.goto(`${base}/deals/${a}`);
      await Promise.all([page.waitForURL(`${base}/companies/${companyA}`), page.click(`h1 a[href="/companies/${companyA}"]`)]);
      expect(await page.locator('h2', { hasText: 'Funding timeline' }).count()).toBe(1);
      expect(
        await page
          .locator('tr', { hasText: `#${a}` })
          .first()
          .textContent(),
      ).toContain('series b');
      await shoot(page, '17-company.png');
      await page.fill(`form[action="/companies/${companyA}/merge"] input[name=q]`, 'Corvane');
      await Promise.all([page.waitForURL(/\/companies\/\d+\/merge\?/), page.click('button:has-text("Find companies")')]);
      await shoot(page, '18-company-merge.png');
      await Promise.all([
        page.waitForURL(new RegExp(`/companies/${companyA}\\?done=`)),
        page.click('button:has-text("Merge this into Corvane Health")'),
      ]);
      expect(await page.textContent('.flash')).toContain(`into #${companyA}`);

      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
