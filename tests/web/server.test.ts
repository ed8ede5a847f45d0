import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/web/server.js';
import { createOperator } from '../../src/review/operators.js';
import { insertDeal, insertItem } from '../review/fixtures.js';

const TOKEN = 'test-admin-token-0123456789';
let t: TestDb;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDb();
  app = await buildServer({ db: t.db, config: loadConfig({ ADMIN_TOKEN: TOKEN, NODE_ENV: 'test' }) });
  await createOperator(t.db, 'olga', 'operator password 1');
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const bearer = { authorization: `Bearer ${TOKEN}` };

/** Log in with the form and return the session cookie header. */
async function login(form: Record<string, string> = { token: TOKEN }): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    payload: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  expect(res.statusCode).toBe(303);
  const c = res.cookies.find((c) => c.name === 'df_session');
  expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  return `df_session=${c!.value}`;
}

function csrfFrom(body: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(body);
  expect(m).not.toBeNull();
  return m![1]!;
}

function post(url: string, cookie: string, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
  return app.inject({
    method: 'POST',
    url,
    payload: body.toString(),
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe('authentication', () => {
  it('requires login for pages, API, metrics and bull-board but not for the probes', async () => {
    for (const url of ['/', '/review', '/deals', '/audit', '/admin/queues']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(302);
      expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(url)}`);
    }
    expect((await app.inject({ url: '/api/deals' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/review/1/approve' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/deals', headers: { authorization: 'Bearer wrong-token-xxxxxxxx' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/deals', headers: bearer })).statusCode).toBe(200);
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ ok: true });
    expect((await app.inject({ url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
  });

  it('rejects a bad token, bad password and a forged cookie; accepts token and operator logins', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/login',
      payload: 'token=nope-nope-nope',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.cookies).toHaveLength(0);
    const badPw = await app.inject({
      method: 'POST',
      url: '/login',
      payload: 'username=olga&password=wrong',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(badPw.statusCode).toBe(401);
    const forged = Buffer.from(JSON.stringify({ user: 'admin', exp: Date.now() + 1e6 })).toString('base64url');
    expect((await app.inject({ url: '/', headers: { cookie: `df_session=${forged}.bogussig` } })).statusCode).toBe(302);

    const cookie = await login({ username: 'olga', password: 'operator password 1' });
    const home = await app.inject({ url: '/', headers: { cookie } });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Log out olga');
    expect(home.headers['content-security-policy']).toContain("default-src 'none'");
    expect(home.headers['content-security-policy']).not.toContain('unsafe-inline');
    const board = await app.inject({ url: '/admin/queues', headers: { cookie } });
    expect(board.statusCode).toBe(200);
    expect(board.body).toContain('<div id="root">');
  });

  it('does not redirect off-site after login', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/login',
      payload: `token=${TOKEN}&next=//evil.example/`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.headers.location).toBe('/');
  });
});

describe('review pages', () => {
  it('escapes article text and quotes (XSS) and highlights evidence with <mark>', async () => {
    const text = 'Intro <script>alert(1)</script>. EvilCo raised $5M <img src=x onerror=alert(2)> from Bad VC.';
    const { dealId, articleIds } = await insertDeal(t.db, {
      company: 'EvilCo <b>bold</b>',
      sources: [{ text, quote: 'raised $5M <img src=x onerror=alert(2)>', title: '<script>t()</script>' }],
    });
    const itemId = await insertItem(t.db, { dealId, articleId: articleIds[0], reason: 'reason <i>x</i>' });
    const cookie = await login();
    const res = await app.inject({ url: `/review/${itemId}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).not.toContain('<img src=x');
    expect(res.body).not.toContain('<b>bold</b>');
    expect(res.body).not.toContain('<script>t()</script>');
    expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toContain('<mark>raised $5M &lt;img src=x onerror=alert(2)&gt;</mark>');
    expect(res.body).toContain('reason &lt;i&gt;x&lt;/i&gt;');
  });

  it('rejects POSTs without a valid CSRF token and applies actions with one', async () => {
    const { dealId, articleIds } = await insertDeal(t.db);
    const itemId = await insertItem(t.db, { dealId, articleId: articleIds[0] });
    const cookie = await login();
    expect((await post(`/review/${itemId}/approve`, cookie, {})).statusCode).toBe(403);
    expect((await post(`/review/${itemId}/approve`, cookie, { _csrf: 'forged' })).statusCode).toBe(403);
    // A token from another session is useless.
    const other = await login();
    const otherCsrf = csrfFrom((await app.inject({ url: '/', headers: { cookie: other } })).body);
    expect((await post(`/review/${itemId}/approve`, cookie, { _csrf: otherCsrf })).statusCode).toBe(403);
    expect((await t.db.selectFrom('review_items').select('status').where('id', '=', itemId).executeTakeFirstOrThrow()).status).toBe('open');

    const page = await app.inject({ url: `/review/${itemId}`, headers: { cookie } });
    const csrf = csrfFrom(page.body);
    const edit = await post(`/review/${itemId}/edit`, cookie, {
      _csrf: csrf,
      round: 'series_a',
      status: 'announced',
      company_name: '',
      country: 'de',
      amount_value: '7,500,000',
      amount_currency: 'eur',
      valuation_value: '',
      valuation_currency: '',
      announced_on: '2025-03-01',
    });
    expect(edit.statusCode).toBe(303);
    const deal = await t.db
      .selectFrom('deals')
      .select(['round', 'amount_value', 'country'])
      .where('id', '=', dealId)
      .executeTakeFirstOrThrow();
    expect(deal).toEqual({ round: 'series_a', amount_value: 7_500_000, country: 'DE' });
    const badEdit = await post(`/review/${itemId}/edit`, cookie, {
      _csrf: csrf,
      round: 'series_a',
      status: 'announced',
      announced_on: 'yesterday',
    });
    expect(badEdit.statusCode).toBe(400);
    expect(badEdit.body).toContain('date must be YYYY-MM-DD');

    const ok = await post(`/review/${itemId}/approve`, cookie, { _csrf: csrf });
    expect(ok.statusCode).toBe(303);
    expect(
      await t.db.selectFrom('review_items').select(['status', 'resolved_by']).where('id', '=', itemId).executeTakeFirstOrThrow(),
    ).toEqual({ status: 'approved', resolved_by: 'admin' });
    const again = await post(`/review/${itemId}/approve`, cookie, { _csrf: csrf });
    expect(again.statusCode).toBe(409);
    expect((await app.inject({ url: '/review/99999999', headers: { cookie } })).statusCode).toBe(404);
    const dealPage = await app.inject({ url: `/deals/${dealId}`, headers: { cookie } });
    expect(dealPage.body).toContain('series_a');
    expect(dealPage.body).toMatch(/<b>amount<\/b>: <span class="old">/);
    expect(dealPage.body).toMatch(/<td>approve<\/td>/); // the item's approval shows in the deal's audit
  });
});

describe('API', () => {
  it('filters and paginates /api/deals with a cursor, no duplicates or gaps', async () => {
    const tag = `Pagina${Date.now()}`;
    const ids: number[] = [];
    for (let i = 0; i < 13; i++) {
      // Repeated dates and some undated deals exercise the (announced_on, id) keyset and NULLS LAST.
      const day = i % 4 === 3 ? null : `2024-0${1 + (i % 3)}-1${i % 2}`;
      ids.push(
        (
          await insertDeal(t.db, {
            company: `${tag} ${i}`,
            announced_on: day,
            country: i % 2 ? 'US' : 'GB',
            amount: { value: i * 1e6, currency: 'USD', usd: i * 1e6 },
          })
        ).dealId,
      );
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const url: string = `/api/deals?company=${tag.toLowerCase()}&limit=4${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await app.inject({ url, headers: bearer })).json() as {
        deals: { id: number; announced_on: string | null }[];
        next_cursor: string | null;
      };
      expect(body.deals.length).toBeLessThanOrEqual(4);
      seen.push(...body.deals.map((d) => d.id));
      cursor = body.next_cursor;
      if (!cursor) break;
    }
    expect(seen).toHaveLength(13);
    expect(new Set(seen)).toEqual(new Set(ids));
    const all = (await app.inject({ url: `/api/deals?company=${tag}&limit=500`, headers: bearer })).json() as {
      deals: { id: number; announced_on: string | null }[];
    };
    expect(all.deals.map((d) => d.id)).toEqual(seen);
    const dated = all.deals.filter((d) => d.announced_on).map((d) => d.announced_on!);
    expect(dated).toEqual([...dated].sort().reverse());
    expect(all.deals.slice(dated.length).every((d) => d.announced_on === null)).toBe(true);

    const f = (
      await app.inject({ url: `/api/deals?company=${tag}&country=us&min_usd=5000000&since=2024-02-01`, headers: bearer })
    ).json() as { deals: { country: string; amount_usd: number; announced_on: string }[] };
    expect(f.deals.length).toBeGreaterThan(0);
    for (const d of f.deals) {
      expect(d.country).toBe('US');
      expect(d.amount_usd).toBeGreaterThanOrEqual(5_000_000);
      expect(d.announced_on >= '2024-02-01').toBe(true);
    }
    const bad = await app.inject({ url: '/api/deals?limit=501&round=series_z', headers: bearer });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatch(/limit/);
    expect((await app.inject({ url: '/api/deals?cursor=garbage', headers: bearer })).json()).toEqual({
      error: 'cursor: invalid or corrupted cursor',
      params: ['cursor'],
    });

    const one = await app.inject({ url: `/api/deals/${ids[0]}`, headers: bearer });
    expect(one.json()).toMatchObject({ id: ids[0], company_name: `${tag} 0`, sources: [{ deal_id: ids[0] }] });
    expect((await app.inject({ url: '/api/deals/99999999', headers: bearer })).statusCode).toBe(404);
  });

  it('serves Prometheus metrics and readiness', async () => {
    const res = await app.inject({ url: '/metrics', headers: bearer });
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const lines = res.body.trimEnd().split('\n');
    // Blank lines between families, digits in names (nodejs_eventloop_lag_p99_seconds) and NaN
    // (written "Nan" by prom-client) are all valid exposition text.
    for (const line of lines.filter((l) => l !== ''))
      expect(line).toMatch(
        /^(# (HELP|TYPE) [a-z_][a-z0-9_]* .+|[a-z_][a-z0-9_]*(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? (-?[0-9.e+-]+|[+-]Inf|Nan|NaN))$/,
      );
    const live = (
      await t.db
        .selectFrom('deals_clean')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
    expect(lines).toContain(`dealflow_deals_total ${live}`);
    expect(lines).toContain('# TYPE dealflow_review_items_open gauge');
    expect(lines.some((l) => /^dealflow_review_items_open\{kind="low_confidence"\} \d+$/.test(l))).toBe(true);
    expect(lines.some((l) => /^dealflow_articles\{status="extracted"\} [1-9]\d*$/.test(l))).toBe(true);
    expect(lines).toContain('dealflow_extraction_cost_usd_total 0');
    const ready = await app.inject({ url: '/readyz', headers: bearer });
    expect(ready.json()).toEqual({ ok: true, checks: { db: 'ok' } });
  });
});
