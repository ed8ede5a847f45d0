import { resolveUrl } from '../fetch/url.js';
import { cleanText, htmlToText, parseDate, untypedText } from './text.js';
import { SourceParseError, type DiscoveredItem, type SourceKind } from './types.js';
import { allElements, attr, firstText, isElement, kids, loadXml, nameOf, xmlBase, type Element, type XmlDoc } from './xml.js';

/** An item before canonicalization and dedupe; `url` is absolute but not yet canonical. */
export type Candidate = DiscoveredItem;

/** One entry as the feed states it: `url` is null when the entry names no usable link. */
export type FeedEntry = Omit<Candidate, 'url'> & { url: string | null };

const TITLE_MAX = 500;
const SKIPPED = new Set(['script', 'style', 'noscript']);

/** Text content of an element, without the text of script and style elements inside it. */
function textContent(node: { children?: unknown[] }): string {
  let out = '';
  for (const c of node.children ?? []) {
    const n = c as { type: string; data?: string; children?: unknown[]; tagName?: string };
    if (n.type === 'text') out += n.data ?? '';
    else if (n.type === 'cdata') out += textContent(n);
    else if (isElement(n) && !SKIPPED.has(n.tagName.slice(n.tagName.indexOf(':') + 1).toLowerCase())) out += textContent(n);
  }
  return out;
}

/**
 * Plain text of a text construct, following its declared content type: text is literal (so
 * "History of the <blink> tag" keeps its tag), html is decoded and stripped, xhtml (or any inline
 * markup) is the text content; Atom 0.3's mode="base64" is decoded first. RSS declares no type:
 * its text counts as HTML only when it looks like HTML.
 */
function typedText(el: Element | undefined, format: 'atom' | 'rss', max?: number): string | null {
  if (!el) return null;
  const type = (attr(el, 'type') ?? '').trim().toLowerCase();
  const mode = (attr(el, 'mode') ?? '').trim().toLowerCase();
  let text = textContent(el);
  // Atom 0.3 says base64 in mode; Atom 1.0 by a media type that is neither text nor XML.
  const base64 = mode === 'base64' || (type.includes('/') && !type.startsWith('text/') && !/[/+]xml$/.test(type));
  if (base64) text = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (el.children.some(isElement)) return cleanText(text, max); // inline markup: its text
  if (type.includes('xhtml')) return cleanText(text, max);
  if (type === 'html' || type === 'text/html') return htmlToText(text, max);
  if (format === 'atom' || type) return cleanText(text, max); // text, text/plain, or decoded bytes
  return untypedText(text, max);
}

/** The first child named one of `names` (in order of preference) that has any text. */
function firstWithText(doc: XmlDoc, el: Element, ...names: string[]): Element | undefined {
  for (const name of names) {
    const hit = kids(doc, el, name).find((k) => doc.$(k).text().trim());
    if (hit) return hit;
  }
  return undefined;
}

/** A date field that may repeat: the last readable value wins (later elements restate earlier ones). */
function lastDate(doc: XmlDoc, el: Element, names: string[]): string | null {
  let found: string | null = null;
  for (const k of el.children) {
    if (isElement(k) && names.includes(nameOf(doc, k))) found = parseDate(doc.$(k).text()) ?? found;
  }
  return found;
}

/** Publication date, else the update date, else the creation date (Atom, RSS, Dublin Core terms). */
function entryDate(doc: XmlDoc, el: Element, format: 'atom' | 'rss'): string | null {
  const ns = format === 'atom' ? '' : 'atom:';
  return (
    lastDate(doc, el, ['pubdate', 'published', 'issued', `${ns}published`, `${ns}issued`, 'dcterms:issued']) ??
    lastDate(doc, el, ['updated', 'modified', `${ns}updated`, `${ns}modified`, 'dc:date', 'dcterms:modified']) ??
    parseDate(attr(el, 'lastmod')) ?? // CDF
    lastDate(doc, el, ['created', `${ns}created`, 'dcterms:created'])
  );
}

/**
 * The alternate link among Atom <link> elements: rel defaults to alternate; the URL is in href, or
 * in the element's text in sloppy feeds. Several alternates: the HTML one over audio or JSON variants.
 */
function alternateLink(links: Element[], base: string): string | null {
  const alternates = links
    .filter((l) => (attr(l, 'rel') ?? 'alternate').trim().toLowerCase() === 'alternate')
    .map((l) => ({ l, href: (attr(l, 'href') ?? textContent(l)).trim() }))
    .filter((a) => a.href);
  const best = alternates.find((a) => !attr(a.l, 'type') || /html/i.test(attr(a.l, 'type')!)) ?? alternates[0];
  return best ? resolveUrl(best.href, xmlBase(best.l, base)) : null;
}

function rssLink(doc: XmlDoc, item: Element, base: string): string | null {
  // Feedburner rewrites <link> to a redirector; the original article URL is kept aside.
  const orig = firstText(doc, item, 'feedburner:origlink');
  if (orig) return resolveUrl(orig, base);
  for (const l of kids(doc, item, 'link')) {
    // <link href=…> is an Atom-style link without its prefix; otherwise the URL is the text.
    const url = attr(l, 'href') !== undefined ? alternateLink([l], base) : resolveUrl(textContent(l).trim(), xmlBase(l, base));
    if (url) return url;
  }
  const atom = alternateLink(kids(doc, item, 'atom:link'), base);
  if (atom) return atom;
  const guid = kids(doc, item, 'guid')[0];
  const permalink = guid && attr(guid, 'ispermalink');
  if (guid && permalink?.trim().toLowerCase() !== 'false') {
    const url = resolveUrl(doc.$(guid).text().trim(), base);
    if (url) return url;
  }
  // RSS 1.0 items name their resource in rdf:about; CDF items in an HREF attribute.
  return resolveUrl(attr(item, 'about'), base) ?? resolveUrl(attr(item, 'href'), base);
}

/** RSS 0.9x/2.0 (also namespaced), RDF/RSS 1.0 and CDF: <item> elements with the same child vocabulary. */
export function rssEntries(body: string, baseUrl: string, kind: 'rss' | 'rdf'): FeedEntry[] {
  const doc = loadXml(body, 'rss');
  const items = allElements(doc, 'item');
  if (items.length === 0 && allElements(doc, 'rss', 'channel', 'rdf:rdf').length === 0) {
    throw new SourceParseError(kind, baseUrl, 'no <rss>, <channel> or <item> element found');
  }
  return items.map((item) => {
    const base = xmlBase(item, baseUrl);
    return {
      url: rssLink(doc, item, base),
      title: typedText(firstWithText(doc, item, 'title', 'dc:title', 'atom:title', 'media:title'), 'rss', TITLE_MAX),
      publishedAt: entryDate(doc, item, 'rss'),
      summary: typedText(firstWithText(doc, item, 'description', 'content:encoded', 'summary', 'dc:description'), 'rss'),
    };
  });
}

/** Atom 1.0 and 0.3 (also with a prefix, e.g. <atom:entry>, or inside an HTML page). */
export function atomEntries(body: string, baseUrl: string): FeedEntry[] {
  const doc = loadXml(body, 'atom');
  const entries = allElements(doc, 'entry');
  if (entries.length === 0 && allElements(doc, 'feed').length === 0) {
    throw new SourceParseError('atom', baseUrl, 'no <feed> or <entry> element found');
  }
  return entries.map((entry) => {
    const base = xmlBase(entry, baseUrl);
    const id = firstText(doc, entry, 'id');
    return {
      url: alternateLink(kids(doc, entry, 'link'), base) ?? (id && /^https?:/i.test(id) ? resolveUrl(id, base) : null),
      title: typedText(firstWithText(doc, entry, 'title'), 'atom', TITLE_MAX),
      publishedAt: entryDate(doc, entry, 'atom'),
      summary: typedText(firstWithText(doc, entry, 'summary', 'content'), 'atom'),
    };
  });
}

/** Entries that have a link; an error when entries exist but none has one. */
/** The entries that link to an article; a feed whose entries all lack one is an error, not an empty feed. */
export function withLinks(entries: FeedEntry[], kind: SourceKind, baseUrl: string): Candidate[] {
  const out = entries.filter((e): e is Candidate => e.url !== null);
  if (entries.length > 0 && out.length === 0) throw new SourceParseError(kind, baseUrl, 'no item has a usable link');
  return out;
}

/** A plain-text sitemap (the protocol allows one): one absolute URL per line. */
function parseTextSitemap(body: string, baseUrl: string): Candidate[] {
  const out: Candidate[] = [];
  for (const line of body.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const url = /^https?:\/\/\S+$/i.test(t) ? resolveUrl(t, baseUrl) : null;
    if (url) out.push({ url, title: null, publishedAt: null, summary: null });
  }
  if (out.length === 0) throw new SourceParseError('sitemap', baseUrl, 'no URL line in a text sitemap');
  return out;
}

/** <urlset> (plain and Google News), <sitemapindex> (children flagged isSitemap) and text sitemaps. */
export function parseSitemap(body: string, baseUrl: string): Candidate[] {
  if (!body.includes('<')) return parseTextSitemap(body, baseUrl);
  const doc = loadXml(body, 'sitemap');
  const urls = allElements(doc, 'url');
  const maps = allElements(doc, 'sitemap');
  if (urls.length === 0 && maps.length === 0 && allElements(doc, 'urlset', 'sitemapindex').length === 0) {
    throw new SourceParseError('sitemap', baseUrl, 'no <urlset> or <sitemapindex> element found');
  }
  const out: Candidate[] = [];
  for (const u of urls) {
    const url = resolveUrl(firstText(doc, u, 'loc'), baseUrl);
    if (!url) continue;
    const news = kids(doc, u, 'news:news')[0];
    out.push({
      url,
      title: news ? untypedText(firstText(doc, news, 'news:title'), TITLE_MAX) : null,
      publishedAt: parseDate((news && firstText(doc, news, 'news:publication_date')) ?? firstText(doc, u, 'lastmod')),
      summary: null,
    });
  }
  for (const m of maps) {
    const url = resolveUrl(firstText(doc, m, 'loc'), baseUrl);
    if (url) out.push({ url, title: null, publishedAt: parseDate(firstText(doc, m, 'lastmod')), summary: null, isSitemap: true });
  }
  if (urls.length + maps.length > 0 && out.length === 0) {
    throw new SourceParseError('sitemap', baseUrl, 'no entry has a usable <loc>');
  }
  return out;
}

/** JSON.parse, or for a truncated body the longest prefix that closes after a complete item. */
function parseJsonLenient(body: string): unknown {
  const text = body.replace(/^\uFEFF/, '').trim();
  try {
    return JSON.parse(text);
  } catch {
    let end = text.length;
    for (let tries = 0; tries < 200; tries++) {
      end = text.lastIndexOf('}', end - 1);
      if (end < 0) break;
      try {
        return JSON.parse(`${text.slice(0, end + 1)}]}`);
      } catch {
        // keep cutting
      }
    }
    return null;
  }
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** JSON Feed 1.0 and 1.1. */
export function parseJsonFeed(body: string, baseUrl: string): Candidate[] {
  const feed = parseJsonLenient(body) as { items?: unknown } | null;
  if (!feed || typeof feed !== 'object' || !Array.isArray(feed.items)) {
    throw new SourceParseError('jsonfeed', baseUrl, 'not a JSON object with an "items" array');
  }
  const out: Candidate[] = [];
  for (const raw of feed.items as unknown[]) {
    if (!raw || typeof raw !== 'object') continue;
    const item = raw as Record<string, unknown>;
    const id = str(item.id);
    const url =
      resolveUrl(str(item.url), baseUrl) ??
      resolveUrl(str(item.external_url), baseUrl) ??
      (id && /^https?:/i.test(id) ? resolveUrl(id, baseUrl) : null);
    if (!url) continue;
    out.push({
      url,
      title: untypedText(str(item.title), TITLE_MAX),
      publishedAt: parseDate(str(item.date_published) ?? str(item.date_modified)),
      summary: htmlToText(str(item.summary) ?? str(item.content_text) ?? str(item.content_html)),
    });
  }
  if (feed.items.length > 0 && out.length === 0) throw new SourceParseError('jsonfeed', baseUrl, 'no item has a usable url');
  return out;
}
