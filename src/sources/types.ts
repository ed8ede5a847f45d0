export type SourceKind = 'rss' | 'atom' | 'rdf' | 'jsonfeed' | 'html' | 'sitemap';

export interface DiscoveredItem {
  /** Absolute, canonicalized (see canonicalizeUrl). */
  url: string;
  title: string | null;
  /** ISO 8601. */
  publishedAt: string | null;
  summary: string | null;
  /** Set on the children of a sitemap index: the URL is another sitemap to fetch, not an article. */
  isSitemap?: boolean;
}

export interface DiscoverOptions {
  /** CSS selector for article links on an HTML listing (the element or an <a> inside it). */
  linkSelector?: string | null;
  /** Most items kept per source body (SOURCE_MAX_ITEMS); default MAX_ITEMS_PER_SOURCE. */
  maxItems?: number;
}

/** Nothing usable could be recovered from a source body. */
export class SourceParseError extends Error {
  override name = 'SourceParseError';
  constructor(
    readonly kind: SourceKind,
    readonly baseUrl: string,
    message: string,
  ) {
    super(`${kind} source ${baseUrl}: ${message}`);
  }
}

/** Default of SOURCE_MAX_ITEMS: above any real feed, below a full sitemap (50,000 by the protocol). */
export const MAX_ITEMS_PER_SOURCE = 5000;
