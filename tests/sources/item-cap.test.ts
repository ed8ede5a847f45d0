import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { testDeps } from '../helpers/app.js';
import { addSource } from '../../src/pipeline/add-source.js';
import { pollSource } from '../../src/pipeline/poll-source.js';
import { getSource } from '../../src/store/sources.js';
import { insertDiscovered } from '../../src/store/articles.js';
import { discoverSource } from '../../src/sources/parse.js';

const feed = (n: number): string =>
  `<rss version="2.0"><channel>${Array.from({ length: n }, (_, i) => `<item><link>https://wire.example.com/story-${i}-of-many</link></item>`).join('')}</channel></rss>`;

describe('item cap', () => {
  it('discoverSource keeps the first maxItems distinct URLs and counts the rest', () => {
    const found = discoverSource('rss', feed(12), 'https://wire.example.com/rss', { maxItems: 5 });
    expect(found.items.map((i) => i.url)).toEqual([0, 1, 2, 3, 4].map((i) => `https://wire.example.com/story-${i}-of-many`));
    expect(found).toMatchObject({ total: 12, dropped: 7 });
  });

  describe('pollSource with SOURCE_MAX_ITEMS', () => {
    let t: TestDb;
    let server: Server;
    let url: string;
    let size = 12;
    const urlset = (from: number, n: number) =>
      `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${Array.from({ length: n }, (_, i) => `<url><loc>https://wire.example.com/map-story-${from + i}</loc></url>`).join('')}</urlset>`;
    beforeAll(async () => {
      t = await createTestDb();
      server = createServer((req, res) => {
        const origin = `http://${req.headers.host}`;
        if (req.url === '/index.xml') {
          return res
            .writeHead(200, { 'content-type': 'application/xml' })
            .end(
              `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${origin}/a.xml</loc></sitemap><sitemap><loc>${origin}/b.xml</loc></sitemap></sitemapindex>`,
            );
        }
        if (req.url === '/a.xml') return res.writeHead(200, { 'content-type': 'application/xml' }).end(urlset(0, 4));
        if (req.url === '/b.xml') return res.writeHead(200, { 'content-type': 'application/xml' }).end(urlset(100, 4));
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed(size));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rss`;
    });
    afterAll(async () => {
      await new Promise((r) => server.close(r));
      await t.drop();
    });

    it('records the cut on the source and clears it once the feed fits', async () => {
      const deps = testDeps(t.db, { SOURCE_MAX_ITEMS: '5', FETCH_RESPECT_ROBOTS: 'false' });
      try {
        const source = await addSource(deps, url, { kind: 'rss', allowPrivate: true });
        const first = await pollSource(deps, source.id);
        expect(first.discovered).toBe(5);
        const after = await getSource(t.db, source.id);
        expect(after?.last_error).toBe('item cap: read 5 of 12 items (SOURCE_MAX_ITEMS=5)');
        expect(after?.error_count).toBe(0);

        size = 3;
        await pollSource(deps, source.id);
        expect((await getSource(t.db, source.id))?.last_error).toBeNull();
      } finally {
        await deps.close();
      }
    });

    it('caps a sitemap index and its children together', async () => {
      const deps = testDeps(t.db, { SOURCE_MAX_ITEMS: '5', FETCH_RESPECT_ROBOTS: 'false' });
      try {
        const source = await addSource(deps, url.replace('/rss', '/index.xml'), { kind: 'sitemap', allowPrivate: true });
        expect((await pollSource(deps, source.id)).discovered).toBe(5);
        expect((await getSource(t.db, source.id))?.last_error).toBe('item cap: read 5 of 8 items (SOURCE_MAX_ITEMS=5)');
      } finally {
        await deps.close();
      }
    });

    it('stores more discovered articles than one INSERT statement can carry', async () => {
      const many = Array.from({ length: 14_000 }, (_, i) => ({
        url: `https://bulk.example.com/a/${i}`,
        title: null,
        publishedAt: null,
        summary: null,
      }));
      expect(await insertDiscovered(t.db, null, many)).toHaveLength(14_000);
    });
  });
});
