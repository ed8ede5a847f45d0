import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/web/server.js';
import { createOperator } from '../../src/review/operators.js';
import { insertCompany, insertDeal, insertItem } from '../review/fixtures.js';

// The company page, merging and splitting companies and deals through the UI routes (session +
// CSRF, audited), the per-source figures on the deal and conflict pages, and the companies API.
const TOKEN = 'test-admin-token-companies-0123';
const bearer = { authorization: `Bearer ${TOKEN}` };
let t: TestDb;
let app: FastifyInstance;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  t = await createTestDb();
  app = await buildServer({ db: t.db, config: loadConfig({ ADMIN_TOKEN: TOKEN, NODE_ENV: 'test' }) });
  await createOperator(t.db, 'olga', 'operator password 1');
  const login = await app.inject({
    method: 'POST',
    url: '/login',
    payload: new URLSearchParams({ username: 'olga', password: 'operator password 1' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  cookie = `df_session=${login.cookies.find((c) => c.name === 'df_session')!.value}`;
  csrf = /name="_csrf" value="([^"]+)"/.exec((await app.inject({ url: '/', headers: { cookie } })).body)![1]!;
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const get = (url: string) => app.inject({ url, headers: { cookie } });
function post(url: string, form: Record<string, string | string[]>, as = cookie) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
  return app.inject({
    method: 'POST',
    url,
    payload: body.toString(),
    headers: { cookie: as, 'content-type': 'application/x-www-form-urlencoded' },
  });
}
const usd = (value: number) => ({ value, currency: 'USD', usd: value });
const companyOf = async (dealId: number) =>
  (await t.db.selectFrom('deals').select('company_id').where('id', '=', dealId).executeTakeFirstOrThrow()).company_id;
const auditOf = (action: string) => t.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
/** The table row of a page that contains `text`. */
const rowWith = (body: string, text: string) => body.split('<tr').find((r) => r.includes(text)) ?? '';

describe('company page', () => {
  it('shows names, country, domain and the funding timeline in date order with sources and roles', async () => {
    const seed = await insertDeal(t.db, {
      company: 'Bramblecrest Bio',
      country: 'NL',
      round: 'seed',
      amount: usd(3_000_000),
      announced_on: '2024-02-11',
      sources: [
        { publisher: 'Lowland Wire', amount: usd(3_000_000) },
        { publisher: 'Tulip Tech', role: 'mention', amount: usd(3_000_000) },
      ],
    });
    const a = await insertDeal(t.db, {
      companyId: seed.companyId,
      round: 'series_a',
      status: 'rumored',
      amount: usd(42_000_000),
      announced_on: '2025-07-30',
      sources: [{ publisher: 'Polder Daily', amount: usd(45_000_000), figures_disagree: true }],
    });
    const undated = await insertDeal(t.db, { companyId: seed.companyId, round: 'debt', announced_on: null });
    await t.db
      .insertInto('company_aliases')
      .values({
        company_id: seed.companyId,
        name: 'BrambleCrest Biosciences',
        name_key: 'bramblecrest biosciences',
        loose_key: 'bramblecrest',
        skeleton: 'brmblcrst',
      })
      .execute();
    await t.db.updateTable('companies').set({ domain: 'bramblecrest.example' }).where('id', '=', seed.companyId).execute();

    const res = await get(`/companies/${seed.companyId}`);
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain(`Company #${seed.companyId}: Bramblecrest Bio`);
    expect(body).toContain('<li>BrambleCrest Biosciences <span');
    expect(body).toContain('<td>NL</td>');
    expect(body).toContain('bramblecrest.example');
    const timeline = body.slice(body.indexOf('Funding timeline'));
    const order = [seed.dealId, a.dealId, undated.dealId].map((id) => timeline.indexOf(`<a href="/deals/${id}">#${id}</a>`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    const seedRow = rowWith(timeline, `#${seed.dealId}</a>`);
    expect(seedRow).toContain('2024-02-11');
    expect(seedRow).toContain('seed');
    expect(seedRow).toContain('USD 3,000,000');
    expect(seedRow).toContain('Lowland Wire');
    expect(seedRow).toMatch(/Tulip Tech<\/a> <span class="pill">mention<\/span>/);
    const aRow = rowWith(timeline, `#${a.dealId}</a>`);
    expect(aRow).toContain('<span class="pill rumored">rumored</span>');
    expect(aRow).toContain('figures differ');
    // Merge by name search, never an id field.
    expect(body).toContain(`action="/companies/${seed.companyId}/merge"`);
    expect(body).not.toContain('name="into"');
  });

  it('answers 404 for an unknown company and 400 for a malformed id', async () => {
    expect((await get('/companies/99999999')).statusCode).toBe(404);
    expect((await get('/companies/abc')).statusCode).toBe(400);
  });
});

describe('merging companies through the UI', () => {
  it('finds the target by searching names (aliases too), merges with CSRF, audits, and refuses bad input', async () => {
    const keep = await insertDeal(t.db, { company: 'Quillon Payments', country: 'GB', announced_on: '2025-01-10' });
    const gone = await insertDeal(t.db, { company: 'Quillon Pay', country: 'GB', round: 'series_a', announced_on: '2025-06-01' });
    await insertDeal(t.db, { company: 'Marram Freight', country: 'GB' });

    const search = await get(`/companies/${gone.companyId}/merge?q=quillon`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain('Quillon Payments');
    expect(search.body).not.toContain('Marram Freight');
    expect(search.body).not.toContain(`<a href="/companies/${gone.companyId}">Quillon Pay</a></td>`); // never itself
    expect(search.body).toContain('Merge Quillon Pay into this');
    expect((await get(`/companies/${gone.companyId}/merge?q=zzzz`)).body).toContain('No other live company');
    expect((await get(`/companies/${gone.companyId}/merge?bogus=1`)).statusCode).toBe(400);

    // Without the CSRF token, or without a session, nothing happens.
    expect((await post(`/companies/${gone.companyId}/merge`, { into: String(keep.companyId) })).statusCode).toBe(403);
    const anon = await app.inject({
      method: 'POST',
      url: `/companies/${gone.companyId}/merge`,
      payload: `into=${keep.companyId}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(anon.statusCode).toBe(401);
    const bad = await post(`/companies/${gone.companyId}/merge`, { _csrf: csrf, into: 'x1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Company to merge into: not a valid choice');
    const self = await post(`/companies/${gone.companyId}/merge`, { _csrf: csrf, into: String(gone.companyId) });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('cannot be merged into itself');
    expect(await companyOf(gone.dealId)).toBe(gone.companyId);

    const ok = await post(`/companies/${gone.companyId}/merge`, { _csrf: csrf, into: String(keep.companyId) });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(new RegExp(`^/companies/${keep.companyId}\\?done=`));
    expect(await companyOf(gone.dealId)).toBe(keep.companyId);
    const page = await get(ok.headers.location as string);
    expect(page.body).toContain('Merged company #');
    expect(page.body).toContain('<li>Quillon Pay <span');
    expect(await auditOf('merge_companies')).toContainEqual(
      expect.objectContaining({ actor: 'olga', target_type: 'company', target_id: keep.companyId }),
    );
    // The merged-away company says where it went, and cannot be merged again.
    expect((await get(`/companies/${gone.companyId}`)).body).toContain(`merged into <a href="/companies/${keep.companyId}">`);
    expect((await post(`/companies/${gone.companyId}/merge`, { _csrf: csrf, into: String(keep.companyId) })).statusCode).toBe(409);
  });

  it('a possible-duplicate company item shows both companies and merges from the item, closing it', async () => {
    const first = await insertDeal(t.db, { company: 'Haneul Robotics', country: 'KR', round: 'seed', announced_on: '2024-03-02' });
    const second = await insertDeal(t.db, { company: 'Hanul Robotics', country: 'KR', round: 'series_a', announced_on: '2025-05-20' });
    const item = await insertItem(t.db, {
      kind: 'possible_duplicate',
      dealId: second.dealId,
      reason: `Company "Hanul Robotics" may be company #${first.companyId} (similar name)`,
      payload: { companyIds: [first.companyId], company: 'Hanul Robotics' },
    });
    const res = await get(`/review/${item}`);
    expect(res.body).toContain('Possible duplicate companies');
    expect(res.body).toContain(`<a href="/companies/${second.companyId}">Hanul Robotics</a> <span class="pill">this item</span>`);
    expect(res.body).toContain('Merge Hanul Robotics into Haneul Robotics');
    expect(res.body).toContain('Merge Haneul Robotics into Hanul Robotics');
    expect(res.body).toContain(`action="/companies/${second.companyId}/merge"`); // the search form for another target
    expect(res.body).toContain(`action="/companies/${second.companyId}/split"`);

    const merged = await post(`/companies/${second.companyId}/merge`, { _csrf: csrf, into: String(first.companyId), item: String(item) });
    expect(merged.statusCode).toBe(303);
    expect(merged.headers.location).toMatch(new RegExp(`^/review/${item}\\?done=`));
    const row = await t.db.selectFrom('review_items').select(['status', 'resolved_by']).where('id', '=', item).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'merged', resolved_by: 'olga' });
    expect(await companyOf(second.dealId)).toBe(first.companyId);
    expect(await auditOf('merge_companies')).toContainEqual(
      expect.objectContaining({
        target_type: 'review_item',
        target_id: item,
        detail: expect.objectContaining({ from: second.companyId, into: first.companyId }),
      }),
    );
    const timeline = (await get(`/companies/${first.companyId}`)).body;
    expect(timeline.indexOf(`#${first.dealId}</a>`)).toBeLessThan(timeline.indexOf(`#${second.dealId}</a>`));
    // An unknown item is refused before anything moves.
    const other = await insertDeal(t.db, { company: 'Orphic Labs' });
    const target = await insertDeal(t.db, { company: 'Orphic Laboratories' });
    const missing = await post(`/companies/${other.companyId}/merge`, { _csrf: csrf, into: String(target.companyId), item: '99999999' });
    expect(missing.statusCode).toBe(404);
    expect(await companyOf(other.dealId)).toBe(other.companyId);
  });
});

describe('splitting companies through the UI', () => {
  it('moves the chosen names and deals to a new company and says why it refuses', async () => {
    const base = await insertDeal(t.db, { company: 'Sundew', country: 'SE', round: 'seed', announced_on: '2023-04-04' });
    const wrong = await insertDeal(t.db, { companyId: base.companyId, round: 'series_a', announced_on: '2025-02-02' });
    await t.db
      .insertInto('company_aliases')
      .values({ company_id: base.companyId, name: 'Sundew Labs', name_key: 'sundew labs', loose_key: 'sundew', skeleton: 'sndw' })
      .execute();
    const page = await get(`/companies/${base.companyId}`);
    const labs = /value="(\d+)"> Sundew Labs/.exec(page.body)![1]!;

    const nothing = await post(`/companies/${base.companyId}/split`, { _csrf: csrf });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.body).toContain('Choose the names or deals to split off');
    const allNames = /value="(\d+)"> Sundew</.exec(page.body)![1]!;
    const every = await post(`/companies/${base.companyId}/split`, { _csrf: csrf, alias: [labs, allNames] });
    expect(every.statusCode).toBe(400);
    expect(every.body).toContain('keep at least one');
    const forged = await post(`/companies/${base.companyId}/split`, { _csrf: csrf, deal: '1 OR 1=1' });
    expect(forged.statusCode).toBe(400);
    const foreign = await post(`/companies/${base.companyId}/split`, { _csrf: csrf, deal: String(999_999) });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain(`are not deals of company #${base.companyId}`);

    const ok = await post(`/companies/${base.companyId}/split`, {
      _csrf: csrf,
      alias: labs,
      deal: String(wrong.dealId),
      name: 'Sundew Labs AB',
    });
    expect(ok.statusCode).toBe(303);
    const created = Number(/^\/companies\/(\d+)\?done=/.exec(ok.headers.location as string)![1]);
    expect(await companyOf(wrong.dealId)).toBe(created);
    expect(await companyOf(base.dealId)).toBe(base.companyId);
    const after = (await get(`/companies/${created}`)).body;
    expect(after).toContain('Sundew Labs AB');
    expect(after).toContain('<li>Sundew Labs <span');
    expect(after).toContain('split_company'); // the audit trail shows on the new company too
    expect(await auditOf('split_company')).toContainEqual(expect.objectContaining({ actor: 'olga', target_id: base.companyId }));
  });
});

describe('deal page and conflict review: each source with its own figures', () => {
  it('shows the figures side by side with the flag, and splits sources off from the deal page', async () => {
    const d = await insertDeal(t.db, {
      company: 'Corvane Health',
      round: 'series_b',
      amount: usd(42_000_000),
      announced_on: '2026-02-02',
      sources: [
        { publisher: 'Harbour Wire', amount: usd(42_000_000), announced_on: '2026-02-02', quote: 'raised $42 million' },
        {
          publisher: 'Granite Post',
          amount: usd(45_000_000),
          valuation: usd(300_000_000),
          announced_on: '2026-02-03',
          figures_disagree: true,
          quote: 'a $45 million round',
        },
        { publisher: 'Fenland Letter', role: 'mention' },
      ],
    });
    const page = await get(`/deals/${d.dealId}`);
    expect(page.body).toContain(`<a href="/companies/${d.companyId}">Corvane Health</a>`);
    expect(rowWith(page.body, "The deal's figures")).toContain('USD 42,000,000');
    const granite = rowWith(page.body, 'Granite Post');
    expect(granite).toContain('USD 45,000,000 <span class="pill warn">≠</span>');
    expect(granite).toContain('USD 300,000,000');
    expect(granite).toContain('<span class="pill warn">disagree</span>');
    expect(rowWith(page.body, 'Harbour Wire')).toContain('<span class="pill ok">agree</span>');
    expect(rowWith(page.body, 'Fenland Letter')).toContain('<span class="pill">mention</span>');

    // The conflict item about the disagreeing source shows the same table.
    const item = await insertItem(t.db, {
      kind: 'conflict',
      dealId: d.dealId,
      articleId: d.articleIds[1],
      reason: 'Figures differ from deal',
    });
    const review = await get(`/review/${item}`);
    expect(rowWith(review.body, 'Granite Post')).toContain('<span class="pill warn">disagree</span>');

    expect((await post(`/deals/${d.dealId}/split`, { _csrf: csrf, article: 'abc' })).statusCode).toBe(400);
    const split = await post(`/deals/${d.dealId}/split`, { _csrf: csrf, article: String(d.articleIds[1]) });
    expect(split.statusCode).toBe(303);
    const created = Number(/^\/deals\/(\d+)\?done=/.exec(split.headers.location as string)![1]);
    const row = await t.db.selectFrom('deals').selectAll().where('id', '=', created).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      amount_value: 45_000_000,
      valuation_value: 300_000_000,
      announced_on: '2026-02-03',
      company_id: d.companyId,
    });
    // The item about that article follows it to the new deal.
    expect((await t.db.selectFrom('review_items').select('deal_id').where('id', '=', item).executeTakeFirstOrThrow()).deal_id).toBe(
      created,
    );
    expect(await auditOf('split')).toContainEqual(expect.objectContaining({ actor: 'olga', target_id: d.dealId }));
  });

  it('a pair conflict lists each deal’s sources with their figures', async () => {
    const a = await insertDeal(t.db, { company: 'Lintu Energy', sources: [{ publisher: 'Fjord Daily', amount: usd(40_000_000) }] });
    const b = await insertDeal(t.db, {
      company: 'Lintu Energy',
      sources: [{ publisher: 'Kettle News', amount: usd(45_000_000), figures_disagree: true }],
    });
    const item = await insertItem(t.db, {
      kind: 'conflict',
      dealId: b.dealId,
      payload: { dealIds: [a.dealId, b.dealId], reasons: ['amounts differ'] },
    });
    const row = rowWith((await get(`/review/${item}`)).body, 'Figures by source');
    expect(row).toContain('Fjord Daily <span class="pill">report</span>: USD 40,000,000');
    expect(row).toMatch(/Kettle News <span class="pill">report<\/span>: USD 45,000,000 · no date <span class="pill warn">disagree<\/span>/);
  });
});

describe('companies API', () => {
  let ids: { nordic: number; nordicSe: number; merged: number; into: number };
  beforeAll(async () => {
    const nordic = await insertDeal(t.db, { company: 'Aurora Nordic Grid', country: 'NO', round: 'series_a', announced_on: '2025-09-09' });
    await insertDeal(t.db, { companyId: nordic.companyId, round: 'seed', announced_on: '2023-01-15' });
    const nordicSe = await insertCompany(t.db, 'Aurora Nordic AB', 'SE');
    await t.db
      .insertInto('company_aliases')
      .values({ company_id: nordic.companyId, name: 'Aurora Grid', name_key: 'aurora grid', loose_key: 'auroragrid', skeleton: 'rrgrd' })
      .execute();
    const into = await insertCompany(t.db, 'Zephyrine One', 'FR');
    const merged = await insertCompany(t.db, 'Zephyrine 1', 'FR');
    await t.db.updateTable('companies').set({ merged_into: into.id }).where('id', '=', merged.id).execute();
    ids = { nordic: nordic.companyId, nordicSe: nordicSe.id, merged: merged.id, into: into.id };
  });

  it('searches any name, filters by country and pages with a cursor', async () => {
    const res = await app.inject({ url: '/api/companies?q=aurora', headers: bearer });
    expect(res.statusCode).toBe(200);
    const page = res.json() as { companies: Array<Record<string, unknown>>; next_cursor: string | null };
    expect(page.companies.map((c) => c.id)).toEqual([ids.nordicSe, ids.nordic]); // by name
    expect(page.companies[1]).toMatchObject({
      name: 'Aurora Nordic Grid',
      country: 'NO',
      aliases: ['Aurora Nordic Grid', 'Aurora Grid'],
      deal_count: 2,
      first_deal_on: '2023-01-15',
    });
    const alias = (await app.inject({ url: '/api/companies?q=aurora%20grid', headers: bearer })).json() as typeof page;
    expect(alias.companies.map((c) => c.id)).toEqual([ids.nordic]);
    const se = (await app.inject({ url: '/api/companies?q=aurora&country=se', headers: bearer })).json() as typeof page;
    expect(se.companies.map((c) => c.id)).toEqual([ids.nordicSe]);
    const first = (await app.inject({ url: '/api/companies?q=aurora&limit=1', headers: bearer })).json() as typeof page;
    expect(first.companies.map((c) => c.id)).toEqual([ids.nordicSe]);
    const second = (
      await app.inject({ url: `/api/companies?q=aurora&limit=1&cursor=${first.next_cursor}`, headers: bearer })
    ).json() as typeof page;
    expect(second).toEqual({ companies: [expect.objectContaining({ id: ids.nordic })], next_cursor: null });
    // Merged-away companies are not listed.
    const z = (await app.inject({ url: '/api/companies?q=zephyrine', headers: bearer })).json() as typeof page;
    expect(z.companies.map((c) => c.id)).toEqual([ids.into]);
  });

  it('says which parameter is bad, and needs a login', async () => {
    for (const [q, param] of [
      ['country=Norway', 'country'],
      ['limit=0', 'limit'],
      ['cursor=nope', 'cursor'],
      ['sort=name', 'sort'],
    ] as const) {
      const res = await app.inject({ url: `/api/companies?${q}`, headers: bearer });
      expect(res.statusCode).toBe(400);
      expect((res.json() as { params: string[] }).params).toEqual([param]);
    }
    expect((await app.inject({ url: '/api/companies' })).statusCode).toBe(401);
    expect((await app.inject({ url: `/api/companies/${ids.nordic}` })).statusCode).toBe(401);
  });

  it('returns one company with its aliases and deals in date order; merged and unknown ids are 404', async () => {
    const res = await app.inject({ url: `/api/companies/${ids.nordic}`, headers: bearer });
    expect(res.statusCode).toBe(200);
    const c = res.json() as { aliases: string[]; deals: Array<{ round: string; announced_on: string; company_id: number }> };
    expect(c.aliases).toEqual(['Aurora Nordic Grid', 'Aurora Grid']);
    expect(c.deals.map((d) => [d.round, d.announced_on, d.company_id])).toEqual([
      ['seed', '2023-01-15', ids.nordic],
      ['series_a', '2025-09-09', ids.nordic],
    ]);
    const merged = await app.inject({ url: `/api/companies/${ids.merged}`, headers: bearer });
    expect(merged.statusCode).toBe(404);
    expect(merged.json()).toEqual({ error: `Company #${ids.merged} was merged into company #${ids.into}`, merged_into: ids.into });
    expect((await app.inject({ url: '/api/companies/99999999', headers: bearer })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/companies/${ids.nordic}?x=1`, headers: bearer })).statusCode).toBe(400);
  });

  it('the deals API and the company list page carry the company', async () => {
    const deals = (await app.inject({ url: '/api/deals?company=Aurora%20Nordic%20Grid', headers: bearer })).json() as {
      deals: Array<{ company_id: number }>;
    };
    expect(deals.deals.map((d) => d.company_id)).toEqual([ids.nordic, ids.nordic]);
    const list = await get('/companies?q=aurora');
    expect(list.statusCode).toBe(200);
    expect(rowWith(list.body, 'Aurora Nordic Grid')).toContain('Aurora Grid');
    expect((await get('/companies?country=xx1')).statusCode).toBe(400);
  });
});
