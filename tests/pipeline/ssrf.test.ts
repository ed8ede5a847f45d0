import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { testDeps } from '../helpers/app.js';
import { CANARY_SECRET, startCanary, type Canary } from '../helpers/canary.js';
import { insertSource } from '../../src/store/sources.js';
import { ingestOnce } from '../../src/pipeline/run-once.js';

// A private source (allow_private, or FETCH_ALLOW_PRIVATE) lists links to other loopback addresses,
// names and ports, directly and through a sitemap index. Only the source's own origin is trusted:
// the canaries must see no connection and their text must not reach the database.

const ARTICLE = (company: string) =>
  `<!doctype html><html lang="en"><head><title>${company} raises $4 million</title></head><body><article><h1>${company} raises $4 million</h1>` +
  `<p>${company}, a Lisbon-based software startup, has raised $4 million in a seed round led by Harbourline Ventures.</p>` +
  '<p>The company will hire engineers and open an office in Porto next year.</p></article></body></html>';

let site: http.Server;
let base: string;
let canaries: Canary[] = [];
let hostile: string[] = [];

beforeAll(async () => {
  const local = await startCanary('127.0.0.1');
  const other = await startCanary('127.0.0.2');
  canaries = [local, other];
  hostile = [`${local.base}/secret`, `${other.base}/secret`, `http://localhost:${local.port}/secret`, `http://127.0.0.1:6379/`];
  const v6 = await startCanary('::1').catch(() => null);
  if (v6) {
    canaries.push(v6);
    hostile.push(`${v6.base}/secret`);
  }
  const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>${body}`;
  site = http.createServer((req, res) => {
    const send = (type: string, body: string) => res.writeHead(200, { 'content-type': type }).end(body);
    switch (req.url) {
      case '/robots.txt':
        return send('text/plain', 'User-agent: *\nAllow: /\n');
      case '/feed.xml':
        return send(
          'application/rss+xml',
          xml(
            `<rss version="2.0"><channel><title>t</title>${[`${base}/ok`, ...hostile]
              .map((u) => `<item><title>x</title><link>${u}</link></item>`)
              .join('')}</channel></rss>`,
          ),
        );
      case '/sitemap-index.xml':
        return send(
          'application/xml',
          xml(
            `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${[
              `${base}/sitemap-own.xml`,
              `${local.base}/sitemap.xml`,
              `${other.base}/sitemap.xml`,
            ]
              .map((u) => `<sitemap><loc>${u}</loc></sitemap>`)
              .join('')}</sitemapindex>`,
          ),
        );
      case '/sitemap-own.xml':
        return send(
          'application/xml',
          xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${base}/ok-sitemap</loc></url></urlset>`),
        );
      case '/ok':
        return send('text/html; charset=utf-8', ARTICLE('Tagusoft'));
      case '/ok-sitemap':
        return send('text/html; charset=utf-8', ARTICLE('Douromind'));
      default:
        return void res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});

afterAll(async () => {
  site?.closeAllConnections();
  site?.close();
  await Promise.all(canaries.map((c) => c.close()));
});

describe.each([
  { trust: 'allow_private on the source', sourceTrusted: true, env: {} as Record<string, string> },
  { trust: 'FETCH_ALLOW_PRIVATE', sourceTrusted: false, env: { FETCH_ALLOW_PRIVATE: 'true' } },
])('links of a trusted private source ($trust)', ({ sourceTrusted, env }) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('fetches only URLs on the source origin; every other link and sitemap child is refused unconnected', async () => {
    const add = (path: string, kind: 'rss' | 'sitemap') =>
      insertSource(t.db, {
        url: `${base}${path}`,
        kind,
        name: path,
        link_selector: null,
        interval_ms: 60_000,
        allow_private: sourceTrusted,
      });
    await add('/feed.xml', 'rss');
    await add('/sitemap-index.xml', 'sitemap');
    const deps = testDeps(t.db, { FETCH_RETRIES: '0', ...env });
    try {
      await ingestOnce(deps, { concurrency: 2 });
    } finally {
      await deps.close();
    }
    for (const c of canaries)
      expect({ canary: c.base, connections: c.connections, requests: c.requests }).toEqual({
        canary: c.base,
        connections: 0,
        requests: [],
      });

    const articles = await t.db.selectFrom('articles').select(['url', 'status', 'error', 'text']).execute();
    const byUrl = new Map(articles.map((a) => [a.url, a]));
    expect(byUrl.get(`${base}/ok`)?.status).toBe('extracted');
    for (const url of hostile) {
      const a = [...byUrl.values()].find((r) => new URL(r.url).href === new URL(url).href);
      expect({ url, status: a?.status, error: a?.error }).toEqual({
        url,
        status: 'failed',
        error: expect.stringMatching(/refusing to fetch/),
      });
    }
    expect(articles.filter((a) => a.text?.includes(CANARY_SECRET))).toEqual([]);

    // The sitemap's own child is read; the children on other origins stop the poll before any connection.
    const sitemap = await t.db
      .selectFrom('sources')
      .select(['last_error'])
      .where('name', '=', '/sitemap-index.xml')
      .executeTakeFirstOrThrow();
    expect(sitemap.last_error).toMatch(/refusing to fetch loopback address 127\.0\.0\.1/);
  });
});
