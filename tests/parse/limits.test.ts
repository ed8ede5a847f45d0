import { describe, expect, it } from 'vitest';
import { Parser } from 'htmlparser2';
import { boundPage, MAX_DEPTH, MAX_ELEMENTS, ParseError } from '../../src/parse/limits.js';
import { parseArticle } from '../../src/parse/article.js';
import { cpuMs } from '../helpers/cpu.js';

// Void and raw-text elements hold no elements: leaves, like text, which the scan does not count as depth.
const LEAF = new Set(['br', 'img', 'input', 'hr', 'meta', 'link', 'script', 'style', 'title']);

/** Element nesting of the tree htmlparser2 (the parser behind cheerio here) builds: the scan must agree. */
function parserDepth(html: string): number {
  let depth = 0;
  let max = 0;
  new Parser({
    onopentagname(name) {
      if (!LEAF.has(name)) max = Math.max(max, depth + 1);
      depth++;
    },
    onclosetag() {
      depth--;
    },
  }).end(html);
  return max;
}

const nested = (n: number, inner = 'x', tag = 'div') => `<${tag}>`.repeat(n) + inner + `</${tag}>`.repeat(n);

describe('boundPage', () => {
  it('measures nesting as the HTML parser builds it', () => {
    const pages = [
      `<html><body>${nested(20)}</body></html>`,
      '<p>one<p>two<p>three', // implied end tags: flat
      '<ul><li>a<li>b<li>c</ul><table><tr><td>1<td>2<tr><td>3</table>',
      '<div><span><b>unclosed</div><div>next</div>', // an end tag closes everything above its match
      '<div><br><img src=x><input/><hr></div><p>after</p>', // void elements
      '<div><script>var s = "<div><div><div>";</script><style>a>b{}</style></div>', // raw text is not markup
      '<div><!-- <div><div> --></div></div></div>', // comments, and stray end tags
      '<!doctype html><html><head><title>a <b> c</title></head><body><div><p>x</div></body></html>',
    ];
    for (const html of pages) {
      const page = boundPage(html);
      expect({ html, depth: page.depth }).toEqual({ html, depth: parserDepth(html) });
      expect(page.html).toBe(html); // nothing removed below the limit
      expect(page.flattened).toBe(0);
    }
  });

  it('removes the tags nested beyond the depth limit and keeps their text', () => {
    const html = `<body>${nested(3, '<span>deep</span> text', 'div')}<p>after</p></body>`;
    const page = boundPage(html, { depth: 2, elements: 100 });
    expect(page.html).toBe('<body><div>deep text</div><p>after</p></body>');
    expect(page).toMatchObject({ depth: 2, flattened: 3 });
    expect(parserDepth(page.html)).toBe(2);
  });

  it('is linear on pathological markup', () => {
    // Unterminated tags and stray end tags: a scan that re-read the rest of the page for each would be quadratic.
    for (const html of ['<a'.repeat(200_000), '</span>'.repeat(200_000), `${'<b>'.repeat(100_000)}${'</i>'.repeat(100_000)}`]) {
      expect(cpuMs(() => boundPage(html))).toBeLessThan(3000); // generous: tens of ms here
    }
  });
});

describe('parseArticle within the parse limits', () => {
  it('handles a page of 200,000 nested <div>s in bounded time, flattened at the depth limit', () => {
    const paragraph = 'Nestwell, a Lisbon-based startup, has raised €3 million in a seed round led by Atlantic Fund.';
    const html = `<html><head><title>Nestwell raises €3 million</title></head><body><article><p>${paragraph}</p>${nested(200_000)}</article></body></html>`;
    let article = parseArticle('', '');
    // Generous bound (a benchmark, not a tight timing): ~0.3 s here; before the limit, 22 s.
    expect(cpuMs(() => (article = parseArticle(html, 'https://news.example.com/nestwell')))).toBeLessThan(3000);
    expect(article.text).toContain(paragraph);
    expect(parserDepth(boundPage(html).html)).toBeLessThanOrEqual(MAX_DEPTH);
  });

  it('refuses a page with more elements than the limit, naming it', () => {
    const html = `<html><body>${'<span>a</span>'.repeat(MAX_ELEMENTS + 1)}</body></html>`;
    expect(() => parseArticle(html, 'https://news.example.com/huge')).toThrow(ParseError);
    expect(() => parseArticle(html, 'https://news.example.com/huge')).toThrow(`page has more than ${MAX_ELEMENTS} elements`);
  });
});
