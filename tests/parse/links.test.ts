import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/parse/article.js';

// The parser hands the article's outbound links (in the text, to other hosts) to later stages.
const PAGE = `<!doctype html><html><head><title>Tallowby raises</title></head><body>
<nav><a href="https://partner.example/">Partner site</a><a href="/news">News</a></nav>
<main><article><h1>Tallowby raises €2 million</h1>
<p><a href="https://www.tallowby.ie/#top">Tallowby</a>, a Cork-based maker of compostable packaging, has raised €2 million in a seed round led by
<a href="https://lee-river.vc/">Lee River Ventures</a>, the company said on Monday.</p>
<p>The company will hire twelve people. <a href="https://ledger.example/2026/01/earlier-story">Our earlier story</a> has more,
and its founders post on <a href="https://www.linkedin.com/company/tallowby">LinkedIn</a>. See also <a href="mailto:press@tallowby.ie">press</a>.</p>
<p>Founded in 2021, the company already sells to three supermarket chains in Ireland and the UK, and it plans to open an office in Lyon.</p>
</article></main>
<footer><a href="https://ads.example/">Advertise</a></footer></body></html>`;

describe('outbound links', () => {
  it('keeps absolute links to other hosts found in the article text, with their anchor text', () => {
    const a = parseArticle(PAGE, 'https://ledger.example/2026/02/tallowby-raises');
    expect(a.links).toEqual([
      { href: 'https://www.tallowby.ie/', text: 'Tallowby' },
      { href: 'https://lee-river.vc/', text: 'Lee River Ventures' },
      { href: 'https://www.linkedin.com/company/tallowby', text: 'LinkedIn' },
    ]);
  });

  it('is empty for a page without links or without text', () => {
    expect(
      parseArticle('<p>Nothing linked here, just a sentence long enough to be read as the article text.</p>', 'https://a.example/x').links,
    ).toEqual([]);
    expect(parseArticle('', 'https://a.example/x').links).toEqual([]);
  });
});
