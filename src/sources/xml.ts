import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { resolveUrl } from '../fetch/url.js';

export type { Element };

/**
 * Parse XML leniently: htmlparser2 closes unclosed tags at EOF, keeps CDATA text and tolerates
 * stray `&`. Anything before the first tag (junk before `<?xml`) is dropped.
 */
export function loadXml(body: string): CheerioAPI {
  const start = body.indexOf('<');
  return cheerio.load(start > 0 ? body.slice(start) : body, { xml: { xmlMode: true, decodeEntities: true } });
}

export function isElement(node: unknown): node is Element {
  return typeof node === 'object' && node !== null && (node as { type?: string }).type === 'tag';
}

/** Child elements whose (prefixed, lowercased) tag name is one of `names`. */
export function kids(el: Element, ...names: string[]): Element[] {
  return el.children.filter((c): c is Element => isElement(c) && names.includes(c.tagName.toLowerCase()));
}

/** Trimmed text of the first child named one of `names`, in order of preference; null if empty. */
export function firstText($: CheerioAPI, el: Element, ...names: string[]): string | null {
  for (const name of names) {
    for (const k of kids(el, name)) {
      const t = $(k).text().trim();
      if (t) return t;
    }
  }
  return null;
}

/** All elements with one of the tag names anywhere in the document, in document order. */
export function allElements($: CheerioAPI, ...names: string[]): Element[] {
  const out: Element[] = [];
  const walk = (nodes: readonly unknown[]): void => {
    for (const n of nodes) {
      if (!isElement(n)) continue;
      if (names.includes(n.tagName.toLowerCase())) out.push(n);
      walk(n.children);
    }
  };
  walk($.root().toArray()[0]?.children ?? []);
  return out;
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
