import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/parse/article.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');

describe('parseArticle on an English news page with JSON-LD, OG and heavy boilerplate', () => {
  const url = 'https://www.techwire.example/2024/03/12/acme-robotics-series-b/?utm_campaign=spring&gclid=x';
  const a = parseArticle(fixture('en-funding-news.html'), url);

  it('reads metadata from OG and JSON-LD', () => {
    expect(a.url).toBe(url);
    expect(a.title).toBe('Acme Robotics raises $40M Series B to automate warehouses');
    expect(a.byline).toBe('Jane Doe, Raj Patel');
    expect(a.publishedAt).toBe('2024-03-12T08:30:00.000Z');
    expect(a.language).toBe('en');
    expect(a.siteName).toBe('TechWire');
  });

  it('canonicalises rel=canonical: tracking params and fragment go, real params stay', () => {
    expect(a.canonicalUrl).toBe('https://www.techwire.example/2024/03/12/acme-robotics-series-b/?id=7');
  });

  it('keeps body paragraphs, subheadings, list items and quotes in order', () => {
    expect(a.paragraphs[0]).toMatch(/^Acme Robotics, a Berlin-based startup/);
    expect(a.paragraphs).toContain('Why warehouses, why now');
    expect(a.paragraphs).toContain('Headcount will grow from 80 to 240 by the end of next year.');
    expect(a.text).toContain('We think every warehouse in Europe');
    expect(a.paragraphs.at(-1)).toMatch(/^Northstar partner Tom Becker/);
    expect(a.text).toBe(a.paragraphs.join('\n\n'));
  });

  it('drops navigation, share, ads, newsletter, related, comments, sidebar, footer, cookie banner, headline and dateline', () => {
    for (const noise of [
      'Startups',
      'Share on Twitter',
      'Advertisement',
      'Sign up to receive',
      'Related articles',
      'Pickly',
      'Berlin robotics scene',
      'Five startups',
      'All rights reserved',
      'We use cookies',
      'Photo: Acme',
      'March 12, 2024',
      'Series B to automate warehouses',
    ]) {
      expect(a.text, noise).not.toContain(noise);
    }
  });
});

describe('parseArticle on a German page without JSON-LD', () => {
  const url = 'https://www.finanzblick.example.de/unternehmen/solarix?ref=home';
  const a = parseArticle(fixture('de-finanzen.html'), url);

  it('reads meta author, article:published_time, html lang and strips the title suffix', () => {
    expect(a.title).toBe('Münchner Start-up Solarix sammelt 15 Millionen Euro ein');
    expect(a.byline).toBe('Anna Schmidt');
    expect(a.publishedAt).toBe('2024-05-02T05:15:00.000Z');
    expect(a.language).toBe('de');
    expect(a.siteName).toBe('Finanzblick');
  });

  it('resolves a relative canonical link and removes fbclid', () => {
    expect(a.canonicalUrl).toBe('https://www.finanzblick.example.de/unternehmen/solarix-finanzierung-15-millionen');
  });

  it('extracts exactly the four body paragraphs', () => {
    expect(a.paragraphs).toHaveLength(4);
    expect(a.paragraphs[0]).toMatch(/^Das Münchner Energie-Start-up Solarix/);
    expect(a.text).not.toMatch(/Meistgelesen|Impressum|Teilen|Startseite/);
  });
});

describe('parseArticle on a French blog without declared language', () => {
  const url = 'https://blog-lumiere.example.fr/2023/11/vertigo-levee?utm_source=rss';
  const a = parseArticle(fixture('fr-blog.html'), url);

  it('detects French from stopwords and reads .byline and <time datetime>', () => {
    expect(a.language).toBe('fr');
    expect(a.byline).toBe('Marie Dupont');
    expect(a.publishedAt).toBe('2023-11-07');
    expect(a.title).toBe('La levée de fonds de Vertigo, racontée par ses fondateurs');
    expect(a.siteName).toBe('blog-lumiere.example.fr');
  });

  it('ignores a canonical link pointing at another site', () => {
    expect(a.canonicalUrl).toBe('https://blog-lumiere.example.fr/2023/11/vertigo-levee');
  });

  it('keeps the post and drops the comment box', () => {
    expect(a.paragraphs).toHaveLength(3);
    expect(a.text).not.toContain('Ajouter un commentaire');
    expect(a.text).not.toContain('Accueil');
  });
});

describe('parseArticle metadata fallbacks', () => {
  it('uses JSON-LD articleBody when the markup shows only a teaser', () => {
    const body = Array.from(
      { length: 8 },
      (_, i) => `Paragraph ${i + 1} of the publisher's own article body text, long enough to count.`,
    ).join('\n\n');
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'Headline',
      articleBody: body,
    })}</script></head><body><div><p>Teaser only, read the full story in the app.</p></div></body></html>`;
    const a = parseArticle(html, 'https://news.example.com/a');
    expect(a.paragraphs).toHaveLength(8);
    expect(a.paragraphs[7]).toMatch(/^Paragraph 8/);
  });

  it('falls back to a date in the URL and the hostname as site name', () => {
    const a = parseArticle('<html><body><p>Short.</p></body></html>', 'https://www.example.org/news/2021/07/04/story');
    expect(a.publishedAt).toBe('2021-07-04');
    expect(a.siteName).toBe('example.org');
  });

  it('returns empty text and nulls for garbage instead of throwing', () => {
    const a = parseArticle('\u0000<<<>>>&#xFFFFFF;', 'not a url');
    expect(a).toMatchObject({ text: '', paragraphs: [], title: null, byline: null, publishedAt: null, siteName: null });
    expect(a.canonicalUrl).toBe('not a url');
  });
});
