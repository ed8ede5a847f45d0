import { canonicalizeUrl } from '../fetch/url.js';
import { atomEntries, parseJsonFeed, parseSitemap, rssEntries, withLinks, type Candidate, type FeedEntry } from './feeds.js';
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

/** What a source lists: its items (deduped, capped) and how many distinct URLs the cap left out. */
export interface Discovery {
  items: DiscoveredItem[];
  /** Distinct article URLs the body listed. */
  total: number;
  /** Of those, how many the item cap dropped (the first ones in document order are kept). */
  dropped: number;
}

/** One entry per canonical URL (fields missing on the first sighting are filled from later ones), capped. */
function finalize(candidates: Candidate[], maxItems: number): Discovery {
  const byUrl = new Map<string, DiscoveredItem>();
  const overflow = new Set<string>();
  for (const c of candidates) {
    const url = canonicalizeUrl(c.url);
    const seen = byUrl.get(url);
    if (seen) {
      seen.title ??= c.title;
      seen.publishedAt ??= c.publishedAt;
      seen.summary ??= c.summary;
    } else if (byUrl.size < maxItems) {
      byUrl.set(url, { ...c, url });
    } else {
      overflow.add(url);
    }
  }
  return { items: [...byUrl.values()], total: byUrl.size + overflow.size, dropped: overflow.size };
}

function candidates(kind: SourceKind, body: string, baseUrl: string, opts: DiscoverOptions): Candidate[] {
  return withLinks(feedEntries(kind, body, baseUrl, opts), kind, baseUrl);
}

/**
 * The article URLs a source lists, with what the cap (`maxItems`, default MAX_ITEMS_PER_SOURCE)
 * left out. Throws SourceParseError only when nothing usable can be recovered; a well-formed but
 * empty feed yields no items. Sitemap-index children carry `isSitemap: true`.
 */
export function discoverSource(kind: SourceKind, body: string, baseUrl: string, opts: DiscoverOptions = {}): Discovery {
  return finalize(candidates(kind, body, baseUrl, opts), opts.maxItems ?? MAX_ITEMS_PER_SOURCE);
}

/** The items of discoverSource. */
export function discoverItems(kind: SourceKind, body: string, baseUrl: string, opts: DiscoverOptions = {}): DiscoveredItem[] {
  return discoverSource(kind, body, baseUrl, opts).items;
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
