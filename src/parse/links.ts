import type { AnyNode, Element } from 'domhandler';
import type { ArticleLink } from './types.js';
import { isElement } from './dom.js';

/** At most this many links are kept per article (a roundup links every deal; a link farm is noise). */
const MAX_LINKS = 50;
const MAX_TEXT = 200;

function textOf(node: AnyNode, depth = 0): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node) || depth > 20) return '';
  return node.children.map((c) => textOf(c, depth + 1)).join('');
}

const siteHost = (host: string): string => host.toLowerCase().replace(/^www\./, '');

/**
 * The article's outbound links: absolute http(s) targets on another host than the page's, with
 * their anchor text, first occurrence of each target kept, in document order.
 */
export function outboundLinks(anchors: readonly Element[], pageUrl: string): ArticleLink[] {
  let pageHost = '';
  try {
    pageHost = siteHost(new URL(pageUrl).host);
  } catch {
    // No usable page URL: every absolute link counts as outbound.
  }
  const out: ArticleLink[] = [];
  const seen = new Set<string>();
  for (const a of anchors) {
    let target: URL;
    try {
      target = new URL((a.attribs.href ?? '').trim(), pageUrl || undefined);
    } catch {
      continue;
    }
    if ((target.protocol !== 'http:' && target.protocol !== 'https:') || !target.hostname) continue;
    if (siteHost(target.host) === pageHost) continue;
    target.hash = '';
    if (seen.has(target.href)) continue;
    seen.add(target.href);
    out.push({ href: target.href, text: textOf(a).replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT) });
    if (out.length >= MAX_LINKS) break;
  }
  return out;
}
