import * as cheerio from 'cheerio';
import type { Document } from 'domhandler';
import type { ParsedArticle } from './types.js';
import { extractContent } from './content.js';
import { outboundLinks } from './links.js';
import { detectLanguage } from './language.js';
import { indexPage } from './page.js';
import { boundedHtml } from './limits.js';
import { adoptStrayContent, repairRunawayRawText } from './repair.js';
import {
  declaredLanguage,
  extractByline,
  extractCanonicalUrl,
  extractPublishedAt,
  extractSiteName,
  extractTitle,
  readJsonLd,
  type JsonLdArticle,
} from './metadata.js';

// htmlparser2 in HTML mode: ~10x faster than parse5 on real pages and just as good for text.
const LOAD_OPTIONS = { xml: { xmlMode: false, decodeEntities: true } } as const;

function emptyArticle(url: string): ParsedArticle {
  return {
    url,
    canonicalUrl: url,
    title: null,
    byline: null,
    publishedAt: null,
    language: null,
    siteName: null,
    text: '',
    paragraphs: [],
    links: [],
  };
}

function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

/**
 * JSON-LD articleBody rescues pages whose markup hides the text (apps, teasers, scripts). When
 * the DOM yields a real body it wins: on the benchmark, articleBody is often truncated or
 * carries extra text: preferring it whenever it was long scored 0.973 F1 against 0.975.
 */
function chooseParagraphs(fromDom: string[], ld: JsonLdArticle | null): string[] {
  const body = ld?.articleBody;
  if (!body || body.length < 500) return fromDom;
  const domChars = fromDom.reduce((n, p) => n + p.length, 0);
  return body.length >= domChars * 2 ? splitParagraphs(body) : fromDom;
}

function parse(html: string, url: string): ParsedArticle {
  const load = (source: string) => {
    const doc = cheerio.load(source, LOAD_OPTIONS).root()[0] as Document;
    const index = indexPage(doc);
    adoptStrayContent(doc, index);
    return index;
  };
  let page = load(html);
  const repaired = repairRunawayRawText(html, page);
  if (repaired !== null) page = load(repaired);
  // A fragment without <html>/<body>: htmlparser2 does not synthesise them.
  if (!page.html && !page.body) page = load(`<html><body>${html}</body></html>`);
  const root = page.body ?? page.html;
  const ld = readJsonLd(page);
  const siteName = extractSiteName(page, ld, url);
  const metadata = {
    canonicalUrl: extractCanonicalUrl(page, url),
    title: extractTitle(page, ld, siteName),
    byline: extractByline(page, ld),
    publishedAt: extractPublishedAt(page, ld, url),
    siteName,
  };
  const titleKey = metadata.title?.toLowerCase();
  const content = root ? extractContent(root) : { paragraphs: [], anchors: [] };
  const paragraphs = chooseParagraphs(content.paragraphs, ld).filter((p) => p.toLowerCase() !== titleKey);
  const text = paragraphs.join('\n\n');
  return {
    url,
    ...metadata,
    language: declaredLanguage(page, ld) ?? detectLanguage(text),
    text,
    paragraphs,
    links: outboundLinks(content.anchors, url),
  };
}

/**
 * Main text and metadata of an article page. Unparseable input yields empty text and null fields
 * (with `canonicalUrl` falling back to `url`). Nesting beyond the parse
 * depth limit is flattened; only a page over the element limit throws (ParseError, src/parse/limits.ts).
 */
export function parseArticle(html: string, url: string): ParsedArticle {
  const bounded = boundedHtml(typeof html === 'string' ? html : '');
  try {
    return parse(bounded, typeof url === 'string' ? url : '');
  } catch {
    return emptyArticle(typeof url === 'string' ? url : '');
  }
}
