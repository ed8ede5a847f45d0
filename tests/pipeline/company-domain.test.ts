import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestOnce } from '../../src/pipeline/run-once.js';
import { insertSource } from '../../src/store/sources.js';
import { testDeps } from '../helpers/app.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

// "The domain when the article links it": a local page linking the company's site (and an
// investor's, a social network's and the publisher's own pages) through the whole pipeline.
const ARTICLES: Record<string, string> = {
  '/tallowby-seed': `<p><a href="https://www.tallowby.ie/">Tallowby</a>, a Cork-based packaging startup, has raised €2 million in a seed round led by <a href="https://leeriver.vc/">Lee River Ventures</a>.</p>
<p>Follow the company on <a href="https://www.linkedin.com/company/tallowby">LinkedIn</a> or read <a href="/tallowby-earlier">our earlier story</a>.</p>`,
  '/quillon-a': `<p>Quillon, a Leeds-based edtech startup, has raised £5 million in a Series A round led by Tidewater Ventures, the company said.</p>
<p>The company plans to hire engineers and expand into new markets next year.</p>`,
};

let base = '';
const server = http.createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0]!;
  if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
  if (path === '/feed.xml') {
    const items = Object.keys(ARTICLES)
      .map((p) => `<item><title>${p}</title><link>${base}${p}</link></item>`)
      .join('');
    return void res
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`);
  }
  const body = ARTICLES[path];
  if (!body) return void res.writeHead(404).end();
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Funding news</title><meta property="article:published_time" content="2026-02-02T09:00:00Z"></head>
<body><main><article><h1>Funding news</h1>${body}
<p>The company plans to use the money to hire engineers and expand into new markets next year.</p></article></main></body></html>`);
});

let t: TestDb;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  t = await createTestDb();
  const deps = testDeps(t.db);
  await insertSource(t.db, {
    url: `${base}/feed.xml`,
    kind: 'rss',
    name: 'local',
    link_selector: null,
    interval_ms: 60_000,
    allow_private: true,
  });
  try {
    await ingestOnce(deps, { concurrency: 1 });
  } finally {
    await deps.close();
  }
}, 120_000);
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await t?.drop();
});

describe('company domain from the article links', () => {
  it('sets the domain of a company whose site the article links, and none without a link', async () => {
    const rows = await t.db.selectFrom('companies').select(['name', 'domain']).where('merged_into', 'is', null).orderBy('name').execute();
    expect(rows).toEqual([
      { name: 'Quillon', domain: null },
      { name: 'Tallowby', domain: 'tallowby.ie' },
    ]);
  });
});
