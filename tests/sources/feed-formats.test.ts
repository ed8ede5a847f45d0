import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/fetch/charset.js';
import { detectSourceKind, discoverItems, feedEntries } from '../../src/sources/parse.js';

const fixture = (name: string): string => decodeBody(readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url)), null).text;
const read = (name: string, base = 'https://feeds.example.com/feed') =>
  discoverItems(detectSourceKind(fixture(name), null), fixture(name), base);

describe('namespaces', () => {
  it('reads a prefixed Atom feed: <atom:entry>, a link given as text, dcterms:issued', () => {
    expect(detectSourceKind(fixture('atom-prefixed.xml'), null)).toBe('atom');
    const items = read('atom-prefixed.xml', 'https://wire.example.org/feed');
    expect(items.map((i) => [i.url, i.title, i.publishedAt])).toEqual([
      ['https://wire.example.org/2024/06/quillwort-series-a', 'Quillwort Robotics raises $14M Series A', '2024-06-03T07:00:00.000Z'],
      ['https://wire.example.org/2024/06/fernhollow-seed', 'Fernhollow Bio closes seed round', '2024-06-04T10:30:00.000Z'],
    ]);
  });

  it('reads a10:link and a10:updated (Atom under another prefix inside RSS)', () => {
    const [item] = read('rss-a10.xml');
    expect(item).toMatchObject({
      url: 'https://newsroom.example.net/brackenridge-analytics-series-b',
      title: 'Brackenridge Analytics lands $40M Series B',
      publishedAt: '2024-05-28T18:00:00.000Z',
    });
  });

  it('reads RSS 1.0 with no default namespace and Dublin Core terms under any prefix', () => {
    expect(detectSourceKind(fixture('rss1-prefixed.xml'), null)).toBe('rdf');
    const [item] = read('rss1-prefixed.xml');
    expect(item).toMatchObject({
      url: 'https://tarn.example.com/lumen-tarn-pre-seed',
      title: 'Lumen Tarn secures pre-seed funding',
      publishedAt: '2024-04-02T08:00:00.000Z',
    });
  });

  it('reads RSS 2.0 in a namespace with a prefix, and a Portuguese date', () => {
    expect(detectSourceKind(fixture('rss2-userland-ns.xml'), null)).toBe('rss');
    const [item] = read('rss2-userland-ns.xml');
    expect(item).toMatchObject({
      url: 'https://notes.example.com/ostrander-pellucid',
      title: 'Ostrander backs Pellucid Foods',
      publishedAt: '2018-09-24T17:00:00.000Z',
    });
  });
});

describe('titles follow their content type', () => {
  it('Atom: text is literal, xhtml is its text without scripts, html is decoded and stripped', () => {
    expect(read('titles-typed.xml').map((i) => i.title)).toEqual([
      'Why Harrowgate Labs kept the <canvas> element',
      'Tindale Energy raises $9M',
      'Mirefield & Co. close Series C',
      'A <b> tag in plain text stays',
    ]);
  });

  it('RSS: text that does not look like HTML stays literal; HTML loses tags and scripts', () => {
    expect(read('rss-titles.xml').map((i) => i.title)).toEqual([
      "The <blink> tag and Kestrelmoor's redesign",
      'Ashgrove Health raises £5M',
      'Pinecrest AI seed round',
    ]);
  });

  it('JSON Feed and news-sitemap titles: plain text unless they look like HTML', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      items: [
        { url: 'https://j.example.com/wrenfield-tag', title: 'Wrenfield drops the <marquee> tag' },
        { url: 'https://j.example.com/wrenfield-raise', title: 'Wrenfield raises <b>$3M</b>' },
      ],
    });
    expect(discoverItems('jsonfeed', json, 'https://j.example.com/feed.json').map((i) => i.title)).toEqual([
      'Wrenfield drops the <marquee> tag',
      'Wrenfield raises $3M',
    ]);
  });
});

describe('bodies that are not what they seem', () => {
  it('reads an Atom feed wrapped in <html><body>', () => {
    expect(detectSourceKind(fixture('atom-in-html.html'), 'text/html')).toBe('atom');
    expect(read('atom-in-html.html').map((i) => i.url)).toEqual(['https://updates.example.com/corvane-6m']);
  });

  it('reads a plain-text sitemap, one URL per line', () => {
    expect(detectSourceKind(fixture('sitemap.txt'), 'text/plain')).toBe('sitemap');
    expect(read('sitemap.txt').map((i) => i.url)).toEqual([
      'https://press.example.com/2024/02/holloway-series-a',
      'https://press.example.com/2024/02/greymere-seed',
      'https://press.example.com/2024/03/vantorq-bridge-round',
    ]);
  });

  it('keeps an ordinary HTML page and a prose text file as what they are', () => {
    expect(detectSourceKind(fixture('listing.html'), 'text/html')).toBe('html');
    expect(detectSourceKind('Our press page moved.\nhttps://press.example.com/\n', 'text/plain')).not.toBe('sitemap');
  });
});

describe('entries without links', () => {
  it('feedEntries keeps them in order with url null; discoverItems drops them', () => {
    const body = `<rss version="2.0"><channel>
      <item><title>Opaque guid only</title><guid isPermaLink="false">x-1</guid></item>
      <item><title>Linked</title><link>https://a.example.com/linked-story-here</link></item>
    </channel></rss>`;
    expect(feedEntries('rss', body, 'https://a.example.com/feed').map((e) => e.url)).toEqual([
      null,
      'https://a.example.com/linked-story-here',
    ]);
    expect(discoverItems('rss', body, 'https://a.example.com/feed')).toHaveLength(1);
  });
});

describe('XML safety', () => {
  it('never expands internal entities (billion laughs) nor reads external ones (XXE)', () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lollollollollollollollollollol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0"><channel><item><title>&lol3; &xxe;</title><link>https://a.example.com/safe-story-here</link></item></channel></rss>`;
    const [item] = discoverItems('rss', lol, 'https://a.example.com/feed');
    expect(item!.url).toBe('https://a.example.com/safe-story-here');
    expect(item!.title!.length).toBeLessThan(40);
    expect(item!.title).not.toContain('root:');
  });
});
