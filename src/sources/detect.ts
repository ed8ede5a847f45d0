import type { SourceKind } from './types.js';

export type { SourceKind } from './types.js';

const ROOTS: Record<string, SourceKind> = {
  rss: 'rss',
  channel: 'rss', // an RSS body that lost its <rss> wrapper
  feed: 'atom',
  'rdf:rdf': 'rdf',
  rdf: 'rdf',
  urlset: 'sitemap',
  sitemapindex: 'sitemap',
  html: 'html',
};

/** Name of the first element, skipping junk, the XML declaration, comments and doctype. */
function rootElement(body: string): string | null {
  const head = body.slice(0, 8192).replace(/<!--[\s\S]*?-->/g, '');
  const m = head.match(/<([A-Za-z][\w.:-]*)[\s>/]/);
  return m?.[1]?.toLowerCase() ?? null;
}

function looksLikeJsonFeed(body: string): boolean {
  const t = body.trimStart();
  if (!t.startsWith('{')) return false;
  return /"version"\s*:\s*"https?:\/\/jsonfeed\.org\//.test(t.slice(0, 4096)) || /"items"\s*:\s*\[/.test(t);
}

/** Decide how to read a source body: the content itself first, the Content-Type only as a tie-breaker. */
export function detectSourceKind(body: string, contentType: string | null): SourceKind {
  const text = body.replace(/^\uFEFF/, '');
  if (looksLikeJsonFeed(text)) return 'jsonfeed';
  const root = rootElement(text);
  if (root) {
    // A prefixed root (<a:feed xmlns:a=…>) is known by its local name.
    const known = ROOTS[root] ?? ROOTS[root.slice(root.indexOf(':') + 1)];
    if (known) return known;
  }
  const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (mime.includes('json')) return 'jsonfeed';
  if (mime.includes('atom')) return 'atom';
  if (mime.includes('rss')) return 'rss';
  if (mime.includes('rdf')) return 'rdf';
  if (/<(rss|channel)[\s>]/i.test(text)) return 'rss';
  if (/<feed[\s>]/i.test(text)) return 'atom';
  return 'html';
}
