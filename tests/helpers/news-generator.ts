import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ARTICLE_END, ARTICLE_START } from '../../src/extract/llm/prompt.js';
import type { Round } from '../../src/deal/schema.js';
import { promptText, type FakeHandler } from './fake-openai.js';
import { prng } from './prng.js';
import { escapeHtml as esc } from '../../src/web/html.js';

/**
 * A deterministic synthetic news world for load tests: funding announcements in varied
 * currencies and rounds, second reports of the same deal by another publisher, verbatim
 * syndicated copies and articles with no deal at all. Same seed, same world.
 */

export interface GeneratedDeal {
  company: string;
  city: string;
  round: Round;
  /** As written in the article, e.g. "€8.5 million". */
  amountText: string;
  lead: string;
}

export interface GeneratedArticle {
  index: number;
  /** Publisher index (one host per publisher when served). */
  site: number;
  path: string;
  title: string;
  published: string;
  paragraphs: string[];
  kind: 'deal' | 'second_report' | 'syndicated' | 'no_deal';
  /** The deal the article reports (shared with the original for second reports and copies). */
  deal: GeneratedDeal | null;
}

export const PUBLISHERS = ['Northwind Tech News', 'Capital Wire', 'Startup Ledger', 'Venture Daily', 'Seed Signal', 'Founders Post'];

const SYLLABLES = [
  'lu',
  'mo',
  'ra',
  'ven',
  'ta',
  'qua',
  'zel',
  'ori',
  'pax',
  'nim',
  'bri',
  'sol',
  'tek',
  'vio',
  'kai',
  'dro',
  'fen',
  'gal',
  'hex',
  'ivo',
  'jun',
  'kor',
  'lyr',
  'mar',
  'nex',
  'oda',
  'pri',
  'rho',
  'sen',
  'tor',
];
const SUFFIXES = ['', '', '', ' Labs', ' AI', ' Health', ' Robotics', ' Pay', ' Bio', ' Energy'];
const CITIES: Array<[city: string, currencies: string[]]> = [
  ['Berlin', ['€']],
  ['Paris', ['€']],
  ['London', ['£', '$']],
  ['Stockholm', ['SEK ', '€']],
  ['Zurich', ['CHF ']],
  ['Bengaluru', ['₹', '$']],
  ['Tokyo', ['¥']],
  ['Sydney', ['A$']],
  ['Toronto', ['C$']],
  ['San Francisco', ['$']],
  ['New York', ['$']],
  ['Austin', ['$']],
  ['Singapore', ['$']],
  ['Lagos', ['$']],
  ['São Paulo', ['$']],
];
const SECTORS = [
  'fintech',
  'climate tech',
  'logistics',
  'healthtech',
  'developer tools',
  'robotics',
  'insurtech',
  'edtech',
  'cybersecurity',
  'agritech',
];
const ROUNDS: Array<[Round, string, min: number, max: number]> = [
  ['pre_seed', 'pre-seed', 0.5, 3],
  ['seed', 'seed', 1, 8],
  ['series_a', 'Series A', 5, 30],
  ['series_b', 'Series B', 20, 80],
  ['series_c', 'Series C', 40, 200],
  ['series_d', 'Series D', 80, 400],
];
const INVESTORS = [
  'Acme Ventures',
  'Northstar Capital',
  'Blue Harbor Partners',
  'Granite Peak Ventures',
  'Lattice Fund',
  'Meridian Growth',
  'Orchard Capital',
  'Tidewater Ventures',
  'Summit Lane Partners',
  'Kestrel Capital',
];
const FILLER = [
  'The company plans to use the new capital to expand its engineering team and enter new markets over the next eighteen months.',
  'Founded three years ago, the startup says its customer base has tripled since last year, driven largely by mid-sized businesses.',
  '"We are building the infrastructure this industry should have had a decade ago," the chief executive said in an interview.',
  'Analysts say investor appetite for the sector has recovered after a slow period, although valuations remain below their peak.',
  'The team currently employs around sixty people across two offices and expects to double headcount by the end of next year.',
  'Competition in the space is intense, with several larger incumbents launching similar products in recent months.',
  'The startup did not disclose revenue figures but said it had reached profitability in two of its core markets.',
  'Existing backers also took part, according to a person familiar with the matter who asked not to be named.',
  'Its software is used by hospitals, retailers and logistics firms, and the company says churn is below five percent.',
  'The founders previously built and sold a payments business, and several of their former colleagues have joined them.',
  'Regulators in the region have signalled tighter rules for the sector, which the company says will favour established players.',
  'The startup expects to launch in three additional countries before the end of the year, starting with Germany.',
  'A board seat will go to the lead investor, and an independent director is expected to join later this year.',
  'The chief financial officer said the company has enough runway to reach its next milestones without raising again soon.',
  'Customers include two of the five largest banks in the country, according to the company.',
  'The market for such tools is fragmented, with dozens of small vendors competing for the same mid-market customers.',
  'Part of the money will go to research, including a new lab focused on applied machine learning.',
  'The company declined to comment on its valuation, saying only that the round was oversubscribed.',
  'Hiring will focus on sales and customer success, with new roles posted in London, Singapore and Austin.',
  'Its annual recurring revenue more than doubled last year, the founders said, without giving exact figures.',
];
const NO_DEAL = [
  (c: string) => [
    `${c} launches a new analytics dashboard`,
    `${c} today introduced a dashboard that lets operations teams track shipments in real time.`,
    'The product is available to existing customers at no extra charge and will roll out to new accounts next month.',
  ],
  (c: string) => [
    `${c} appoints a new chief technology officer`,
    `${c} has hired a former cloud executive as its chief technology officer, the company said on Tuesday.`,
    'She will oversee a team of forty engineers and report directly to the founders.',
  ],
  (c: string) => [
    `${c} opens an office in Lisbon`,
    `${c} is opening a new office in Lisbon to serve customers in southern Europe.`,
    'The office will host sales and support staff and is expected to employ twenty people within a year.',
  ],
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** A company name not used before in this world, so distinct stories never share a company by chance. */
function companyName(r: () => number, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const parts = 2 + Math.floor(r() * 2);
    let name = '';
    for (let i = 0; i < parts; i++) name += pick(r, SYLLABLES);
    // Unique by stem, stricter than the pipeline's company key ("Luramo AI" ≠ "Luramo Labs" there).
    const stem = attempt < 20 ? name : `${name}${pick(r, SYLLABLES)}${attempt}`;
    if (used.has(stem)) continue;
    used.add(stem);
    return cap(stem) + pick(r, SUFFIXES);
  }
}

function amountText(r: () => number, symbol: string, min: number, max: number): string {
  const millions = min + r() * (max - min);
  // Yen and rupee rounds are written in larger units, as the press does.
  const scaled = symbol === '¥' ? millions * 150 : symbol === '₹' ? millions * 85 : millions;
  if (scaled >= 1000) return `${symbol}${(scaled / 1000).toFixed(1)} billion`;
  return `${symbol}${scaled >= 10 ? Math.round(scaled) : scaled.toFixed(1)} million`;
}

/** `count` articles; the world is a prefix of any larger one with the same seed. */
export function generateNews(count: number, seed = 7): GeneratedArticle[] {
  const articles: GeneratedArticle[] = [];
  const used = new Set<string>();
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < count; i++) {
    const r = prng(seed * 1_000_003 + i);
    const site = Math.floor(r() * PUBLISHERS.length);
    const published = new Date(start + i * 2_400_000 + Math.floor(r() * 600_000)).toISOString();
    const roll = r();
    const earlier = i >= 20 ? articles[i - 1 - Math.floor(r() * Math.min(i, 200))]! : null;
    const base = { index: i, site, path: `/${site}/story-${i}`, published };
    if (earlier?.deal && earlier.kind === 'deal' && roll < 0.08) {
      // Verbatim syndication: same text under another URL (the article-level dedupe's job).
      articles.push({ ...base, title: earlier.title, paragraphs: earlier.paragraphs, kind: 'syndicated', deal: earlier.deal });
      continue;
    }
    if (earlier?.deal && earlier.kind === 'deal' && roll < 0.16) {
      // Another publisher's own write-up of the same round (the deal-level dedupe's job).
      const d = earlier.deal;
      const roundWord = ROUNDS.find(([k]) => k === d.round)![1];
      articles.push({
        ...base,
        title: `${d.company} closes ${d.amountText} ${roundWord} round`,
        paragraphs: [
          `${d.company}, a ${d.city}-based startup, has raised ${d.amountText} in a ${roundWord} round led by ${d.lead}.`,
          `The round closed this week, ${d.company} said in a statement.`,
          pick(r, FILLER),
          pick(r, FILLER),
        ],
        kind: 'second_report',
        deal: d,
      });
      continue;
    }
    const company = companyName(r, used);
    if (roll < 0.3) {
      const [title, ...body] = pick(r, NO_DEAL)(company);
      articles.push({ ...base, title: title!, paragraphs: [...body, pick(r, FILLER), pick(r, FILLER)], kind: 'no_deal', deal: null });
      continue;
    }
    const [city, currencies] = pick(r, CITIES);
    const [round, roundWord, min, max] = pick(r, ROUNDS);
    const deal: GeneratedDeal = {
      company,
      city,
      round,
      amountText: amountText(r, pick(r, currencies), min, max),
      lead: pick(r, INVESTORS),
    };
    const backer = pick(
      r,
      INVESTORS.filter((x) => x !== deal.lead),
    );
    articles.push({
      ...base,
      title: `${company} raises ${deal.amountText} ${roundWord} to grow its ${pick(r, SECTORS)} platform`,
      paragraphs: [
        `${company}, a ${city}-based ${pick(r, SECTORS)} startup, has raised ${deal.amountText} in a ${roundWord} round led by ${deal.lead}, with participation from ${backer}.`,
        ...Array.from({ length: 3 + Math.floor(r() * 4) }, () => pick(r, FILLER)),
      ],
      kind: 'deal',
      deal,
    });
  }
  return articles;
}

/** Distinct deals the world contains (what a perfect pipeline stores). */
export function expectedDeals(articles: GeneratedArticle[]): number {
  return new Set(articles.filter((a) => a.kind === 'deal').map((a) => `${a.deal!.company}|${a.deal!.round}`)).size;
}

/** A realistic article page: navigation, byline, body, related links, footer. */
export function renderArticlePage(a: GeneratedArticle, url: string, related: Array<{ url: string; title: string }>): string {
  const site = PUBLISHERS[a.site]!;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${esc(a.title)} | ${site}</title>
<link rel="canonical" href="${url}">
<meta property="og:site_name" content="${site}"><meta property="og:title" content="${esc(a.title)}">
<meta property="article:published_time" content="${a.published}"><meta name="author" content="Staff Reporter">
</head><body>
<header><nav><a href="/">Home</a> <a href="/startups">Startups</a> <a href="/funding">Funding</a> <a href="/newsletter">Newsletter</a></nav></header>
<main><article>
<h1>${esc(a.title)}</h1>
<p class="byline">By Staff Reporter · <time datetime="${a.published}">${a.published.slice(0, 10)}</time></p>
${a.paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}
</article>
<aside class="related"><h2>Related stories</h2><ul>${related.map((r) => `<li><a href="${r.url}">${esc(r.title)}</a></li>`).join('')}</ul></aside></main>
<footer><p>© 2026 ${site}. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>`;
}

export function renderRss(title: string, link: string, items: Array<{ url: string; title: string; published: string }>): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${esc(i.title)}</title><link>${i.url}</link><guid>${i.url}</guid><pubDate>${new Date(i.published).toUTCString()}</pubDate></item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${esc(title)}</title><link>${link}</link>\n${body}\n</channel></rss>`;
}

export interface NewsSite {
  /** One RSS feed per publisher and `perFeed` of its articles, on the publisher's host. */
  feedUrls: string[];
  articles: GeneratedArticle[];
  close(): Promise<void>;
}

/**
 * Serve the world over HTTP: publisher p on 127.0.0.(2+p), all on one port, so the fetcher's
 * per-host politeness applies per publisher as it would on the internet. Each publisher's feeds
 * live on its own host and list its own stories: a source added with --allow-private is trusted
 * on its own origin only, so a feed on another host could not lead to them.
 */
export async function startNewsSite(articles: GeneratedArticle[], opts: { perFeed?: number } = {}): Promise<NewsSite> {
  const perFeed = opts.perFeed ?? 250;
  const hostOf = (site: number) => `127.0.0.${2 + site}`;
  const hosts = PUBLISHERS.map((_, p) => hostOf(p));
  let port = 0;
  const urlOf = (a: GeneratedArticle) => `http://${hostOf(a.site)}:${port}${a.path}`;
  // Feed n: one publisher's stories, at most perFeed of them, served on that publisher's host.
  const feeds: Array<{ site: number; stories: GeneratedArticle[] }> = [];
  for (let p = 0; p < PUBLISHERS.length; p++) {
    const own = articles.filter((a) => a.site === p);
    for (let at = 0; at < own.length; at += perFeed) feeds.push({ site: p, stories: own.slice(at, at + perFeed) });
  }
  const handler: http.RequestListener = (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const match = /^\/feeds\/(\d+)\.xml$/.exec(path);
    if (match) {
      const n = Number(match[1]);
      const feed = feeds[n];
      if (!feed || req.headers.host !== `${hostOf(feed.site)}:${port}`) return void res.writeHead(404).end();
      const items = feed.stories.map((a) => ({ url: urlOf(a), title: a.title, published: a.published }));
      res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' })
        .end(renderRss(`Feed ${n}`, `http://${hostOf(feed.site)}:${port}/`, items));
      return;
    }
    if (path === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    const story = /^\/(\d+)\/story-(\d+)$/.exec(path);
    const a = story ? articles[Number(story[2])] : undefined;
    if (!a || a.path !== path) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const related = [1, 2, 3].map((k) => articles[(a.index + k * 97) % articles.length]!).map((o) => ({ url: urlOf(o), title: o.title }));
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderArticlePage(a, urlOf(a), related));
  };
  const servers: http.Server[] = [];
  for (const host of hosts) {
    const server = http.createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    if (port === 0) port = (server.address() as AddressInfo).port;
    servers.push(server);
  }
  return {
    feedUrls: feeds.map((f, n) => `http://${hostOf(f.site)}:${port}/feeds/${n}.xml`),
    articles,
    close: async () => {
      await Promise.all(
        servers.map((s) => {
          s.closeAllConnections();
          return new Promise<void>((resolve) => s.close(() => resolve()));
        }),
      );
    },
  };
}

const ROUND_WORDS = new Map(ROUNDS.map(([k, w]) => [w.toLowerCase(), k]));
const LEAD_SENTENCE =
  /([A-Z][\w-]*(?: [A-Z][\w-]*)*), an? ([\p{L} ]+?)-based [^.,]*?startup, has raised ((?:[A-Z]{1,3}\$?|[$€£¥₹]) ?[\d.]+ (?:million|billion)) in an? ([\w -]+?) round led by ([A-Z][\w]*(?: [A-Z][\w]*)*)/gu;

/**
 * Fake-model answers for the generated world: a deal, with evidence quotes, for every lead
 * sentence inside the article markers, computed from the text alone (no knowledge of the world).
 */
export const generatedWorldDeals: FakeHandler = (req) => {
  const prompt = promptText(req);
  const data = prompt.slice(prompt.indexOf(ARTICLE_START) + ARTICLE_START.length, prompt.lastIndexOf(ARTICLE_END));
  const deals = [...data.matchAll(LEAD_SENTENCE)].map((m) => ({
    company: m[1],
    country: null,
    round: ROUND_WORDS.get(m[4]!.toLowerCase()) ?? 'undisclosed',
    status: 'announced',
    amountText: m[3],
    valuationText: null,
    investors: [{ name: m[5], lead: true }],
    announcedOn: null,
    evidence: [
      { field: 'company', quote: m[0] },
      { field: 'amount', quote: m[3] },
    ],
    confidence: 0.9,
  }));
  return { content: { deals } };
};
