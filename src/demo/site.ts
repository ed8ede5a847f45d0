import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ARTICLES, type DemoArticle } from './articles.js';
import { escapeHtml as esc } from '../web/html.js';

const SITES = { northwind: 'Northwind Tech News', capitalwire: 'Capital Wire' } as const;

function page(base: string, a: DemoArticle): string {
  const site = SITES[a.site];
  const related = DEMO_ARTICLES.filter((o) => o.slug !== a.slug)
    .slice(0, 3)
    .map((o) => `<li><a href="${base}/${o.site}/${o.slug}">${esc(o.title)}</a></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${esc(a.title)} | ${site}</title>
<link rel="canonical" href="${base}/${a.site}/${a.slug}">
<meta property="og:site_name" content="${site}"><meta property="og:title" content="${esc(a.title)}">
<meta property="article:published_time" content="${a.published}"><meta name="author" content="${esc(a.author)}">
</head><body>
<header><nav><a href="${base}/">Home</a> <a href="${base}/startups">Startups</a> <a href="${base}/newsletter">Newsletter</a></nav></header>
<main><article>
<h1>${esc(a.title)}</h1>
<p class="byline">By ${esc(a.author)} · <time datetime="${a.published}">${a.published.slice(0, 10)}</time></p>
${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article>
<aside class="related"><h2>Related stories</h2><ul>${related}</ul></aside></main>
<footer><p>© 2026 ${site}. All rights reserved.</p><a href="${base}/privacy">Privacy</a></footer>
</body></html>`;
}

function feed(base: string): string {
  const items = DEMO_ARTICLES.map(
    (a) => `<item><title>${esc(a.title)}</title><link>${base}/${a.site}/${a.slug}</link>
<guid>${base}/${a.site}/${a.slug}</guid><pubDate>${new Date(a.published).toUTCString()}</pubDate></item>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>dealflow demo feed</title><link>${base}/</link>
<description>Sample funding news</description>
${items}
</channel></rss>`;
}

export interface DemoSite {
  feedUrl: string;
  close(): Promise<void>;
}

/** Serve the bundled sample feed and article pages on 127.0.0.1 for the offline demo. */
export async function startDemoSite(port = 0): Promise<DemoSite> {
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed(base));
      return;
    }
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      return;
    }
    const article = DEMO_ARTICLES.find((a) => path === `/${a.site}/${a.slug}`);
    if (!article) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(base, article));
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    feedUrl: `http://127.0.0.1:${bound}/feed.xml`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
