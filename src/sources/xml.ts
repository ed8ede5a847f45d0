import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { resolveUrl } from '../fetch/url.js';

export type { Element };

/**
 * Well-known namespaces under one fixed prefix, whatever prefix a document declares for them:
 * `<a10:link>`, `<atom:link>` and a default-namespace `<link>` in an Atom document are the same
 * element. The format's own namespace (Atom in an Atom feed, RSS 1.0/0.9/"userland" RSS 2.0 in an
 * RSS feed, the sitemap protocol in a sitemap) maps to the bare local name.
 */
const KNOWN_NS: Record<string, string> = {
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://purl.org/rss/1.0/': 'rss',
  'http://my.netscape.com/rdf/simple/0.9/': 'rss',
  'http://backend.userland.com/rss2': 'rss',
  'http://backend.userland.com/rss': 'rss',
  'http://blogs.law.harvard.edu/tech/rss': 'rss',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://rssnamespace.org/feedburner/ext/1.0': 'feedburner',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.sitemaps.org/schemas/sitemap/0.9': 'sitemap',
  'http://www.google.com/schemas/sitemap/0.9': 'sitemap',
  'http://www.google.com/schemas/sitemap/0.84': 'sitemap',
  'http://www.google.com/schemas/sitemap-news/0.9': 'news',
  'http://www.w3.org/1999/xhtml': 'xhtml',
};

const CONVENTIONAL_PREFIXES: Record<string, string> = {
  atom: 'atom',
  a10: 'atom',
  dc: 'dc',
  dcterms: 'dcterms',
  content: 'content',
  feedburner: 'feedburner',
  media: 'media',
  rdf: 'rdf',
  news: 'news',
};

export type XmlFormat = 'atom' | 'rss' | 'sitemap';

export interface XmlDoc {
  $: CheerioAPI;
  /** Canonical name of every element: `prefix:local` for known namespaces, `local` for the format's own. */
  names: WeakMap<Element, string>;
}

/**
 * Parse XML leniently: htmlparser2 closes unclosed tags at EOF, keeps CDATA text and tolerates
 * stray `&`. It never reads a DTD, so external entities (XXE) and entity expansion ("billion
 * laughs") cannot happen: undeclared entities stay literal text. Anything before the first tag
 * (junk before `<?xml`) is dropped. Names are then resolved against their xmlns declarations.
 */
export function loadXml(body: string, format: XmlFormat | null = null): XmlDoc {
  const start = body.indexOf('<');
  const $ = cheerio.load(start > 0 ? body.slice(start) : body, { xml: { xmlMode: true, decodeEntities: true } });
  const names = new WeakMap<Element, string>();
  const walk = (nodes: readonly unknown[], scope: Map<string, string>): void => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      let inner = scope;
      for (const [k, v] of Object.entries(n.attribs)) {
        if (k !== 'xmlns' && !k.startsWith('xmlns:')) continue;
        if (inner === scope) inner = new Map(scope);
        inner.set(k === 'xmlns' ? '' : k.slice(6), v.trim());
      }
      names.set(n, canonicalName(n.tagName, inner, format));
      walk(n.children, inner);
    }
  };
  walk($.root().toArray()[0]?.children ?? [], new Map());
  return { $, names };
}

function canonicalName(tag: string, scope: Map<string, string>, format: XmlFormat | null): string {
  const colon = tag.indexOf(':');
  const prefix = colon >= 0 ? tag.slice(0, colon) : '';
  const local = tag.slice(colon + 1).toLowerCase();
  const uri = scope.get(prefix);
  // Undeclared prefixes (common in sloppy feeds): the usual ones mean what they usually mean.
  const known = uri === undefined ? CONVENTIONAL_PREFIXES[prefix.toLowerCase()] : (KNOWN_NS[uri.toLowerCase()] ?? KNOWN_NS[uri]);
  if (!known) return prefix ? `${prefix.toLowerCase()}:${local}` : local; // an unknown vocabulary: as written
  return known === format ? local : `${known}:${local}`;
}

export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as { type?: string }).type === 'tag';
}

export function nameOf(doc: XmlDoc, el: Element): string {
  return doc.names.get(el) ?? el.tagName.toLowerCase();
}

/** Child elements whose canonical name is one of `names`, in document order. */
export function kids(doc: XmlDoc, el: Element, ...names: string[]): Element[] {
  return el.children.filter((c): c is Element => isElement(c) && names.includes(nameOf(doc, c)));
}

/** Trimmed text of the first child named one of `names`, in order of preference; null if empty. */
export function firstText(doc: XmlDoc, el: Element, ...names: string[]): string | null {
  for (const name of names) {
    for (const k of kids(doc, el, name)) {
      const t = doc.$(k).text().trim();
      if (t) return t;
    }
  }
  return null;
}

/** All elements with one of the canonical names anywhere in the document, in document order. */
export function allElements(doc: XmlDoc, ...names: string[]): Element[] {
  const out: Element[] = [];
  const walk = (nodes: readonly unknown[]): void => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      if (names.includes(nameOf(doc, n))) out.push(n);
      walk(n.children);
    }
  };
  walk(doc.$.root().toArray()[0]?.children ?? []);
  return out;
}

/** An attribute by local name, whatever its prefix (`rdf:about`, `about`); case-insensitive. */
export function attr(el: Element, local: string): string | undefined {
  const want = local.toLowerCase();
  for (const [k, v] of Object.entries(el.attribs)) {
    const name = k.slice(k.indexOf(':') + 1).toLowerCase();
    if (name === want && !k.startsWith('xmlns')) return v;
  }
  return undefined;
}

/** Base URL in effect at `el`: the document URL refined by every xml:base from the root down. */
export function xmlBase(el: Element, documentUrl: string): string {
  const chain: string[] = [];
  for (let n: Element | null = el; n; n = isElement(n.parent) ? n.parent : null) {
    const b = n.attribs['xml:base'];
    if (b) chain.unshift(b);
  }
  return chain.reduce((base, b) => resolveUrl(b, base) ?? base, documentUrl);
}
