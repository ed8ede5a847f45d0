import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/parse/article.js';

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/pages/${name}`, import.meta.url), 'utf8');
const parse = (name: string) => parseArticle(fixture(name), `https://pages.example/${name}`);

describe('page body detection', () => {
  it('ignores a <body> written inside <noscript> in the head', () => {
    const a = parse('noscript-body.html');
    expect(a.paragraphs).toHaveLength(3);
    expect(a.paragraphs[0]).toMatch(/^Brightwell Labs, the battery analytics company/);
    expect(a.text).not.toMatch(/Markets|all rights reserved/);
  });

  it('recovers a page with an unclosed <title>, no </head> and no <body>', () => {
    const a = parse('damaged-head.html');
    expect(a.title).toBe('Quillmoor Farms wins a grant for vertical greenhouses');
    expect(a.paragraphs.filter((p) => p.startsWith('Quillmoor Farms, a cooperative'))).toHaveLength(1);
    expect(a.text).toContain('Henrik Dalsgaard');
    expect(a.text).not.toMatch(/Front page|Privacy|<meta/);
  });

  it('closes a <textarea> left open in the header instead of losing the page to it', () => {
    const html = fixture('noscript-body.html').replace('<nav>', '<form><textarea name="q"></form><nav>');
    expect(parseArticle(html, 'https://pages.example/t').paragraphs).toEqual(parse('noscript-body.html').paragraphs);
  });

  it('leaves a closed <textarea> holding literal markup (an embed-code box) as text', () => {
    const box = '<textarea><iframe src="https://video.example/1"></iframe><p>not a paragraph</p></textarea>';
    const html = fixture('noscript-body.html').replace('<footer>', `<form>${box}</form><footer>`);
    expect(parseArticle(html, 'https://pages.example/t').paragraphs).toEqual(parse('noscript-body.html').paragraphs);
  });

  it('keeps the text that follows a stray </body></html> written mid-page by an ad snippet', () => {
    const a = parse('stray-body-close.html');
    expect(a.paragraphs).toHaveLength(3);
    expect(a.paragraphs[2]).toMatch(/^Greyfen, founded by two former utility engineers/);
    expect(a.text).not.toMatch(/About the Courier|Valley Courier/);
  });

  it('does not take a page wrapped in an unclosed named anchor (<a name="top">) for a link list', () => {
    const html = fixture('noscript-body.html').replace('<nav>', '<a name="top"><nav>');
    expect(parseArticle(html, 'https://pages.example/a').paragraphs).toEqual(parse('noscript-body.html').paragraphs);
  });

  it('reads content that sits in <head> because </head> and <body> are missing', () => {
    const text = 'Aldermoss Robotics has delivered its first sorting arm to a recycling plant, the company said.';
    const a = parseArticle(
      `<html><head><title>Aldermoss</title><meta charset="utf-8"><div><p>${text}</p><p>${text}</p></div></html>`,
      'https://x.example/',
    );
    expect(a.paragraphs).toEqual([text, text]);
  });
});

describe('comments are not the article', () => {
  const a = parse('blog-comments.html');

  it('keeps a one-paragraph post even when comments are longer and marked up as <article>', () => {
    expect(a.paragraphs).toHaveLength(1);
    expect(a.paragraphs[0]).toMatch(/^After a month of side-by-side runs/);
  });

  it('drops comment <article>s under an unnamed wrapper, but not a post that merely has comments', () => {
    const post = 'Corrin Analytics shipped its first release to a pilot customer, and the team is now writing the manual.';
    const comment = 'Congratulations on the release! We have been waiting for this, and the pilot results sound promising, well done.';
    const page = (postClass: string, commentClass: string): string =>
      `<html><body><div><article class="${postClass}"><p>${post}</p></article><section>` +
      `<article class="${commentClass}"><p>${comment}</p><p>${comment}</p></article>`.repeat(2) +
      '</section></div></body></html>';
    expect(parseArticle(page('post has-comments', 'c-comment'), 'https://x.example/').paragraphs).toEqual([post]);
    expect(parseArticle(page('post', 'user-comment'), 'https://x.example/').paragraphs).toEqual([post]);
  });

  it("drops comments marked up as the HTML spec suggests: repeated <article>s inside the post's <article>", () => {
    const post = 'Corrin Analytics shipped its first release to a pilot customer, and the team is now writing the manual.';
    const comment = 'Congratulations on the release! We have been waiting for this, and the pilot results sound promising, well done.';
    const html =
      `<html><body><article><h1>Corrin ships</h1><p>${post}</p><section><h2>Comments</h2>` +
      `<article><footer>Posted by a reader</footer><p>${comment}</p><p>${comment}</p><p>${comment}</p></article>`.repeat(2) +
      '</section></article></body></html>';
    expect(parseArticle(html, 'https://x.example/').paragraphs).toEqual([post]);
  });

  it('keeps a single <article> nested in another (a wrapper, not a list)', () => {
    const post = 'Corrin Analytics shipped its first release to a pilot customer, and the team is now writing the manual.';
    const html = `<html><body><article class="page"><article class="story"><p>${post}</p><p>${post}</p></article></article></body></html>`;
    expect(parseArticle(html, 'https://x.example/').paragraphs).toEqual([post, post]);
  });

  it('drops every comment and the reply form', () => {
    expect(a.text).not.toMatch(/Interesting numbers|Same experience|side-by-side runs take|Leave a Reply/);
  });
});

describe('comment sections named like article text', () => {
  it('drops comment bodies even when their class names say "body" or "content"', () => {
    const a = parse('blog-comment-bodies.html');
    expect(a.text).toContain('nine thousand meals');
    expect(a.text).toContain('Thank you to everyone who cleaned it');
    expect(a.text).not.toMatch(/12 comments|lovely project|corner bakery is the best|list of what you can/);
  });
});

describe('short or link-heavy posts beat page furniture of the same size', () => {
  it('keeps a link-heavy roundup and drops the author box', () => {
    const a = parse('roundup-post.html');
    expect(a.text).toContain('Corvane raised a seed round');
    expect(a.text).toContain('how a small port authority rebuilt its scheduling system');
    expect(a.text).toContain('shared what it learned');
    expect(a.text).not.toMatch(/Tomas Reyes writes|About the author/);
  });

  it('does not append a one-paragraph box that follows the post, whatever its name', () => {
    const html = fixture('roundup-post.html').replace('class="author-box"', 'class="sidebox"');
    const a = parseArticle(html, 'https://pages.example/roundup');
    expect(a.text).toContain('Ostrava Mobility closed its pilot');
    expect(a.text).not.toMatch(/Tomas Reyes writes|About the author/);
  });

  it('prefers a single-paragraph <article> to a promo paragraph of the same size', () => {
    const a = parse('header-promo.html');
    expect(a.paragraphs).toHaveLength(1);
    expect(a.paragraphs[0]).toMatch(/^Pellucid Audio, the maker of hearing-test software/);
  });
});

describe('a short article stays short', () => {
  const promo =
    'Signal Daily Premium brings every story, every newsletter, and our full archive of industry data to your inbox and phone, with no ads and a reader discount for students.';
  const body =
    'Pellucid Audio, the maker of hearing-test software for pharmacies, named former finance chief Aiko Tanabe as its chief executive, replacing a co-founder.';
  const html =
    `<html><body><div class="top"><div class="hero"><p>${promo}</p></div></div>` +
    `<div class="layout"><article><p>${body}</p></article></div></body></html>`;

  it('a one-paragraph <article> beats a longer promo paragraph, and the fallback leaves it alone', () => {
    expect(parseArticle(html, 'https://x.example/').paragraphs).toEqual([body]);
  });
});

describe('text outside <p>', () => {
  it('counts long headings as body text when the page marks its paragraphs up as <h2>', () => {
    const a = parse('heading-body.html');
    expect(a.paragraphs).toHaveLength(3);
    expect(a.paragraphs[0]).toMatch(/^Norrvik Shipping, which runs the car ferries/);
    expect(a.text).not.toMatch(/Coastline News|Harbour forecast|Privacy/);
  });

  it('short headings stay headings: they neither count as text nor lose their place', () => {
    const sentence = 'Feldspar Analytics signed its first customer in the shipping industry, a port in the north.';
    const html =
      `<html><body><div><h2>Feldspar signs a port</h2><p>${sentence}</p><p>${sentence}</p></div>` +
      `<header><p>${sentence} ${sentence}</p></header></body></html>`;
    const a = parseArticle(html, 'https://x.example/');
    expect(a.paragraphs).toEqual(['Feldspar signs a port', sentence, sentence]);
  });

  it('takes the content cell of a layout table, with <br> runs, and leaves the menu cell and footer row', () => {
    const a = parse('table-layout.html');
    expect(a.text).toContain('repairs to the village hall roof');
    expect(a.text).toContain('ask questions at the start of the meeting');
    expect(a.text).not.toMatch(/village of about eight hundred|Minutes|Contact the clerk/);
  });

  it('takes a layout cell whose text is a run of <br> lines over a blurb in the menu cell', () => {
    const a = parse('table-br-runs.html');
    expect(a.text).toContain('check your hoses for splits');
    expect(a.text).toContain('a waiting list of one for full plots');
    expect(a.text).not.toMatch(/founded in 1952|Contact/);
  });

  it('reads the article from <noscript> when a script-rendered page has no other text', () => {
    const a = parse('noscript-article.html');
    expect(a.paragraphs).toHaveLength(2);
    expect(a.paragraphs[0]).toMatch(/^Vellamo Tide Energy has lowered its second tidal turbine/);
  });

  it('reads a page that hides its whole content until a script reveals it', () => {
    const html = fixture('noscript-body.html').replace('<div class="page">', '<div class="page" style="display: none">');
    expect(parseArticle(html, 'https://pages.example/h').paragraphs).toEqual(parse('noscript-body.html').paragraphs);
  });

  it('ignores <noscript> when the page has its own text', () => {
    const a = parse('noscript-body.html');
    const withNotice = fixture('noscript-body.html').replace(
      '<footer>',
      '<noscript><p>Please turn on JavaScript to read the comments on this story.</p></noscript><footer>',
    );
    expect(parseArticle(withNotice, 'https://pages.example/n').paragraphs).toEqual(a.paragraphs);
  });

  it('falls back to the readable text of the page rather than returning nothing', () => {
    const a = parse('photo-notes.html');
    expect(a.paragraphs).toHaveLength(3);
    expect(a.text).toContain('where six mechanics build frames by hand');
    expect(a.text).toContain('waiting list is now eleven weeks long');
  });
});
