import type { Dispatcher } from 'undici';
import { FetchError } from './errors.js';

/** What a fetch is for: an article page, or a source (feed, sitemap, listing). */
export type FetchAccept = 'page' | 'feed';

const ACCEPT: Record<FetchAccept, string> = {
  page: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  feed:
    'application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,' +
    'application/json;q=0.8,text/html;q=0.5,*/*;q=0.1',
};

const ACCEPT_ENCODING = 'gzip, deflate, br';

/** Request headers for a page or feed, conditional when validators from the last fetch are known. */
export function requestHeaders(
  userAgent: string,
  req: { accept: FetchAccept; etag?: string | null; lastModified?: string | null },
): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': userAgent,
    accept: ACCEPT[req.accept],
    'accept-encoding': ACCEPT_ENCODING,
    'accept-language': 'en;q=1.0, *;q=0.5',
  };
  if (req.etag) headers['if-none-match'] = req.etag;
  if (req.lastModified) headers['if-modified-since'] = req.lastModified;
  return headers;
}

/** Request headers for robots.txt. */
export function robotsHeaders(userAgent: string): Record<string, string> {
  return { 'user-agent': userAgent, accept: 'text/plain,*/*;q=0.1', 'accept-encoding': ACCEPT_ENCODING };
}

/** Whether a 2xx body of this MIME type is worth reading for `accept`. */
export function acceptableType(accept: FetchAccept, mime: string): boolean {
  if (accept === 'page') return mime === 'text/html' || mime === 'application/xhtml+xml';
  // Sources are feeds, sitemaps or HTML listings, so any text and any XML/JSON flavour may carry them.
  return (
    mime.startsWith('text/') ||
    mime === 'application/xml' ||
    mime === 'application/json' ||
    mime.endsWith('+xml') ||
    mime.endsWith('+json') ||
    mime === 'application/gzip' || // sitemap.xml.gz: its bytes must still gunzip to text (see body.ts)
    mime === 'application/x-gzip'
  );
}

/** The first value of a response header, or null. */
export function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** An absolute http(s) URL, or a FetchError saying why not. */
export function parseTarget(rawUrl: string): URL {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new FetchError('invalid_url', rawUrl, 'not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('invalid_url', rawUrl, `unsupported scheme ${url.protocol} only http and https URLs can be fetched`);
  }
  return url;
}

/**
 * The one origin a request may reach even if private, or null: the origin of `trustOrigin` (default
 * the URL fetched) when the request or the whole fetcher allows private addresses.
 */
export function trustedOriginOf(
  url: URL,
  req: { allowPrivate?: boolean; trustOrigin?: string | null },
  allowPrivateAll: boolean,
): string | null {
  if (!req.allowPrivate && !allowPrivateAll) return null;
  if (req.trustOrigin === null) return null;
  try {
    const anchor = req.trustOrigin === undefined ? url : new URL(req.trustOrigin);
    return anchor.protocol === 'http:' || anchor.protocol === 'https:' ? anchor.origin : null;
  } catch {
    return null;
  }
}
