import type { AnyNode, Document, Element } from 'domhandler';

/**
 * Everything metadata extraction looks at, gathered in one pass over the DOM: a dozen separate
 * CSS selector scans cost more than the content extraction itself.
 */
export interface PageIndex {
  html: Element | null;
  body: Element | null;
  /** <meta> content by lowercased name/property/itemprop/http-equiv; the first occurrence wins. */
  metas: Map<string, string>;
  jsonLd: string[];
  title: Element | null;
  h1: Element | null;
  canonicalHref: string | null;
  relAuthor: Element | null;
  itempropAuthor: Element | null;
  bylineElement: Element | null;
  /** datetime of <time pubdate>, of the first <time> inside <article>, of the first <time> anywhere. */
  pubdateTime: string | null;
  articleTime: string | null;
  firstTime: string | null;
}

const BYLINE_CLASS = /byline|author-name/i;

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Concatenated text below `node` (iterative, so deep trees cannot overflow the stack). */
export function textOf(node: AnyNode): string {
  let out = '';
  const stack: AnyNode[] = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === 'text') out += n.data;
    else if (isElement(n) || n.type === 'root') {
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    }
  }
  return out;
}

const NOT_BODY_PARENTS = new Set(['head', 'noscript', 'template']);

function insideMetadata(el: Element): boolean {
  for (let p = el.parent; p && isElement(p); p = p.parent) if (NOT_BODY_PARENTS.has(p.name)) return true;
  return false;
}

export function indexPage(doc: Document): PageIndex {
  const page: PageIndex = {
    html: null,
    body: null,
    metas: new Map(),
    jsonLd: [],
    title: null,
    h1: null,
    canonicalHref: null,
    relAuthor: null,
    itempropAuthor: null,
    bylineElement: null,
    pubdateTime: null,
    articleTime: null,
    firstTime: null,
  };
  const stack: [AnyNode, boolean][] = doc.children.map((c) => [c, false]);
  stack.reverse();
  while (stack.length > 0) {
    const [node, inArticle] = stack.pop()!;
    if (!isElement(node)) continue;
    const a = node.attribs;
    switch (node.name) {
      case 'html':
        page.html ??= node;
        break;
      case 'body':
        // `<noscript><body class="no-js"></noscript>` in the head: htmlparser2 nests a second, empty
        // body there. Only a body outside head/noscript/template is the page.
        if (!page.body && !insideMetadata(node)) page.body = node;
        break;
      case 'meta': {
        const key = (a.property ?? a.name ?? a.itemprop ?? a['http-equiv'])?.toLowerCase();
        const content = a.content?.trim();
        if (key && content && !page.metas.has(key)) page.metas.set(key, content);
        break;
      }
      case 'script':
        if (a.type?.toLowerCase() === 'application/ld+json') page.jsonLd.push(textOf(node));
        continue; // script bodies hold no elements
      case 'title':
        page.title ??= node;
        break;
      case 'h1':
        page.h1 ??= node;
        break;
      case 'link':
        if (a.rel?.toLowerCase() === 'canonical' && page.canonicalHref === null) page.canonicalHref = a.href ?? null;
        break;
      case 'time': {
        const dt = a.datetime;
        if (dt) {
          if (a.pubdate !== undefined) page.pubdateTime ??= dt;
          if (inArticle) page.articleTime ??= dt;
          page.firstTime ??= dt;
        }
        break;
      }
    }
    if (a.rel === 'author') page.relAuthor ??= node;
    if (a.itemprop === 'author') page.itempropAuthor ??= node;
    if (a.class && BYLINE_CLASS.test(a.class)) page.bylineElement ??= node;
    const childInArticle = inArticle || node.name === 'article';
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, childInArticle]);
  }
  return page;
}
