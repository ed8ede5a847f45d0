import { canonicalizeUrl } from '../fetch/url.js';
import { atomEntries, parseAtom, parseJsonFeed, parseRssLike, parseSitemap, rssEntries, type Candidate, type FeedEntry } from './feeds.js';
import { parseHtmlListing } from './listing.js';
import { MAX_ITEMS_PER_SOURCE, type DiscoveredItem, type DiscoverOptions, type SourceKind } from './types.js';

export { detectSourceKind } from './detect.js';
export {
  MAX_ITEMS_PER_SOURCE,
  SourceParseError,
  type DiscoveredItem,
  type DiscoverOptions,
  type SourceKind,
} from './types.js';

/** One entry per canonical URL (fields missing on the first sighting are filled from later ones), capped. */
function finalize(candidates: Candidate[]): DiscoveredItem[] {
  const byUrl = new Map<string, DiscoveredItem>();
  for (const c of candidates) {
    const url = canonicalizeUrl(c.url);
    const seen = byUrl.get(url);
    if (seen) {
      seen.title ??= c.title;
      seen.publishedAt ??= c.publishedAt;
      seen.summary ??= c.summary;
      continue;
    }
    if (byUrl.size >= MAX_ITEMS_PER_SOURCE) break;
    byUrl.set(url, { ...c, url });
  }
  return [...byUrl.values()];
}

/**
 * The article URLs a source lists. Throws SourceParseError only when nothing usable can be
 * recovered; a well-formed but empty feed yields []. Sitemap-index children carry `isSitemap: true`.
 */
export function discoverItems(
  kind: SourceKind,
  body: string,
  baseUrl: string,
  opts: DiscoverOptions = {},
): DiscoveredItem[] {
  switch (kind) {
    case 'rss':
    case 'rdf':
      return finalize(parseRssLike(body, baseUrl, kind));
    case 'atom':
      return finalize(parseAtom(body, baseUrl));
    case 'jsonfeed':
      return finalize(parseJsonFeed(body, baseUrl));
    case 'sitemap':
      return finalize(parseSitemap(body, baseUrl));
    case 'html':
      return finalize(parseHtmlListing(body, baseUrl, opts.linkSelector));
  }
}

/** Every entry of a source in document order, before dedupe and the cap; `url` is null for entries without a usable link. */
export function feedEntries(kind: SourceKind, body: string, baseUrl: string, opts: DiscoverOptions = {}): FeedEntry[] {
  switch (kind) {
    case 'rss':
    case 'rdf':
      return rssEntries(body, baseUrl, kind);
    case 'atom':
      return atomEntries(body, baseUrl);
    case 'jsonfeed':
      return parseJsonFeed(body, baseUrl);
    case 'sitemap':
      return parseSitemap(body, baseUrl);
    case 'html':
      return parseHtmlListing(body, baseUrl, opts.linkSelector);
  }
}
