import type { AnyNode, Element } from 'domhandler';
import { hasCommentName, isComment, isListItemArticle } from './comments.js';
import { attrText, isElement } from './dom.js';

/**
 * Main-content extraction over a domhandler tree (htmlparser2, via cheerio).
 *
 * 1. Flatten the page into text blocks in document order, skipping non-content tags, hidden
 *    elements and boilerplate containers (nav, comments, share, related, ads, …).
 * 2. Score containers Readability-style: every substantial block adds a score (length, commas)
 *    to its ancestors with decay; the best container, discounted by its link density, wins.
 * 3. Emit the blocks of the winner, of siblings that score well and of same-class "cousins"
 *    (bodies split around ads), dropping link lists, the headline and short captions/datelines.
 */

// <head> is not skipped: its own children (title, meta, script, …) are, and a page without
// </head> and <body> has its whole content inside it.
const SKIP_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'canvas',
  'video',
  'audio',
  'object',
  'embed',
  'button',
  'select',
  'option',
  'input',
  'textarea',
  'label',
  'nav',
  'footer',
  'aside',
  'header',
  'figcaption',
  'menu',
  'dialog',
  'title',
  'meta',
  'link',
  'picture',
  'img',
]);

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'table',
  'tbody',
  'thead',
  'tr',
  'td',
  'th',
  'dl',
  'dd',
  'dt',
  'figure',
  'form',
  'fieldset',
  'address',
  'hr',
  'center',
  'body',
  'html',
  'details',
  'summary',
  'caption',
]);

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** Headings this long are prose marked up as headings (some sites set every paragraph in <h2>). */
const PROSE_HEADING_CHARS = 100;

/** Tags whose text is itself a paragraph; their score goes to the parent container. */
const PARAGRAPH_TAGS = new Set(['p', 'pre', 'td', 'blockquote', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'dd', 'h1', 'th', 'dt']);

// Matched per class token / id: the word alone, as a prefix ("comment-list") or a suffix
// ("post-share"), never in the middle ("elementor-widget-container" is a layout wrapper).
const BOILERPLATE_AFFIX =
  /^(?:nav|navbar|navigation|menu|footer|sidebar|comments?|disqus|share|sharing|social|related|recommended|recommendations|newsletter|subscribe|subscription|signup|promo|promotions?|advert|advertisement|ad-slot|adslot|sponsored|cookies?|gdpr|consent|breadcrumbs?|pagination|pager|popup|modal|outbrain|taboola|author|authors|authorbox|about-author|about-the-author|bio|commentlist|trackbacks?|pingbacks?|toolbar|widget|trending|most-popular|masthead|more-stories|read-more|readmore|further-reading|byline|dateline|timestamp)(?:[-_]|$)|[-_](?:nav|menu|footer|sidebar|comments?|share|sharing|social|related|newsletter|subscribe|promo|advert|advertisement|sponsored|cookies?|consent|breadcrumbs?|pagination|popup|modal|toolbar|widget|trending|byline|dateline|timestamp)$/;
// Words too generic to match as affixes (bootstrap's "hidden-xs", "ad-column-l").
const BOILERPLATE_EXACT = /^(?:hidden|ad|ads|meta|tags|popular|caption|credits?|skip|jump|banner|sr-only|visually-hidden|print)$/;
const POSITIVE = /(?:^|[\s_-])(?:article|body|content|entry|main|post|story|text|blog)(?:$|[\s_-])/i;
// Scoring hints (substring, so camelCase "articleBody" counts): containers named like text win
// ties, containers named like media lose them.
const CONTENT_NAME = /article|body|content|entry|main|post|story|text|blog/i;
const MEDIA_NAME = /image|photo|caption|gallery|media|video|thumb/i;
const HIDDEN_STYLE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

interface Block {
  text: string;
  owner: Element;
  tag: string;
  chars: number;
  linkChars: number;
  /** The <a href> elements that start inside this block. */
  anchors: Element[];
}

interface Stats {
  score: number;
  /** Substantial paragraphs scored into this container; containers without any never win. */
  paragraphs: number;
  /** Undecayed score of all substantial, mostly unlinked paragraphs anywhere below. */
  text: number;
  chars: number;
  linkChars: number;
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined || a['aria-hidden'] === 'true') return true;
  const style = a.style;
  return style !== undefined && HIDDEN_STYLE.test(style);
}

function hasBoilerplateName(names: string): boolean {
  for (const token of names.toLowerCase().split(/\s+/)) {
    if (token && (BOILERPLATE_AFFIX.test(token) || BOILERPLATE_EXACT.test(token))) return true;
  }
  return false;
}

/**
 * Wrappers named like sidebars sometimes hold the article itself; never drop those. Several
 * <article>s (comments, teaser cards) are a list, not the article.
 */
function holdsArticle(root: Element): boolean {
  let articles = 0;
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [el, depth] = stack.pop()!;
    for (const child of el.children) {
      if (!isElement(child)) continue;
      if (child.name === 'main' || child.name === 'h1' || child.attribs.itemprop === 'articleBody') return true;
      if (child.name === 'article') {
        if (!isComment(child)) articles++;
        continue;
      }
      if (depth < 12) stack.push([child, depth + 1]);
    }
  }
  return articles === 1;
}

function isBoilerplate(el: Element): boolean {
  if (el.name === 'body' || el.name === 'html') return false;
  if (el.name === 'article' || el.name === 'main') return isComment(el);
  if (el.attribs.itemprop === 'comment') return true;
  const role = el.attribs.role;
  if (role === 'navigation' || role === 'complementary' || role === 'contentinfo' || role === 'banner') return true;
  const names = attrText(el);
  if (!names || !hasBoilerplateName(names)) return false;
  if (POSITIVE.test(names) && !hasCommentName(names)) return false;
  return !holdsArticle(el);
}

const SPACE_RE = /\s+/g;
const MAX_DEPTH = 500;

/**
 * Collect text blocks in document order; boilerplate subtrees contribute nothing. `lenient` also reads <noscript> and hidden elements: the last try on a page that yields no
 * text, which may be script-rendered or hidden until a script reveals it (anti-flicker snippets).
 */
function collectBlocks(root: Element, lenient = false): Block[] {
  const blocks: Block[] = [];
  let buf: string[] = [];
  let linkChars = 0;
  let anchors: Element[] = [];
  let owner: Element = root;
  let articles = 0;

  const flush = (): void => {
    if (buf.length > 0) {
      const text = buf.join('').replace(SPACE_RE, ' ').trim();
      if (text) blocks.push({ text, owner, tag: owner.name, chars: text.length, linkChars: Math.min(linkChars, text.length), anchors });
    }
    buf = [];
    linkChars = 0;
    anchors = [];
  };

  // Real pages nest a few dozen levels; far deeper subtrees are junk and would overflow the stack.
  const walk = (node: AnyNode, inLink: boolean, depth = 0): void => {
    if (node.type === 'text') {
      const data = node.data;
      buf.push(data);
      if (inLink) linkChars += data.trim().length;
      return;
    }
    if (!isElement(node)) return;
    const name = node.name;
    if (depth > MAX_DEPTH || (!lenient && isHidden(node)) || isBoilerplate(node)) return;
    if (SKIP_TAGS.has(name) && !(lenient && name === 'noscript')) return;
    if (name === 'br') {
      buf.push('\n');
      return;
    }
    if (BLOCK_TAGS.has(name)) {
      if (name === 'article' && articles > 0 && isListItemArticle(node)) return;
      flush();
      const outer = owner;
      owner = node;
      if (name === 'article') articles++;
      for (const child of node.children) walk(child, inLink, depth + 1);
      if (name === 'article') articles--;
      flush();
      owner = outer;
      return;
    }
    // Only <a href> is a link: old pages leave named anchors (<a name="top">) open around
    // the whole page.
    const link = inLink || (name === 'a' && node.attribs.href !== undefined);
    if (link && !inLink) anchors.push(node);
    for (const child of node.children) walk(child, link, depth + 1);
  };

  walk(root, false);
  flush();
  return blocks;
}

function initialScore(el: Element): number {
  let score = 0;
  switch (el.name) {
    case 'div':
    case 'section':
      score = 5;
      break;
    // Declared article containers win ties against same-sized promo boxes.
    case 'article':
    case 'main':
      score = 8;
      break;
    case 'pre':
    case 'td':
    case 'blockquote':
      score = 3;
      break;
    case 'ol':
    case 'ul':
    case 'dl':
    case 'li':
    case 'form':
      score = -3;
      break;
    default:
      score = 0;
  }
  const names = attrText(el);
  if (names && CONTENT_NAME.test(names)) score += 10;
  if (names && MEDIA_NAME.test(names)) score -= 10;
  if (el.attribs.itemprop === 'articleBody') score += 30;
  return score;
}

const COMMA_RE = /[,，、]/g;
const LAYOUT_CELL_CHARS = 300;

function scoreContainers(blocks: Block[]): Map<Element, Stats> {
  const stats = new Map<Element, Stats>();
  const get = (el: Element): Stats => {
    let s = stats.get(el);
    if (!s) {
      s = { score: initialScore(el), paragraphs: 0, text: 0, chars: 0, linkChars: 0 };
      stats.set(el, s);
    }
    return s;
  };
  for (const b of blocks) {
    // Text owned directly by a container counts as a paragraph of that container. A table cell
    // with a whole article's worth of text (<br> runs in a layout table) is a container itself.
    const isContainer = !PARAGRAPH_TAGS.has(b.tag) || (b.tag === 'td' && b.chars >= LAYOUT_CELL_CHARS);
    let el: Element | null = isContainer ? b.owner : parentElement(b.owner);
    const own = b.chars >= 25 && (!HEADINGS.has(b.tag) || (b.tag !== 'h1' && b.chars >= PROSE_HEADING_CHARS));
    const score = own ? 1 + (b.text.match(COMMA_RE)?.length ?? 0) + Math.min(Math.floor(b.chars / 100), 3) : 0;
    const text = own && b.linkChars < b.chars * 0.5 ? score : 0;
    // Stats of the paragraph element itself, for link-density checks when emitting.
    if (el !== b.owner) {
      const s = get(b.owner);
      s.chars += b.chars;
      s.linkChars += b.linkChars;
    }
    for (let level = 0; el; level++, el = parentElement(el)) {
      const s = get(el);
      s.chars += b.chars;
      s.linkChars += b.linkChars;
      s.text += text;
      if (own && level < 5) {
        s.score += level === 0 ? score : level === 1 ? score / 2 : score / (level * 3);
        s.paragraphs++;
      }
    }
  }
  return stats;
}

function parentElement(el: Element): Element | null {
  const p = el.parent;
  return p && isElement(p as AnyNode) ? (p as Element) : null;
}

function linkDensity(s: Stats): number {
  return s.chars > 0 ? s.linkChars / s.chars : 0;
}

function contains(ancestor: Element, node: Element): boolean {
  for (let el: Element | null = node; el; el = parentElement(el)) if (el === ancestor) return true;
  return false;
}

function isDeclaredArticle(el: Element): boolean {
  return el.name === 'article' || el.name === 'main' || el.attribs.itemprop === 'articleBody';
}

function pickWinner(stats: Map<Element, Stats>): Element | null {
  let best: Element | null = null;
  let bestScore = -Infinity;
  for (const [el, s] of stats) {
    // A table cell holding paragraphs is a layout column (old table-based pages), a container.
    if (el.name === 'html' || s.paragraphs === 0 || (PARAGRAPH_TAGS.has(el.name) && el.name !== 'td')) continue;
    // Text length breaks ties between equally scored containers.
    const final = s.score * (1 - linkDensity(s)) + s.chars * 1e-6;
    if (final > bestScore) {
      bestScore = final;
      best = el;
    }
  }
  if (!best) return null;
  // One paragraph per wrapper (card layouts) starves each wrapper of score: if the winner has only
  // a few paragraphs and a close ancestor holds at least twice the substantial text, take that.
  // A page that marks its article up as such means it, however short (the rest is promos).
  const own = stats.get(best)!;
  let ancestor = own.paragraphs <= 3 && !isDeclaredArticle(best) ? parentElement(best) : null;
  for (let level = 0; ancestor && level < 3; level++, ancestor = parentElement(ancestor)) {
    const as = stats.get(ancestor);
    if (as && as.text >= own.text * 2 && linkDensity(as) < 0.3) {
      best = ancestor;
      bestScore = as.score * (1 - linkDensity(as));
      break;
    }
  }
  // Climb while the parent scores nearly as well: the article is often split across wrappers.
  for (let parent = parentElement(best); parent && parent.name !== 'html'; parent = parentElement(parent)) {
    const ps = stats.get(parent);
    if (!ps) break;
    const pScore = ps.score * (1 - linkDensity(ps));
    if (pScore < bestScore * 0.85) break;
    best = parent;
    bestScore = Math.max(bestScore, pScore);
  }
  return best;
}

/** Siblings of the winner that look like more of the same article (split bodies, lead paragraphs). */
function mergedContainers(winner: Element, stats: Map<Element, Stats>): Element[] {
  const parent = parentElement(winner);
  if (!parent) return [winner];
  const ws = stats.get(winner);
  const threshold = Math.max(10, (ws?.score ?? 0) * 0.2);
  const winnerClass = winner.attribs.class ?? '';
  const out: Element[] = [];
  let after = false;
  for (const child of parent.children) {
    if (!isElement(child)) continue;
    if (child === winner) {
      out.push(child);
      after = true;
      continue;
    }
    const s = stats.get(child);
    if (!s) continue;
    const bonus = winnerClass && child.attribs.class === winnerClass ? (ws?.score ?? 0) * 0.2 : 0;
    // A lone paragraph box before the article is its lead; after it, an author bio or a promo.
    const lone = after && s.paragraphs < 2 && bonus === 0;
    if (s.score + bonus >= threshold && linkDensity(s) < 0.25 && !lone) out.push(child);
    else if (child.name === 'p' && s.chars > 80 && linkDensity(s) < 0.25) out.push(child);
  }
  return [...out, ...sameClassCousins(winner, stats)];
}

/**
 * Bodies split into chunks around ads ("article__body" repeated in separate wrappers): elements
 * with the winner's tag and class under a nearby ancestor are more of the same article.
 */
function sameClassCousins(winner: Element, stats: Map<Element, Stats>): Element[] {
  const cls = winner.attribs.class;
  if (!cls) return [];
  let scope: Element = winner;
  for (let i = 0; i < 5; i++) scope = parentElement(scope) ?? scope;
  const out: Element[] = [];
  const stack: Element[] = [scope];
  while (stack.length > 0) {
    const el = stack.pop()!;
    if (el !== winner && el.name === winner.name && el.attribs.class === cls) {
      const s = stats.get(el);
      if (s && s.text > 0 && linkDensity(s) < 0.3) out.push(el);
      continue;
    }
    for (const child of el.children) if (isElement(child) && stats.has(child)) stack.push(child);
  }
  return out;
}

// Short standalone lines that are page furniture, not article text.
const FURNITURE =
  /^(?:by\s|photo|image|credit|source:|advertisement|read more|related|share|subscribe|sign up|follow us|click here|updated|published|posted|copyright|©|all rights reserved|comments?\b|\d+\s+(?:comments?|responses?|replies|thoughts)\b|leave a (?:reply|comment))/i;

const FURNITURE_START = /^(?:follow|reach|contact|email|listen|download|watch|read|sign|subscribe|join|don'?t miss|see also|more:)/i;

// A dateline such as "March 12, 2024" or "7. Mai 2024, 10:15": a month name next to a year.
const DATE_LINE =
  /\b(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|janv|févr|avr|juil|août|déc|ene|abr|ago|dic|gen|mag|giu|lug|set|ott|mei|okt)[a-zéû]*\.?\b[\s\S]{0,30}\b(?:19|20)\d{2}\b|\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b/i;

function hasImage(el: Element, depth = 0): boolean {
  if (depth > 4) return false;
  for (const child of el.children) {
    if (!isElement(child)) continue;
    if (child.name === 'img' || child.name === 'picture' || hasImage(child, depth + 1)) return true;
  }
  return false;
}

/** Short text sitting in a container next to an image is a caption (text in <p>/<li>/h* is not). */
function isCaption(b: Block): boolean {
  return b.chars < 150 && !PARAGRAPH_TAGS.has(b.tag) && hasImage(b.owner);
}

/**
 * A roundup paragraph is mostly links yet still a sentence: unlinked words join them
 * ("<a>X raised a seed round</a> to map heat islands, and <a>published its data</a>").
 * Link lists and "Related: <a>headline</a>" lines have next to no unlinked text.
 */
function isLinkedProse(b: Block): boolean {
  return b.tag === 'p' && b.linkChars > b.chars * 0.5 && b.linkChars <= b.chars * 0.85 && b.chars - b.linkChars >= 25;
}

/** One sentence or more, not a call to action with addresses ("Follow us at http://…"). */
function isSentence(text: string): boolean {
  return /^[\p{Lu}"“‘'(]/u.test(text) && /[.!?]["”’')]?$/.test(text) && !text.includes('http') && !FURNITURE_START.test(text);
}

/**
 * A roundup post is made of linked prose; a news story has at most a stray "Follow us on
 * <a>…</a>" line of it, which is furniture. Keep linked prose everywhere only in a roundup;
 * elsewhere only when it reads as a sentence.
 */
function isRoundup(blocks: Block[]): boolean {
  let prose = 0;
  let linked = 0;
  for (const b of blocks) {
    if (b.tag !== 'p' || b.chars < 25) continue;
    prose++;
    if (isLinkedProse(b)) linked++;
  }
  return linked >= 2 && linked >= prose * 0.4;
}

function keepBlock(b: Block, stats: Map<Element, Stats>, roundup: boolean): boolean {
  // The headline is metadata, not body text.
  if (b.tag === 'h1') return false;
  if (b.chars < 50 && DATE_LINE.test(b.text) && b.text.split(' ').length <= 8) return false;
  if (b.chars > 0 && b.linkChars / b.chars > 0.5 && !((roundup || isSentence(b.text)) && isLinkedProse(b))) return false;
  // An item of a list that is mostly links belongs to a link list, even if it is itself unlinked.
  const list = b.tag === 'li' ? parentElement(b.owner) : null;
  const listStats = list ? stats.get(list) : undefined;
  if (listStats && linkDensity(listStats) > 0.5) return false;
  if (b.chars < 80 && FURNITURE.test(b.text)) return false;
  return !isCaption(b);
}

/** Below this many characters an extraction is a stub (or nothing) rather than an article. */
const TINY_CHARS = 80;
const READABLE_BLOCK_CHARS = 40;

/**
 * Last resort when the best container yields (next to) nothing: the page's readable blocks in
 * order: prose-sized, mostly unlinked, not furniture. Better some boilerplate than no text.
 */
function readableBlocks(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const b of blocks) {
    if (b.chars < READABLE_BLOCK_CHARS || b.tag === 'h1') continue;
    if (b.linkChars > b.chars * 0.5) continue;
    if (b.chars < 80 && FURNITURE.test(b.text)) continue;
    out.push(b);
  }
  return out;
}

function totalChars(paragraphs: Block[]): number {
  let n = 0;
  for (const p of paragraphs) n += p.text.length;
  return n;
}

function winningParagraphs(blocks: Block[]): Block[] {
  const stats = scoreContainers(blocks);
  const winner = pickWinner(stats);
  if (!winner) return [];
  const containers = mergedContainers(winner, stats);
  const inside = blocks.filter((b) => containers.some((c) => contains(c, b.owner)));
  const roundup = isRoundup(inside);
  return inside.filter((b) => keepBlock(b, stats, roundup));
}

function extractFrom(blocks: Block[]): Block[] {
  const paragraphs = winningParagraphs(blocks);
  const chars = totalChars(paragraphs);
  if (chars >= TINY_CHARS) return paragraphs;
  const fallback = readableBlocks(blocks);
  return totalChars(fallback) >= Math.max(chars * 2, 1) ? fallback : paragraphs;
}

/**
 * Paragraphs of the main article text ([] when the page has no readable text) and the links
 * (<a href> elements) inside them, in document order.
 */
export function extractContent(root: Element): { paragraphs: string[]; anchors: Element[] } {
  let kept = extractFrom(collectBlocks(root));
  if (totalChars(kept) < TINY_CHARS) {
    const lenient = extractFrom(collectBlocks(root, true));
    if (totalChars(lenient) >= Math.max(totalChars(kept) * 2, 1)) kept = lenient;
  }
  return { paragraphs: kept.map((b) => b.text), anchors: kept.flatMap((b) => b.anchors) };
}

/** Paragraphs of the main article text, or [] when the page has no readable text. */
export function extractParagraphs(root: Element): string[] {
  return extractContent(root).paragraphs;
}
