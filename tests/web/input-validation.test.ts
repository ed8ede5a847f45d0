import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/web/server.js';
import { encodeCursor, FilterError, isCalendarDate, parseDealFilters } from '../../src/export/filters.js';

// Bad query input is a 400 naming the parameter, never a 500 from PostgreSQL.
const TOKEN = 'input-admin-token-0123456789';
const bearer = { authorization: `Bearer ${TOKEN}` };
let t: TestDb;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDb();
  app = await buildServer({ db: t.db, config: loadConfig({ ADMIN_TOKEN: TOKEN, NODE_ENV: 'test' }) });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const get = (url: string) => app.inject({ url, headers: { ...bearer, accept: 'application/json' } });

describe('calendar dates', () => {
  it('accepts only days that exist', () => {
    for (const d of ['2026-01-31', '2024-02-29', '2000-02-29', '2026-04-30', '0001-01-01', '9999-12-31'])
      expect(isCalendarDate(d), d).toBe(true);
    for (const d of [
      '2026-13-45',
      '2026-02-30',
      '2026-02-29',
      '1900-02-29',
      '2100-02-29',
      '2026-04-31',
      '2026-00-10',
      '2026-01-00',
      '0000-01-01',
      '2026-1-01',
      '20260101',
      '',
    ])
      expect(isCalendarDate(d), d).toBe(false);
  });

  it('rejects impossible dates in export filters too', () => {
    expect(() => parseDealFilters({ since: '2026-02-30' })).toThrow(FilterError);
    expect(parseDealFilters({ since: '2024-02-29' })).toEqual({ since: '2024-02-29' });
  });
});

describe('API query validation', () => {
  it('answers a bad since with a 400 naming it', async () => {
    for (const since of ['2026-13-45', '2026-02-30', '0000-01-01']) {
      const res = await get(`/api/deals?since=${since}`);
      expect(res.statusCode, since).toBe(400);
      expect(res.json()).toMatchObject({ params: ['since'] });
      expect(res.json().error).toMatch(/^since: /);
    }
    expect((await get('/api/deals?since=2024-02-29')).statusCode).toBe(200);
  });

  it('names unknown, repeated and malformed parameters', async () => {
    const cases: [string, string[]][] = [
      ['/api/deals?bogus=1', ['bogus']],
      ['/api/deals?since=2026-01-01&since=2026-01-02', ['since']],
      ['/api/deals?company=a%00b', ['company']],
      ['/api/deals?min_usd=lots', ['min_usd']],
      ['/api/deals?limit=0&round=zz', ['limit', 'round']],
      ['/api/deals/abc', ['id']],
      ['/api/deals/99999999999999999999', ['id']],
      ['/api/deals/1?x=1', ['x']],
    ];
    for (const [url, params] of cases) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(400);
      expect([...res.json().params].sort(), url).toEqual(params);
    }
  });

  it('rejects a cursor that carries an impossible date', async () => {
    const res = await get(`/api/deals?cursor=${encodeCursor({ a: '2026-13-45', id: 5 })}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().params).toEqual(['cursor']);
    expect(res.json().error).toMatch(/cursor/);
  });

  it('never answers hostile query values with a 500', async () => {
    const hostile = ['2026-13-45', '%00', '%E2%80%A8', 'a%0d%0ab', '-1', '1e999', '%ff%fe', 'x'.repeat(5000)];
    const routes = ['/', '/review', '/review/1', '/deals', '/deals/1', '/audit', '/api/deals', '/api/deals/1', '/login'];
    const keys = ['since', 'round', 'country', 'region', 'min_usd', 'company', 'status', 'limit', 'cursor', 'kind', 'done', 'next'];
    for (const route of routes)
      for (const key of keys)
        for (const v of hostile) {
          const res = await app.inject({ url: `${route}?${key}=${v}&${key}=${v}`, headers: bearer });
          expect(res.statusCode, `${route}?${key}=${v}`).toBeLessThan(500);
          const single = await app.inject({ url: `${route}?${key}=${v}`, headers: bearer });
          expect(single.statusCode, `${route}?${key}=${v}`).toBeLessThan(500);
        }
  });
});
