import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/web/server.js';
import { insertDeal, insertItem } from '../review/fixtures.js';
import { launchBrowser } from './browser.js';

const TOKEN = 'e2e-admin-token-abcdefgh';
const SHOTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../__screenshots__');

let t: TestDb;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = await createTestDb();
  app = await buildServer({ db: t.db, config: loadConfig({ ADMIN_TOKEN: TOKEN, NODE_ENV: 'test' }) });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.drop();
});

describe('review UI in a browser', () => {
  // ~12 s on an idle 2-core machine; a real browser on a shared, loaded machine needs headroom.
  it('logs in, reviews an item, edits a deal and shows the deal page', { timeout: 90_000 }, async () => {
    const text =
      'Berlin-based Lumen Robotics has raised €12 million in a Series A round led by Northstar Ventures, with participation from Alpine Capital. ' +
      'The company builds warehouse robots. <script>alert("xss")</script> CEO Jana Meyer said the funding will expand its team.';
    const { dealId, articleIds } = await insertDeal(t.db, {
      company: 'Lumen Robotics',
      round: 'seed',
      amount: { value: 12_000_000, currency: 'EUR', usd: 13_000_000 },
      investors: [{ name: 'Northstar Ventures', lead: true }, { name: 'Alpine Capital' }],
      sources: [
        { text, title: 'Lumen Robotics raises €12M Series A', quote: 'has raised €12 million in a Series A round' },
        { title: 'Lumen lands €12M' },
      ],
    });
    const itemId = await insertItem(t.db, {
      kind: 'conflict',
      dealId,
      articleId: articleIds[0],
      reason: 'round: article says Series A, extraction says seed',
      payload: { evidence: [{ field: 'investors', quote: 'led by Northstar Ventures' }] },
    });
    await insertItem(t.db, { kind: 'low_confidence', dealId: (await insertDeal(t.db, { company: 'Quiet Labs' })).dealId });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(10_000);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await page.goto(`${base}/review`);
      expect(new URL(page.url()).pathname).toBe('/login');
      await page.screenshot({ path: path.join(SHOTS, '01-login.png') });
      await page.fill('input[name=token]', TOKEN);
      await Promise.all([page.waitForURL(`${base}/review`), page.click('button:has-text("Log in")')]);
      await page.screenshot({ path: path.join(SHOTS, '02-queue.png') });
      expect(await page.textContent('h1')).toContain('Open review items');

      await Promise.all([page.waitForURL(`${base}/review/${itemId}`), page.click(`a[href="/review/${itemId}"]`)]);
      const marks = await page.locator('.article mark').allTextContents();
      expect(marks).toEqual(['has raised €12 million in a Series A round', 'led by Northstar Ventures']);
      expect(await page.locator('.article').textContent()).toContain('<script>alert("xss")</script>');
      await page.screenshot({ path: path.join(SHOTS, '03-item.png'), fullPage: true });

      await page.selectOption('form[action$="/edit"] select[name=round]', 'series_a');
      await Promise.all([page.waitForURL(/done=/), page.click('button:has-text("Save changes")')]);
      expect(await page.textContent('.flash')).toContain('Saved: round.');

      await Promise.all([page.waitForURL(/done=Approved/), page.click('button:has-text("Approve")')]);
      expect(await page.textContent('h1')).toContain('approved');

      await page.goto(`${base}/deals/${dealId}`);
      await page.fill('form[action$="/edit"] input[name=amount_value]', '12500000');
      await Promise.all([page.waitForURL(/done=/), page.click('button:has-text("Save changes")')]);
      expect(await page.textContent('.flash')).toContain('Saved: amount.');
      const body = (await page.textContent('body')) ?? '';
      expect(body).toContain('series_a');
      expect(body).toContain('EUR 12,500,000');
      expect(body).toContain('Northstar Ventures');
      await page.screenshot({ path: path.join(SHOTS, '04-deal.png'), fullPage: true });
      expect(dialogs).toEqual([]); // the article's <script> never ran
    } finally {
      await page.close();
    }
    const deal = await t.db
      .selectFrom('deals')
      .select(['round', 'amount_value', 'amount_usd'])
      .where('id', '=', dealId)
      .executeTakeFirstOrThrow();
    expect(deal).toEqual({ round: 'series_a', amount_value: 12_500_000, amount_usd: 13_541_666.67 });
    expect((await t.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((a) => a.action)).toEqual([
      'edit',
      'approve',
      'edit',
    ]);
  });
});
