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

/** A plain-text sitemap: no markup, and every line (blank and # lines aside) is an absolute http(s) URL. */
function looksLikeTextSitemap(text: string): boolean {
  if (text.includes('<')) return false;
  const lines = text
    .split(/\r?\n/, 200)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  return lines.length > 0 && lines.every((l) => /^https?:\/\/\S+$/i.test(l));
}

const ATOM_NS = String.raw`http://(?:www\.w3\.org/2005/Atom|purl\.org/atom/ns#)`;
const EMBEDDED_ATOM = new RegExp(String.raw`<(?:[\w.-]+:)?feed\b[^>]*\sxmlns(?::[\w.-]+)?\s*=\s*["']${ATOM_NS}["']`, 'i');
const EMBEDDED_RSS = /<(?:[\w.-]+:)?rss\b[^>]*\sversion\s*=\s*["'][\d.]+["'][^>]*>[\s\S]*<(?:[\w.-]+:)?item[\s>]/i;

/** A feed some servers wrap in <html><body> (an error template, a debugging proxy): read the feed. */
function embeddedFeed(text: string): SourceKind | null {
  if (EMBEDDED_ATOM.test(text)) return 'atom';
  if (EMBEDDED_RSS.test(text)) return 'rss';
  return null;
}

/** Decide how to read a source body: the content itself first, the Content-Type only as a tie-breaker. */
export function detectSourceKind(body: string, contentType: string | null): SourceKind {
  const text = body.replace(/^\uFEFF/, '');
  if (looksLikeJsonFeed(text)) return 'jsonfeed';
  if (looksLikeTextSitemap(text)) return 'sitemap';
  const root = rootElement(text);
  if (root) {
    // A prefixed root (<a:feed xmlns:a=…>) is known by its local name.
    const known = ROOTS[root] ?? ROOTS[root.slice(root.indexOf(':') + 1)];
    if (known === 'html') return embeddedFeed(text) ?? 'html';
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
