import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { testDeps } from '../helpers/app.js';
import { insertDiscovered } from '../../src/store/articles.js';
import { insertSource } from '../../src/store/sources.js';
import { processArticle } from '../../src/pipeline/process-article.js';
import { hammingDistance, simhash } from '../../src/parse/fingerprint.js';

// Long shared boilerplate makes different announcements look alike to simhash.
const BOILER = Array.from(
  { length: 40 },
  (_, i) =>
    `The programme supports founders in sector number ${i + 1} with mentoring, office space, investor introductions and a network of advisers across the region.`,
).join(' ');
const TEXTS = {
  original: `Northgate Robotics has raised $10 million in a seed round led by Alder Ventures. ${BOILER}`,
  otherDeal: `Quillfield Energy has raised $12 million in a seed round led by Alder Ventures. ${BOILER}`,
  copy: `Northgate Robotics has raised $10 million in a seed round led by Alder Ventures. ${BOILER} This article first appeared on Partner Wire.`,
};

let server: http.Server;
let base: string;
let t: TestDb;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const key = (req.url ?? '').slice(1) as keyof typeof TEXTS;
    if (!(key in TEXTS)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html lang="en"><head><title>${key}</title></head><body><article><p>${TEXTS[key]}</p></article></body></html>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestDb();
});
afterAll(async () => {
  server?.close();
  await t?.drop();
});

describe('near-duplicate articles', () => {
  it('takes a syndicated copy as a duplicate but not a templated release about another deal', async () => {
    // Precondition: all three are simhash-near, so only the figures can tell them apart.
    expect(hammingDistance(simhash(TEXTS.original), simhash(TEXTS.otherDeal))).toBeLessThanOrEqual(3);
    expect(hammingDistance(simhash(TEXTS.original), simhash(TEXTS.copy))).toBeLessThanOrEqual(3);
    const deps = testDeps(t.db, { FETCH_ALLOW_PRIVATE: 'true', FETCH_RESPECT_ROBOTS: 'false' });
    try {
      // FETCH_ALLOW_PRIVATE trusts a source's origin, so the articles come from a source on that origin.
      const source = await insertSource(t.db, {
        url: `${base}/feed.xml`,
        kind: 'rss',
        name: null,
        link_selector: null,
        interval_ms: 60_000,
        allow_private: false,
      });
      const [original, otherDeal, copy] = await insertDiscovered(
        t.db,
        source.id,
        ['original', 'otherDeal', 'copy'].map((k) => ({ url: `${base}/${k}` })),
      );
      expect(await processArticle(deps, original!)).toMatchObject({ status: 'extracted', deals: 1 });
      expect(await processArticle(deps, otherDeal!)).toMatchObject({ status: 'extracted', deals: 1 });
      expect(await processArticle(deps, copy!)).toMatchObject({ status: 'duplicate', duplicateOf: original });
      const companies = await t.db.selectFrom('companies').select('name').orderBy('name').execute();
      expect(companies.map((c) => c.name)).toEqual(['Northgate Robotics', 'Quillfield Energy']);
    } finally {
      await deps.close();
    }
  });
});
