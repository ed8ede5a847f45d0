import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/charset.js';
import { detectSourceKind, discoverItems, MAX_ITEMS_PER_SOURCE, SourceParseError, type SourceKind } from '../../src/sources/parse.js';

const fixture = (name: string): string => decodeBody(readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url)), null).text;
const urls = (items: Array<{ url: string }>): string[] => items.map((i) => i.url);

describe('detectSourceKind', () => {
  it.each<[string, SourceKind]>([
    ['rss2.xml', 'rss'],
    ['rss091.xml', 'rss'],
    ['rdf.xml', 'rdf'],
    ['atom.xml', 'atom'],
    ['jsonfeed-1.0.json', 'jsonfeed'],
    ['jsonfeed-1.1.json', 'jsonfeed'],
    ['sitemap-news.xml', 'sitemap'],
    ['sitemap-index.xml', 'sitemap'],
    ['listing.html', 'html'],
    ['html-instead.html', 'html'],
    ['malformed-junk-prefix.xml', 'rss'],
    ['malformed-truncated.xml', 'rss'],
  ])('%s → %s', (name, kind) => {
    expect(detectSourceKind(fixture(name), null)).toBe(kind);
  });

  it('reads the body before trusting the Content-Type', () => {
    expect(detectSourceKind(fixture('atom.xml'), 'application/rss+xml')).toBe('atom');
    expect(detectSourceKind(fixture('html-instead.html'), 'application/rss+xml')).toBe('html');
  });

  it('falls back on the Content-Type when the body has no recognisable root', () => {
    expect(detectSourceKind('<item><title>x</title></item>', 'application/rss+xml')).toBe('rss');
    expect(detectSourceKind('', 'text/html')).toBe('html');
  });
});

describe('RSS', () => {
  const items = discoverItems('rss', fixture('rss2.xml'), 'https://news.example.com/feed');

  it('takes link, permalink guid, feedburner origLink; skips opaque guids; resolves relative links', () => {
    expect(urls(items)).toEqual([
      'https://news.example.com/2024/05/acme-raises-20m-series-a',
      'https://news.example.com/2024/05/beta-labs-seed',
      'https://news.example.com/2024/05/gamma-relative-link',
      'https://news.example.com/2024/05/delta-original',
    ]);
  });

  it('dedupes by canonical URL (tracking params, case, default port, fragment)', () => {
    expect(items.filter((i) => i.url.includes('acme'))).toHaveLength(1);
    expect(items[0]!.title).toBe('Acme raises $20M Series A');
  });

  it('parses pubDate, dc:date with offset and US zone names to ISO', () => {
    expect(items[0]!.publishedAt).toBe('2024-05-14T09:30:00.000Z');
    expect(items[1]!.publishedAt).toBe('2024-05-13T06:00:00.000Z');
    expect(items[2]!.publishedAt).toBe('2024-05-12T14:00:00.000Z');
  });

  it('turns CDATA HTML into text, preferring description over content:encoded', () => {
    expect(items[0]!.summary).toBe('Acme, a robotics startup, raised $20M.');
    expect(items[1]!.summary).toBe('Beta Labs & friends.');
  });

  it('reads RSS 0.91', () => {
    const old = discoverItems('rss', fixture('rss091.xml'), 'http://old.example.org/rss');
    expect(urls(old)).toEqual(['http://old.example.org/news/venture-fund-closes.html', 'http://old.example.org/news/second-story.html']);
    expect(old[0]!.summary).toBe('A fund closed.');
  });

  it('reads RDF/RSS 1.0 including items linked only by rdf:about', () => {
    const rdf = discoverItems('rdf', fixture('rdf.xml'), 'https://rdf.example.net/index.rdf');
    expect(urls(rdf)).toEqual(['https://rdf.example.net/a/one', 'https://rdf.example.net/a/two']);
    expect(rdf[0]).toMatchObject({ title: 'One', publishedAt: '2024-03-01T12:00:00.000Z', summary: 'First & only.' });
  });
});

describe('Atom', () => {
  const items = discoverItems('atom', fixture('atom.xml'), 'https://atom.example.com/feed.atom');

  it('picks the HTML alternate link and resolves nested xml:base', () => {
    expect(urls(items)).toEqual([
      'https://atom.example.com/blog/posts/zeta-series-b',
      'https://atom.example.com/other/eta-story',
      'https://atom.example.com/blog/posts/theta',
    ]);
  });

  it('prefers published over updated and decodes HTML titles and content', () => {
    expect(items[0]).toMatchObject({
      title: 'Zeta & Co raise Series B',
      publishedAt: '2024-06-01T10:00:00.000Z',
      summary: 'Zeta raised a Series B.',
    });
    expect(items[1]).toMatchObject({ publishedAt: '2024-05-30T09:00:00.000Z', summary: 'Eta content' });
  });
});

describe('JSON Feed', () => {
  it('reads 1.1: url, external_url, URL ids, relative urls; drops link-less items and tracking params', () => {
    const items = discoverItems('jsonfeed', fixture('jsonfeed-1.1.json'), 'https://json.example.com/feed.json');
    expect(urls(items)).toEqual([
      'https://json.example.com/posts/iota-raises',
      'https://elsewhere.example.org/kappa',
      'https://json.example.com/posts/lambda',
      'https://json.example.com/posts/relative-mu',
    ]);
    expect(items[0]!.publishedAt).toBe('2024-04-01T14:00:00.000Z');
    expect(items[1]!.summary).toBe('Kappa html');
    expect(items[2]!.summary).toBe('Lambda by id');
  });

  it('reads 1.0', () => {
    const items = discoverItems('jsonfeed', fixture('jsonfeed-1.0.json'), 'https://json10.example.com/feed.json');
    expect(items).toEqual([
      { url: 'https://json10.example.com/a', title: 'A', publishedAt: '2023-12-31T23:00:00.000Z', summary: 'Text A' },
    ]);
  });

  it('recovers the complete items of a truncated feed', () => {
    const items = discoverItems('jsonfeed', fixture('jsonfeed-truncated.json'), 'https://json.example.com/feed.json');
    expect(urls(items)).toEqual(['https://json.example.com/posts/iota-raises']);
  });

  it('rejects JSON that is not a feed', () => {
    expect(() => discoverItems('jsonfeed', '{"hello": 1}', 'https://j.example.com/')).toThrow(SourceParseError);
    expect(() => discoverItems('jsonfeed', 'not json', 'https://j.example.com/')).toThrow(/items/);
  });
});

describe('sitemaps', () => {
  it('reads news sitemaps (publication_date, title) and plain lastmod, skipping empty locs', () => {
    const items = discoverItems('sitemap', fixture('sitemap-news.xml'), 'https://sm.example.com/news-sitemap.xml');
    expect(items).toEqual([
      { url: 'https://sm.example.com/news/nu-raises-5m', title: 'Nu raises $5M', publishedAt: '2024-07-01T08:00:00.000Z', summary: null },
      { url: 'https://sm.example.com/news/xi-acquired', title: null, publishedAt: '2024-06-30T00:00:00.000Z', summary: null },
    ]);
  });

  it('flags sitemap-index children with isSitemap', () => {
    const items = discoverItems('sitemap', fixture('sitemap-index.xml'), 'https://sm.example.com/sitemap.xml');
    expect(items.map((i) => [i.url, i.isSitemap])).toEqual([
      ['https://sm.example.com/sitemap-2024-07.xml', true],
      ['https://sm.example.com/sitemap-2024-06.xml', true],
    ]);
  });
});

describe('HTML listings', () => {
  const base = 'https://listing.example.com/news';

  it('keeps same-site article links from main/article/headings and drops chrome, taxonomy and off-site links', () => {
    const items = discoverItems('html', fixture('listing.html'), base);
    expect(urls(items)).toEqual([
      'https://listing.example.com/2024/05/omicron-raises-12m-seed',
      'https://www.listing.example.com/deals/pi-series-a',
      'https://listing.example.com/2024/05/rho-acquires-sigma-for-200m',
    ]);
    expect(items[0]).toMatchObject({ title: 'Omicron raises $12M seed', publishedAt: '2024-05-20T10:00:00.000Z' });
    expect(items[2]!.title).toBe('Rho acquires Sigma'); // from the image alt
  });

  it('falls back to article-looking links on pages without semantic markup', () => {
    const items = discoverItems('html', fixture('listing-plain.html'), 'https://plain.example.com/');
    expect(urls(items)).toEqual([
      'https://plain.example.com/news.php?id=123456',
      'https://plain.example.com/stories/upsilon-secures-new-funding',
    ]);
  });

  it('uses linkSelector verbatim when given', () => {
    const items = discoverItems('html', fixture('listing.html'), base, { linkSelector: 'aside a, footer a' });
    expect(urls(items)).toEqual([
      'https://listing.example.com/2024/05/sidebar-popular-story-link',
      'https://listing.example.com/privacy',
      'https://listing.example.com/2024/05/footer-archive-story-link',
    ]);
    const cards = discoverItems('html', fixture('listing.html'), base, { linkSelector: 'div.card' });
    expect(urls(cards)).toEqual(['https://listing.example.com/2024/05/rho-acquires-sigma-for-200m']);
  });

  it('reports an invalid linkSelector clearly', () => {
    expect(() => discoverItems('html', fixture('listing.html'), base, { linkSelector: 'a[href' })).toThrow(/invalid linkSelector/);
  });

  it('honours <base href>', () => {
    const html = '<base href="https://cdn.listing.example.com/x/"><main><h2><a href="deal-story">Deal</a></h2></main>';
    expect(urls(discoverItems('html', html, base))).toEqual(['https://cdn.listing.example.com/x/deal-story']);
  });
});

describe('malformed feeds', () => {
  it('recovers items from a truncated feed', () => {
    const items = discoverItems('rss', fixture('malformed-truncated.xml'), 'https://cut.example.com/rss');
    expect(urls(items)).toEqual(['https://cut.example.com/complete-item', 'https://cut.example.com/cut-mid-item']);
  });

  it('decodes HTML entities and survives stray ampersands and unclosed inline tags', () => {
    const items = discoverItems('rss', fixture('malformed-entities.xml'), 'https://ent.example.com/rss');
    expect(items.map((i) => [i.url, i.title])).toEqual([
      ['https://ent.example.com/story?a=1&b=2', 'AT&T & Café funding…'],
      ['https://ent.example.com/second', 'Unclosed bold title'],
    ]);
    expect(items[0]!.summary).toBe('Fish & chips — “quoted”');
  });

  it('ignores junk and a BOM before <?xml', () => {
    const items = discoverItems('rss', fixture('malformed-junk-prefix.xml'), 'https://junk.example.com/rss');
    expect(urls(items)).toEqual(['https://junk.example.com/after-junk']);
  });

  it('reads a feed whose declared encoding is wrong', () => {
    const bytes = readFileSync(new URL('../fixtures/feeds/wrong-encoding.xml', import.meta.url));
    const items = discoverItems('rss', decodeBody(bytes, 'application/rss+xml').text, 'https://enc.example.com/rss');
    expect(items[0]!.title).toBe('Café Müller raises €5M');
  });

  it('returns no items for a well-formed empty channel', () => {
    expect(discoverItems('rss', fixture('empty-channel.xml'), 'https://empty.example.com/rss')).toEqual([]);
  });

  it('throws SourceParseError for HTML served where a feed was expected', () => {
    const body = fixture('html-instead.html');
    for (const kind of ['rss', 'atom', 'rdf', 'sitemap', 'jsonfeed'] as const) {
      expect(() => discoverItems(kind, body, 'https://moved.example.com/feed')).toThrow(SourceParseError);
    }
  });

  it('throws when items exist but none has a usable link', () => {
    const body = '<rss><channel><item><title>a</title><link>javascript:alert(1)</link></item></channel></rss>';
    expect(() => discoverItems('rss', body, 'https://x.example.com/')).toThrow(/no item has a usable link/);
  });
});

describe('limits', () => {
  it(`caps a source at ${MAX_ITEMS_PER_SOURCE} items`, () => {
    const items = Array.from({ length: MAX_ITEMS_PER_SOURCE + 50 }, (_, i) => `<item><link>https://big.example.com/a/${i}</link></item>`);
    const out = discoverItems('rss', `<rss><channel>${items.join('')}</channel></rss>`, 'https://big.example.com/rss');
    expect(out).toHaveLength(MAX_ITEMS_PER_SOURCE);
    expect(out[0]!.url).toBe('https://big.example.com/a/0');
  });
});
