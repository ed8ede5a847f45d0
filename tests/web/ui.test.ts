import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { deleteRedisPrefix, testQueuePrefix } from '../helpers/redis.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/web/server.js';
import { editDeal } from '../../src/review/actions.js';
import { formatUsd, pivotWeeks, weekStarts } from '../../src/web/charts.js';
import { exportDeals } from '../../src/export/deals.js';
import { insertDeal, insertItem } from '../review/fixtures.js';

const TOKEN = 'test-admin-token-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };
const prefix = testQueuePrefix();
let t: TestDb;
let app: FastifyInstance;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  t = await createTestDb();
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue('sources', { connection: redis, prefix });
  app = await buildServer({ db: t.db, config: loadConfig({ ADMIN_TOKEN: TOKEN, NODE_ENV: 'test' }), queues: [queue] });
});
afterAll(async () => {
  await app?.close();
  await queue?.close();
  redis?.disconnect();
  await deleteRedisPrefix(prefix);
  await t?.drop();
});

describe('formatting helpers', () => {
  it('writes USD in a short form', () => {
    expect(formatUsd(14_891_312.03)).toBe('$14.9M');
    expect(formatUsd(2_000_000_000)).toBe('$2B');
    expect(formatUsd(850_000)).toBe('$850K');
    expect(formatUsd(125_400_000)).toBe('$125M');
    expect(formatUsd(0)).toBe('$0');
  });

  it('pivots weekly rows into stacked series with missing weeks as zero', () => {
    const weeks = weekStarts('2026-03-18', 3);
    expect(weeks).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
    const s = pivotWeeks(
      weeks,
      [
        { week: '2026-03-09', group: 'europe', deals: 2, usd: 10 },
        { week: '2026-03-16', group: 'asia', deals: 1, usd: 5 },
      ],
      'deals',
    );
    expect(s.groups).toEqual([
      { name: 'europe', values: [0, 2, 0] },
      { name: 'asia', values: [0, 0, 1] },
    ]);
  });
});

describe('analyst pages', () => {
  let flagged: number;
  let clean: number;
  let itemA: number;
  let itemB: number;

  beforeAll(async () => {
    flagged = (
      await insertDeal(t.db, {
        company: 'Quillmoor Labs',
        status: 'rumored',
        round: 'series_a',
        amount: { value: 14_000_000, currency: 'EUR', usd: 14_891_312.03 },
        announced_on: '2026-03-10',
        investors: [{ name: 'Harrow Peak Ventures', lead: true }],
      })
    ).dealId;
    clean = (
      await insertDeal(t.db, {
        company: 'Brindle Robotics',
        amount: { value: 3_000_000, currency: 'USD', usd: 3_000_000 },
        announced_on: '2026-03-17',
        investors: [{ name: 'Harrow Peak Ventures' }],
      })
    ).dealId;
    await t.db
      .updateTable('deals')
      .set({ needs_review: true, fx_rate: 1.0636651, fx_date: '2026-03-09', fx_source: 'ecb' })
      .where('id', '=', flagged)
      .execute();
    itemA = await insertItem(t.db, { dealId: flagged, reason: 'confidence 0.41 below 0.6' });
    itemB = await insertItem(t.db, { dealId: clean, kind: 'conflict', reason: 'figures disagree' });
  });

  it('the dashboard draws weekly charts by region and round and lists top investors', async () => {
    const res = await app.inject({ url: '/', headers: bearer });
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<svg viewBox/g)?.length).toBe(4);
    expect(res.body).toContain('Deals per week by region');
    expect(res.body).toContain('USD volume per week by round');
    // Bars carry their value in a tooltip: the series A week of Quillmoor (EUR converted to USD).
    expect(res.body).toContain('2026-03-09 · series_a: $14.9M');
    expect(res.body).toMatch(/<td>Harrow Peak Ventures<\/td><td class="num">2<\/td><td class="num">1<\/td><td class="num">\$17.9M<\/td>/);
  });

  it('lists show status and whether a deal awaits review, with USD in a short form', async () => {
    const res = await app.inject({ url: '/deals', headers: bearer });
    expect(res.body).toContain('<th>Status</th>');
    const row = res.body.split('<tr>').find((r) => r.includes('Quillmoor Labs'))!;
    expect(row).toContain('<span class="pill rumored">rumored</span>');
    expect(row).toContain('needs review');
    expect(row).toContain('(≈ $14.9M)');
    expect(res.body.split('<tr>').find((r) => r.includes('Brindle Robotics'))).toContain('<span class="pill ok">ok</span>');
  });

  it('the deal page shows the exchange rate, its date and source, and history as field changes', async () => {
    await editDeal(t.db, flagged, { round: 'series_b' }, 'olga');
    const res = await app.inject({ url: `/deals/${flagged}`, headers: bearer });
    expect(res.body).toContain('1 EUR = 1.06367 USD on 2026-03-09 (source: ecb)');
    expect(res.body).toContain('<b>round</b>: <span class="old">series_a</span> → <span class="new">series_b</span>');
    expect(res.body).not.toContain('{&quot;');
    const audit = await app.inject({ url: '/audit', headers: bearer });
    expect(audit.body).toContain('<b>round</b>: <span class="old">series_a</span> → <span class="new">series_b</span>');
  });

  it('an edit to another currency converts at the rate of the deal date', async () => {
    await editDeal(t.db, clean, { amount: { value: 2_000_000, currency: 'GBP' } }, 'olga');
    const row = await t.db.selectFrom('deals').select(['amount_currency', 'amount_usd']).where('id', '=', clean).executeTakeFirstOrThrow();
    expect(row.amount_currency).toBe('GBP');
    expect(row.amount_usd).toBeGreaterThan(2_000_000); // a pound buys more than a dollar
    await editDeal(t.db, clean, { amount: { value: 3_000_000, currency: 'USD' } }, 'olga');
  });

  it('empty sections say so', async () => {
    const other = (await insertDeal(t.db, { company: 'Tansy Forge', announced_on: '2026-01-05' })).dealId;
    const res = await app.inject({ url: `/deals/${other}`, headers: bearer });
    expect(res.body).toContain('No changes since the deal was created.');
  });

  it('review items offer keyboard shortcuts and a link to the next open item', async () => {
    const res = await app.inject({ url: `/review/${itemA}`, headers: bearer });
    expect(res.body).toContain('data-key="a"');
    expect(res.body).toContain('data-key="r"');
    expect(res.body).toContain(`<a href="/review/${itemB}" data-key="n">`);
    const js = await app.inject({ url: '/assets/app.js' });
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toContain('javascript');
    expect(js.body).toContain('data-key');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('the API and the exports carry needs_review and the rate behind amount_usd', async () => {
    const api = (await app.inject({ url: '/api/deals', headers: bearer })).json() as { deals: Array<Record<string, unknown>> };
    expect(api.deals.find((d) => d.id === flagged)).toMatchObject({
      needs_review: true,
      fx_rate: 1.0636651,
      fx_date: '2026-03-09',
      fx_source: 'ecb',
    });
    const chunks: string[] = [];
    const out = {
      write: (c: string) => {
        chunks.push(c);
        return true;
      },
    } as unknown as NodeJS.WritableStream;
    await exportDeals(t.db, { format: 'csv', filters: {} }, out);
    const [header, ...rows] = chunks.join('').trim().split('\r\n');
    const cols = header!.split(',');
    // Columns are only ever appended: company_id (issue 13) came after the exchange-rate columns.
    expect(cols.slice(-5)).toEqual(['needs_review', 'fx_rate', 'fx_date', 'fx_source', 'company_id']);
    const row = rows.find((r) => r.includes('Quillmoor'))!.split(',');
    expect(row[cols.indexOf('needs_review')]).toBe('true');
    const { company_id } = await t.db.selectFrom('deals').select('company_id').where('id', '=', flagged).executeTakeFirstOrThrow();
    expect(row[cols.indexOf('company_id')]).toBe(String(company_id));
    expect(row[cols.indexOf('fx_source')]).toBe('ecb');
  });
});

describe('bull-board', () => {
  it('serves its fonts locally instead of from Google Fonts', async () => {
    const res = await app.inject({ url: '/admin/queues', headers: bearer });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('fonts.googleapis.com');
    expect(res.body).toContain('/assets/fonts/fonts.css');
    const css = await app.inject({ url: '/assets/fonts/fonts.css' });
    expect(css.body).toContain("font-family: 'IBM Plex Sans'");
    const file = /url\((\/assets\/fonts\/[^)]+\.woff2)\)/.exec(css.body)![1]!;
    const font = await app.inject({ url: file });
    expect(font.statusCode).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(font.rawPayload.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect((await app.inject({ url: '/assets/fonts/..%2Fpackage.json' })).statusCode).toBe(404);
  });
});

describe('review workflow pages', () => {
  /** Log in with the token and return the cookie and a CSRF token from a page. */
  async function session(url: string) {
    const login = await app.inject({
      method: 'POST',
      url: '/login',
      payload: `token=${TOKEN}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const cookie = `df_session=${login.cookies.find((c) => c.name === 'df_session')!.value}`;
    const pageRes = await app.inject({ url, headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(pageRes.body)![1]!;
    return { cookie, csrf, body: pageRes.body };
  }
  const post = (url: string, cookie: string, form: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(form).toString(),
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    });

  it('a conflict item shows both deals side by side with the differing fields and reasons', async () => {
    const a = (
      await insertDeal(t.db, {
        company: 'Corvane Health',
        round: 'series_b',
        amount: { value: 42_000_000, currency: 'USD', usd: 42_000_000 },
        announced_on: '2026-02-02',
        sources: [{ quote: 'Corvane Health raised $42 million' }],
      })
    ).dealId;
    const b = (
      await insertDeal(t.db, {
        company: 'Corvane Health',
        round: 'series_b',
        amount: { value: 45_000_000, currency: 'USD', usd: 45_000_000 },
        announced_on: '2026-02-03',
        sources: [{ quote: 'Corvane Health raised $45 million' }],
      })
    ).dealId;
    const item = await insertItem(t.db, {
      kind: 'conflict',
      dealId: b,
      reason: 'figures conflict',
      payload: { dealIds: [a, b], reasons: ['amount differs by 7%'] },
    });
    const { body } = await session(`/review/${item}`);
    expect(body).toContain('Side by side');
    expect(body).toContain('amount differs by 7%');
    expect(body).toContain(`<a href="/deals/${a}">Deal #${a}</a>`);
    const amountRow = body.split('<tr>').find((r) => r.startsWith('<th>Amount'))!;
    expect(amountRow).toContain('differs');
    expect(amountRow).toContain('USD 42,000,000');
    expect(amountRow).toContain('USD 45,000,000');
    expect(body.split('<tr>').find((r) => r.startsWith('<th>Round'))).not.toContain('differs');
    expect(body).toContain('Corvane Health raised $45 million');
    expect(body).toContain(`Merge #${b} into #${a}`);
  });

  it('merges by searching company names, not typing ids', async () => {
    const from = (await insertDeal(t.db, { company: 'Pellucid Maps', announced_on: '2026-02-10' })).dealId;
    const into = (await insertDeal(t.db, { company: 'Pellucid Maps GmbH', announced_on: '2026-02-09' })).dealId;
    await insertDeal(t.db, { company: 'Unrelated Ltd', announced_on: '2026-02-09' });
    const { cookie, csrf, body } = await session(`/deals/${from}`);
    expect(body).toContain('action="/merge"');
    expect(body).not.toContain('Merge into deal #');
    const search = await app.inject({ url: `/merge?from=${from}&q=pellucid`, headers: { cookie } });
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Pellucid Maps GmbH');
    expect(search.body).not.toContain('Unrelated Ltd');
    expect(search.body).not.toContain(`<a href="/deals/${from}">${from}</a></td>`); // never itself
    const none = await app.inject({ url: `/merge?from=${from}&q=zzzz%25`, headers: { cookie } });
    expect(none.body).toContain('No other live deal');
    const merged = await post(`/deals/${from}/merge`, cookie, { _csrf: csrf, into: String(into) });
    expect(merged.statusCode).toBe(303);
    expect(merged.headers.location).toMatch(new RegExp(`^/deals/${into}\\?done=`));
    expect((await t.db.selectFrom('deals').select('merged_into').where('id', '=', from).executeTakeFirstOrThrow()).merged_into).toBe(into);
  });

  it('edits investors, lead and region; an invalid edit keeps the input and says why', async () => {
    const id = (await insertDeal(t.db, { company: 'Sorrel Dynamics', investors: [{ name: 'Old Fund' }] })).dealId;
    const { cookie, csrf, body } = await session(`/deals/${id}`);
    expect(body).toContain('<textarea name="investors"');
    expect(body).toContain('name="region"');
    const form = {
      _csrf: csrf,
      company_name: 'Sorrel Dynamics',
      round: 'seed',
      status: 'announced',
      country: 'DE',
      region: 'europe',
      amount_value: '5000000',
      amount_currency: 'EUR',
      valuation_value: '',
      valuation_currency: '',
      announced_on: '2025-03-01',
    };
    const bad = await post(`/deals/${id}/edit`, cookie, { ...form, country: 'Germany', investors: 'Kestrel Partners (lead)\nOld Fund' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('class="flash error" role="alert"');
    expect(bad.body).toContain('country must be an ISO 3166-1 alpha-2 code');
    expect(bad.body).toContain('value="Germany"'); // the operator's input is kept
    expect(bad.body).toContain('Kestrel Partners (lead)\nOld Fund</textarea>');
    const ok = await post(`/deals/${id}/edit`, cookie, {
      ...form,
      region: 'north_america',
      investors: 'Kestrel Partners (lead)\nOld Fund\n',
    });
    expect(ok.statusCode).toBe(303);
    const investors = await t.db
      .selectFrom('deal_investors as di')
      .innerJoin('investors as i', 'i.id', 'di.investor_id')
      .select(['i.name', 'di.lead'])
      .where('di.deal_id', '=', id)
      .orderBy('i.name')
      .execute();
    expect(investors).toEqual([
      { name: 'Kestrel Partners', lead: true },
      { name: 'Old Fund', lead: false },
    ]);
    expect((await t.db.selectFrom('deals').select('region').where('id', '=', id).executeTakeFirstOrThrow()).region).toBe('north_america');
    const page = await app.inject({ url: `/deals/${id}`, headers: { cookie } });
    expect(page.body).toContain('<b>investors</b>:');
    expect(page.body).toContain('<b>region</b>: <span class="old">∅</span> → <span class="new">north_america</span>');
  });
});
