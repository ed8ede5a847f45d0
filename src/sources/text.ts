import * as cheerio from 'cheerio';

const SUMMARY_MAX = 1000;

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Collapse whitespace and cap length (at a word boundary when one is near); empty → null. */
export function cleanText(value: string | null | undefined, max = SUMMARY_MAX): string | null {
  const text = value ? collapse(value) : '';
  if (!text) return null;
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * Plain text from a feed field that may hold escaped HTML, CDATA HTML or HTML entities
 * (&nbsp;, &eacute; survive XML parsing untouched). Empty → null.
 */
export function htmlToText(value: string | null | undefined, max = SUMMARY_MAX): string | null {
  if (!value) return null;
  let text = value;
  if (/[<&]/.test(text)) {
    const $ = cheerio.load(text, { xml: { xmlMode: false, decodeEntities: true } });
    $('script, style, noscript').remove();
    text = $.root().text();
  }
  return cleanText(text, max);
}

export { parseDate } from './dates.js';

// HTML elements (feedparser's safe list plus the unsafe ones, which must be recognised to be removed).
const HTML_TAGS = new Set(
  (
    'a abbr acronym address area article aside audio b big blockquote br button canvas caption center cite code col ' +
    'colgroup command datagrid datalist dd del details dfn dialog dir div dl dt em fieldset figcaption figure font ' +
    'footer form h1 h2 h3 h4 h5 h6 header hr i img input ins kbd label legend li map menu meter nav noscript ol ' +
    'optgroup option output p pre progress q s samp section select small source span strike strong sub sup table ' +
    'tbody td textarea tfoot th thead time tr tt u ul var video script style iframe object embed applet frame ' +
    'frameset noscript template svg math link meta title head body html blink marquee'
  ).split(' '),
);

/**
 * Whether untyped feed text (RSS has no content types) is HTML rather than literal text: it must have
 * a close tag or an entity, and only HTML tags. "History of the <blink> tag" stays literal.
 */
export function looksLikeHtml(s: string): boolean {
  if (!/<\/\w+>/.test(s) && !/&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);/i.test(s)) return false;
  return [...s.matchAll(/<\/?([a-z][\w-]*)/gi)].every((m) => HTML_TAGS.has(m[1]!.toLowerCase()));
}

/** Text of a field with no declared type (RSS, JSON Feed titles, news sitemaps): HTML only when it looks like HTML. */
export function untypedText(value: string | null | undefined, max = SUMMARY_MAX): string | null {
  if (!value) return null;
  return looksLikeHtml(value) ? htmlToText(value, max) : cleanText(value, max);
}
