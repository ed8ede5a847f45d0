import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { escapeHtml as esc } from '../../../src/web/html.js';
import { ARTICLES, PUBLISHERS, type FixtureArticle, type PublisherId } from './articles.js';

/**
 * The deduplication fixture site on 127.0.0.1: seven publishers under their own path, each with
 * its own source kind (RSS, Atom, an HTML listing page, a sitemap, a JSON feed) and page markup.
 * Deterministic: the same pages on every run.
 */

const FEED_PATHS: Record<PublisherId, string> = {
  meridian: '/meridian/rss.xml',
  stackline: '/stackline/atom.xml',
  citybyte: '/citybyte/latest',
  prdispatch: '/prdispatch/sitemap.xml',
  courier: '/courier/feed/',
  merlion: '/merlion/feed.json',
  termsheet: '/termsheet/issues.rss',
};

export function articlePath(a: FixtureArticle): string {
  return `/${a.publisher}/${a.published.slice(0, 4)}/${a.published.slice(5, 7)}/${a.slug}`;
}

function ofPublisher(p: PublisherId): FixtureArticle[] {
  return ARTICLES.filter((a) => a.publisher === p).sort((x, y) => y.published.localeCompare(x.published));
}

const paras = (a: FixtureArticle) => a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n');

/** Each publisher's page template: what differs between real sites (metadata, bylines, chrome). */
function page(base: string, a: FixtureArticle): string {
  const site = PUBLISHERS[a.publisher].name;
  const url = `${base}${articlePath(a)}`;
  const head = `<meta charset="utf-8"><title>${esc(a.title)} | ${esc(site)}</title>
<link rel="canonical" href="${url}"><meta property="og:site_name" content="${esc(site)}">
<meta property="og:title" content="${esc(a.title)}">`;
  const more = ofPublisher(a.publisher)
    .filter((o) => o.slug !== a.slug)
    .slice(0, 3)
    .map((o) => `<li><a href="${base}${articlePath(o)}">${esc(o.title)}</a></li>`)
    .join('');
  const chrome = (extraHead: string, body: string) =>
    `<!doctype html><html lang="en"><head>${head}\n${extraHead}</head><body>${body}</body></html>`;
  switch (a.publisher) {
    case 'meridian':
    case 'courier':
      return chrome(
        `<meta property="article:published_time" content="${a.published}"><meta name="author" content="${esc(a.author)}">`,
        `<header><a href="${base}/${a.publisher}/">${esc(site)}</a></header>
<main><article><h1>${esc(a.title)}</h1>
<div class="byline">By ${esc(a.author)} · <time datetime="${a.published}">${a.published.slice(0, 10)}</time></div>
${paras(a)}
</article><aside><h2>More news</h2><ul>${more}</ul></aside></main>
<footer>© 2026 ${esc(site)}</footer>`,
      );
    case 'prdispatch':
      return chrome(
        `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: a.title, datePublished: a.published })}</script>`,
        `<div class="top"><a href="${base}/prdispatch/">PR Dispatch</a> · Press releases</div>
<div class="release"><h1>${esc(a.title)}</h1><p class="meta">News provided by PR Dispatch · ${a.published.slice(0, 10)}</p>
<div class="release-body">${paras(a)}</div></div>
<div class="sidebar"><h3>Recent releases</h3><ul>${more}</ul></div>`,
      );
    default:
      return chrome(
        `<meta property="article:published_time" content="${a.published}">`,
        `<nav><a href="${base}/${a.publisher}/">Home</a> <a href="${base}/${a.publisher}/about">About</a></nav>
<article class="post"><header><h1 class="entry-title">${esc(a.title)}</h1>
<span class="author">${esc(a.author)}</span> — <time class="published" datetime="${a.published}">${a.published.slice(0, 10)}</time></header>
<div class="entry-content">${paras(a)}</div></article>
<section class="related"><h2>Read next</h2><ul>${more}</ul></section>
<footer><a href="${base}/${a.publisher}/privacy">Privacy</a></footer>`,
      );
  }
}

function source(base: string, p: PublisherId): { type: string; body: string } {
  const items = ofPublisher(p);
  const name = esc(PUBLISHERS[p].name);
  const link = (a: FixtureArticle) => `${base}${articlePath(a)}`;
  switch (PUBLISHERS[p].kind) {
    case 'rss':
      return {
        type: 'application/rss+xml; charset=utf-8',
        body: `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>${name}</title><link>${base}/${p}/</link>
${items.map((a) => `<item><title>${esc(a.title)}</title><link>${link(a)}</link><guid>${link(a)}</guid><pubDate>${new Date(a.published).toUTCString()}</pubDate></item>`).join('\n')}
</channel></rss>`,
      };
    case 'atom':
      return {
        type: 'application/atom+xml; charset=utf-8',
        body: `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>${name}</title><id>${base}/${p}/</id><updated>${items[0]!.published}</updated>
${items.map((a) => `<entry><title>${esc(a.title)}</title><link rel="alternate" href="${link(a)}"/><id>${link(a)}</id><updated>${a.published}</updated><author><name>${esc(a.author)}</name></author></entry>`).join('\n')}
</feed>`,
      };
    case 'sitemap':
      return {
        type: 'application/xml; charset=utf-8',
        body: `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${items.map((a) => `<url><loc>${link(a)}</loc><lastmod>${a.published}</lastmod></url>`).join('\n')}
</urlset>`,
      };
    case 'jsonfeed':
      return {
        type: 'application/feed+json; charset=utf-8',
        body: JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: PUBLISHERS[p].name,
          items: items.map((a) => ({ id: link(a), url: link(a), title: a.title, date_published: a.published })),
        }),
      };
    case 'html':
      return {
        type: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Latest news | ${name}</title></head><body>
<nav><a href="${base}/${p}/">Home</a> <a href="${base}/${p}/about">About</a> <a href="${base}/${p}/tag/fintech">Fintech</a></nav>
<main><h1>Latest</h1>
${items.map((a) => `<div class="story"><h2><a href="${link(a)}">${esc(a.title)}</a></h2><time datetime="${a.published}">${a.published.slice(0, 10)}</time></div>`).join('\n')}
</main><footer><a href="${base}/${p}/privacy">Privacy</a></footer></body></html>`,
      };
  }
}

export interface DedupeSite {
  base: string;
  /** One source URL per publisher, in PUBLISHERS order. */
  sourceUrls: string[];
  /** Absolute URL of each article, keyed by `publisher/slug`. */
  urlOf(a: FixtureArticle): string;
  close(): Promise<void>;
}

export async function startDedupeSite(): Promise<DedupeSite> {
  const byPath = new Map(ARTICLES.map((a) => [articlePath(a), a]));
  const sources = new Map(Object.entries(FEED_PATHS).map(([p, path]) => [path, p as PublisherId]));
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      return;
    }
    const publisher = sources.get(path);
    if (publisher) {
      const { type, body } = source(base, publisher);
      res.writeHead(200, { 'content-type': type }).end(body);
      return;
    }
    const article = byPath.get(path);
    if (!article) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(base, article));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    sourceUrls: (Object.keys(PUBLISHERS) as PublisherId[]).map((p) => `${base}${FEED_PATHS[p]}`),
    urlOf: (a) => `${base}${articlePath(a)}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
