import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { prng } from './prng.js'; // deterministic, so every run serves the same pages

/** One synthetic funding story: a unique company raising a known amount. */
export interface NewsStory {
  slug: string;
  company: string;
  amountMillions: number;
}

export interface NewsSite {
  feedUrl: string;
  stories: NewsStory[];
  close(): Promise<void>;
}

const SYLLABLES = [
  'ka',
  'zo',
  'mi',
  'tre',
  'vos',
  'lu',
  'na',
  'pex',
  'dri',
  'qua',
  'sol',
  'ven',
  'or',
  'bix',
  'tal',
  'mun',
  'ge',
  'ryn',
  'fa',
  'cho',
  'plo',
  'sik',
  'wen',
  'dax',
];

function word(next: () => number, syllables: number): string {
  return Array.from({ length: syllables }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]!).join('');
}

/**
 * Paragraphs of pseudo-words drawn per article, so no two stories are near-duplicates by simhash,
 * around one sentence the fake LLM's `headlineDeals` handler turns into exactly one deal.
 */
function storyHtml(base: string, story: NewsStory, index: number, seed: number): string {
  const next = prng(seed * 100_003 + index + 1);
  const filler = () => `${Array.from({ length: 45 }, () => word(next, 2 + Math.floor(next() * 3))).join(' ')}.`;
  const paragraphs = [
    `${story.company} raised $${story.amountMillions} million to grow its team, the company said on Tuesday.`,
    filler(),
    filler(),
    filler(),
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Funding news: ${story.slug}</title>
<link rel="canonical" href="${base}/news/${story.slug}">
<meta property="og:site_name" content="Fault Test News"><meta property="article:published_time" content="2026-03-0${(index % 9) + 1}T10:00:00Z">
</head><body><main><article><h1>Funding news: ${story.slug}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}
</article></main></body></html>`;
}

/**
 * A small news site on 127.0.0.1 serving `count` funding stories and an RSS feed listing them.
 * `prefix` keeps slugs and company names distinct between sites sharing one database.
 */
export async function startNewsSite(count: number, prefix = 'a'): Promise<NewsSite> {
  const seed = [...prefix].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
  const next = prng(seed);
  const stories: NewsStory[] = Array.from({ length: count }, (_, i) => {
    const name = word(next, 3);
    return {
      slug: `${prefix}-${i}`,
      company: `${name[0]!.toUpperCase()}${name.slice(1)} ${prefix.toUpperCase()}${i}`,
      amountMillions: 1 + i,
    };
  });
  const server = http.createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/feed.xml') {
      const items = stories.map(
        (s) => `<item><title>${s.slug}</title><link>${base}/news/${s.slug}</link><guid>${base}/news/${s.slug}</guid></item>`,
      );
      res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Fault test feed</title><link>${base}/</link>\n${items.join('\n')}\n</channel></rss>`,
        );
      return;
    }
    if (path === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      return;
    }
    const index = stories.findIndex((s) => path === `/news/${s.slug}`);
    if (index < 0) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(storyHtml(base, stories[index]!, index, seed));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    feedUrl: `http://127.0.0.1:${port}/feed.xml`,
    stories,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
