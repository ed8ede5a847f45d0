import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/parse/article.js';
import type { ParsedArticle } from '../../src/parse/types.js';
import { prng } from '../helpers/prng.js';

const PIECES = [
  '<p>',
  '</p>',
  '<div class="article-body">',
  '<div class="comments">',
  '</div>',
  '<article>',
  '</article>',
  '<nav>',
  '</nav>',
  '<h1>',
  '</h1>',
  '<h2>',
  '<li>',
  '<ul>',
  '<a href="/x">',
  '</a>',
  '<br>',
  '<script>',
  '</script>',
  '<style>p{}</style>',
  '<!--',
  '-->',
  '<![CDATA[',
  ']]>',
  '<table><tr><td>',
  '&amp;',
  '&#x1F600;',
  '&bogus;',
  '<meta property="og:title" content="',
  '<meta name="author" content="By ',
  '">',
  '"',
  "'",
  '<time datetime="',
  '<link rel="canonical" href="',
  'javascript:alert(1)',
  'http://[::1',
  '//evil.example/',
  '2024-13-45',
  '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"name":',
  '{"@graph":[null,1,"x"]}',
  '</script>',
  '<html lang="',
  '<body hidden>',
  '<span style="display:none">',
  '<svg><p>',
  '\u0000',
  '\uFFFD',
  'Investors poured money into the startup, which said it would hire, expand and build. ',
  'Die Firma hat 10 Millionen Euro eingesammelt, wie sie mitteilte. ',
  '<',
  '>',
  '</',
  '=',
  ' ',
  '\n',
];

function tagSoup(rand: () => number): string {
  const n = Math.floor(rand() * 200);
  let out = '';
  for (let i = 0; i < n; i++) out += PIECES[Math.floor(rand() * PIECES.length)];
  return out;
}

function expectWellFormed(a: ParsedArticle, url: string): void {
  expect(a.url).toBe(url);
  expect(typeof a.canonicalUrl).toBe('string');
  expect(typeof a.text).toBe('string');
  expect(Array.isArray(a.paragraphs)).toBe(true);
  for (const p of a.paragraphs) {
    expect(typeof p).toBe('string');
    expect(p.trim()).not.toBe('');
  }
  expect(a.text).toBe(a.paragraphs.join('\n\n'));
  for (const field of [a.title, a.byline, a.siteName] as const) {
    if (field !== null) expect(field.trim()).not.toBe('');
  }
  if (a.publishedAt !== null) expect(a.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}\.\d{3}Z)?$/);
  if (a.language !== null) expect(a.language).toMatch(/^[a-z]{2,3}$/);
}

const URLS = ['https://news.example.com/2024/01/02/story?utm_source=x', 'not a url', '', 'ftp://x/y'];

describe('parseArticle never throws', () => {
  it('on a few hundred random tag-soup documents', () => {
    const rand = prng(20240229);
    for (let i = 0; i < 300; i++) {
      const html = tagSoup(rand);
      const url = URLS[i % URLS.length]!;
      expectWellFormed(parseArticle(html, url), url);
    }
  });

  it('on truncations of realistic pages at many offsets', () => {
    for (const name of ['en-funding-news.html', 'de-finanzen.html', 'fr-blog.html']) {
      const html = readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');
      const url = 'https://www.example.com/a/b';
      for (let cut = 0; cut <= html.length; cut += 61) expectWellFormed(parseArticle(html.slice(0, cut), url), url);
    }
  });

  it('on pathological inputs', () => {
    const deep = `${'<div>'.repeat(3_000)}text${'</div>'.repeat(3_000)}`;
    const inputs = [deep, '<p>'.repeat(5_000), 'x'.repeat(200_000), '<html lang="">', undefined as unknown as string];
    for (const html of inputs) expectWellFormed(parseArticle(html, 'https://example.com/'), 'https://example.com/');
  });
});
