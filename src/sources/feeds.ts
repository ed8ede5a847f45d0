import type { CheerioAPI } from 'cheerio';
import { resolveUrl } from '../fetch/url.js';
import { htmlToText, parseDate } from './text.js';
import { SourceParseError, type DiscoveredItem } from './types.js';
import { allElements, firstText, kids, loadXml, xmlBase, type Element } from './xml.js';

/** An item before canonicalization and dedupe; `url` is absolute but not yet canonical. */
export type Candidate = DiscoveredItem;

function rssLink($: CheerioAPI, item: Element, base: string): string | null {
  // Feedburner rewrites <link> to a redirector; the original article URL is kept aside.
  const orig = firstText($, item, 'feedburner:origlink');
  if (orig) return resolveUrl(orig, base);
  for (const l of kids(item, 'link', 'atom:link')) {
    const href = l.attribs.href;
    const rel = l.attribs.rel ?? 'alternate';
    const candidate = href ? (rel === 'alternate' ? href : null) : $(l).text().trim();
    const url = resolveUrl(candidate, xmlBase(l, base));
    if (url) return url;
  }
  const guid = kids(item, 'guid')[0];
  const permalink = guid && Object.entries(guid.attribs).find(([k]) => k.toLowerCase() === 'ispermalink')?.[1];
  if (guid && permalink?.trim().toLowerCase() !== 'false') {
    const url = resolveUrl($(guid).text().trim(), base);
    if (url) return url;
  }
  // RSS 1.0 items name their resource in rdf:about.
  return resolveUrl(item.attribs['rdf:about'], base);
}

/** RSS 0.91/0.92/2.0 and RDF/RSS 1.0: both list <item> elements with the same child vocabulary. */
export function parseRssLike(body: string, baseUrl: string, kind: 'rss' | 'rdf'): Candidate[] {
  const $ = loadXml(body);
  const items = allElements($, 'item');
  if (items.length === 0 && allElements($, 'rss', 'channel', 'rdf:rdf').length === 0) {
    throw new SourceParseError(kind, baseUrl, 'no <rss>, <channel> or <item> element found');
  }
  const out: Candidate[] = [];
  for (const item of items) {
    const base = xmlBase(item, baseUrl);
    const url = rssLink($, item, base);
    if (!url) continue;
    out.push({
      url,
      title: htmlToText(firstText($, item, 'title', 'dc:title'), 500),
      publishedAt: parseDate(firstText($, item, 'pubdate', 'dc:date', 'published', 'updated', 'a10:updated')),
      summary: htmlToText(firstText($, item, 'description', 'content:encoded', 'summary', 'dc:description')),
    });
  }
  if (items.length > 0 && out.length === 0) throw new SourceParseError(kind, baseUrl, 'no item has a usable link');
  return out;
}

function atomLink(entry: Element, base: string): string | null {
  const links = kids(entry, 'link').filter((l) => (l.attribs.rel ?? 'alternate') === 'alternate' && l.attribs.href);
  // Several alternates: prefer the HTML rendering over e.g. an audio or JSON variant.
  const best = links.find((l) => !l.attribs.type || /html/i.test(l.attribs.type)) ?? links[0];
  return best ? resolveUrl(best.attribs.href, xmlBase(best, base)) : null;
}

/** Atom 1.0 (and the 0.3 date names issued/modified). */
export function parseAtom(body: string, baseUrl: string): Candidate[] {
  const $ = loadXml(body);
  const entries = allElements($, 'entry');
  if (entries.length === 0 && allElements($, 'feed').length === 0) {
    throw new SourceParseError('atom', baseUrl, 'no <feed> or <entry> element found');
  }
  const out: Candidate[] = [];
  for (const entry of entries) {
    const base = xmlBase(entry, baseUrl);
    const id = firstText($, entry, 'id');
    const url = atomLink(entry, base) ?? (id && /^https?:/i.test(id) ? resolveUrl(id, base) : null);
    if (!url) continue;
    out.push({
      url,
      title: htmlToText(firstText($, entry, 'title'), 500),
      publishedAt: parseDate(firstText($, entry, 'published', 'issued', 'updated', 'modified')),
      summary: htmlToText(firstText($, entry, 'summary', 'content')),
    });
  }
  if (entries.length > 0 && out.length === 0) throw new SourceParseError('atom', baseUrl, 'no entry has a usable link');
  return out;
}

/** <urlset> (plain and Google News) and <sitemapindex>, whose children are flagged isSitemap. */
export function parseSitemap(body: string, baseUrl: string): Candidate[] {
  const $ = loadXml(body);
  const urls = allElements($, 'url');
  const maps = allElements($, 'sitemap');
  if (urls.length === 0 && maps.length === 0 && allElements($, 'urlset', 'sitemapindex').length === 0) {
    throw new SourceParseError('sitemap', baseUrl, 'no <urlset> or <sitemapindex> element found');
  }
  const out: Candidate[] = [];
  for (const u of urls) {
    const url = resolveUrl(firstText($, u, 'loc'), baseUrl);
    if (!url) continue;
    const news = kids(u, 'news:news')[0];
    out.push({
      url,
      title: news ? htmlToText(firstText($, news, 'news:title'), 500) : null,
      publishedAt: parseDate((news && firstText($, news, 'news:publication_date')) ?? firstText($, u, 'lastmod')),
      summary: null,
    });
  }
  for (const m of maps) {
    const url = resolveUrl(firstText($, m, 'loc'), baseUrl);
    if (url) out.push({ url, title: null, publishedAt: parseDate(firstText($, m, 'lastmod')), summary: null, isSitemap: true });
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
      title: htmlToText(str(item.title), 500),
      publishedAt: parseDate(str(item.date_published) ?? str(item.date_modified)),
      summary: htmlToText(str(item.summary) ?? str(item.content_text) ?? str(item.content_html)),
    });
  }
  if (feed.items.length > 0 && out.length === 0) throw new SourceParseError('jsonfeed', baseUrl, 'no item has a usable url');
  return out;
}
