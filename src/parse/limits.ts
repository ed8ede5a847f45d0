/**
 * Work bounds for one page, applied before any DOM is built. htmlparser2 and the tree walks after
 * it cost time quadratic in nesting depth (200,000 nested <div>s took 22 s on the event loop), so
 * a linear scan first tracks the element stack the way the HTML parser does (void elements,
 * implied end tags, end tags closing everything above their match): tags nested beyond the depth
 * limit are removed, and a page with too many elements is refused with a ParseError.
 */

/**
 * Chromium's HTML parser stops nesting at 512 (kMaximumHTMLParserDOMTreeDepth); real article
 * pages stay far below (the deepest of the 181 pages of the article-extraction benchmark: see
 * tests/parse/limits.test.ts for what that means in time).
 */
export const MAX_DEPTH = 512;
/**
 * Parsing and walking cost about 14 µs per element, so this bounds a page to ~1.5 s; the largest
 * page of the article-extraction benchmark has 1,596 elements.
 */
export const MAX_ELEMENTS = 100_000;

export class ParseError extends Error {
  override name = 'ParseError';
}

export interface PageShape {
  /** Deepest nesting of the elements kept (at most the depth limit). */
  depth: number;
  /** Elements kept, counted up to one past the element limit. */
  elements: number;
}

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'bgsound',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'image',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is raw text: markup inside them is not parsed. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

// Opening the key closes an open element of the set on top of the stack (the HTML implied end
// tags htmlparser2 applies), so <p><p><p> or <li><li> lists are flat, as in the real tree.
const P = new Set(['p']);
const IMPLIES_CLOSE: Record<string, Set<string>> = {
  li: new Set(['li']),
  dt: new Set(['dt', 'dd']),
  dd: new Set(['dt', 'dd']),
  option: new Set(['option']),
  optgroup: new Set(['optgroup', 'option']),
  tr: new Set(['tr', 'th', 'td']),
  th: new Set(['th', 'td']),
  td: new Set(['th', 'td']),
  tbody: new Set(['thead', 'tbody', 'tr', 'td', 'th']),
  tfoot: new Set(['thead', 'tbody', 'tr', 'td', 'th']),
  rt: new Set(['rt', 'rp']),
  rp: new Set(['rt', 'rp']),
};
for (const tag of [
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'address',
  'article',
  'aside',
  'blockquote',
  'details',
  'div',
  'dl',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hr',
  'main',
  'nav',
  'ol',
  'pre',
  'section',
  'table',
  'ul',
]) {
  IMPLIES_CLOSE[tag] = P;
}

const rawTextEnds = new Map<string, RegExp>();

/** Tag-name characters end at whitespace, '/' or '>'. */
const endsName = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x2f || c === 0x3e;
const isLetter = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;

interface Tag {
  start: number;
  /** Index just past the closing '>'. */
  end: number;
  name: string;
  closing: boolean;
  selfClosing: boolean;
}

/**
 * The next start or end tag at or after `from`, skipping comments, doctypes and processing
 * instructions; null when there is none. Hand-written rather than a regex: every step moves
 * forward, so even a page of unterminated "<a<a<a" stays linear. Quotes are not tracked: a '>'
 * inside an attribute ends the tag early, which does not change the nesting around it.
 */
function nextTag(html: string, from: number): Tag | null {
  for (let i = html.indexOf('<', from); i >= 0; i = html.indexOf('<', i + 1)) {
    const c = html.charCodeAt(i + 1);
    if (c === 0x21 || c === 0x3f) {
      // <!-- comment -->, <!doctype …>, <?…>
      const close = html.startsWith('<!--', i) ? html.indexOf('-->', i + 4) : html.indexOf('>', i + 2);
      if (close < 0) return null;
      i = close;
      continue;
    }
    const closing = c === 0x2f;
    const nameStart = closing ? i + 2 : i + 1;
    if (!isLetter(html.charCodeAt(nameStart))) continue; // a lone '<' is text
    let nameEnd = nameStart + 1;
    while (nameEnd < html.length && !endsName(html.charCodeAt(nameEnd))) nameEnd++;
    const gt = html.indexOf('>', nameEnd);
    if (gt < 0) return null;
    const selfClosing = gt > nameEnd && html.charCodeAt(gt - 1) === 0x2f;
    return { start: i, end: gt + 1, name: html.slice(nameStart, nameEnd).toLowerCase(), closing, selfClosing };
  }
  return null;
}

export interface BoundedPage extends PageShape {
  /** `html` with the tags nested beyond the depth limit removed (their text kept); the same string when none were. */
  html: string;
  /** Elements whose tags were removed. */
  flattened: number;
}

/**
 * One linear scan of `html`: elements nested deeper than `limits.depth` lose their tags (their text
 * and children move up to the element at the limit, as in Chromium's parser), and counting stops
 * once there are more than `limits.elements` elements.
 */
export function boundPage(html: string, limits = { depth: MAX_DEPTH, elements: MAX_ELEMENTS }): BoundedPage {
  const names: string[] = [];
  const dropped: boolean[] = []; // dropped elements are always the top of the stack
  const open = new Map<string, number>(); // occurrences of each name on the stack: end tags find their match in O(1)
  let kept = 0;
  const pop = () => {
    const name = names.pop()!;
    if (!dropped.pop()) kept--;
    open.set(name, open.get(name)! - 1);
  };
  const cuts: number[] = []; // [start, end) pairs of tags to remove
  const shape = { depth: 0, elements: 0, flattened: 0 };
  for (let tag = nextTag(html, 0); tag !== null; tag = nextTag(html, tag.end)) {
    const { name } = tag;
    if (tag.closing) {
      // An end tag closes its innermost open match and everything above it; with no match it is ignored.
      if ((open.get(name) ?? 0) > 0) {
        while (names[names.length - 1] !== name) pop();
        if (dropped[dropped.length - 1]) cuts.push(tag.start, tag.end);
        pop();
      }
      continue;
    }
    const closes = IMPLIES_CLOSE[name];
    while (closes && names.length > 0 && closes.has(names[names.length - 1]!)) pop();
    if (RAW_TEXT.has(name)) {
      // Skip to the matching end tag: "<div>" inside a script is text, not an element.
      let endTag = rawTextEnds.get(name);
      if (!endTag) rawTextEnds.set(name, (endTag = new RegExp(`</${name}`, 'gi')));
      endTag.lastIndex = tag.end;
      tag.end = endTag.exec(html)?.index ?? html.length;
    } else if (!VOID.has(name) && !tag.selfClosing) {
      const drop = kept >= limits.depth;
      names.push(name);
      dropped.push(drop);
      open.set(name, (open.get(name) ?? 0) + 1);
      if (drop) {
        cuts.push(tag.start, tag.end);
        shape.flattened++;
        continue; // a removed element costs the parser nothing
      }
      kept++;
      shape.depth = Math.max(shape.depth, kept);
    }
    if (++shape.elements > limits.elements) break;
  }
  if (cuts.length === 0) return { html, ...shape };
  const parts: string[] = [];
  let from = 0;
  for (let i = 0; i < cuts.length; i += 2) {
    parts.push(html.slice(from, cuts[i]));
    from = cuts[i + 1]!;
  }
  parts.push(html.slice(from));
  return { html: parts.join(''), ...shape };
}

/**
 * `html` ready for the DOM parser: nesting flattened at MAX_DEPTH. Throws a ParseError naming the
 * limit when the page has more than MAX_ELEMENTS elements (refused: no article has that many).
 */
export function boundedHtml(html: string): string {
  const page = boundPage(html);
  if (page.elements > MAX_ELEMENTS) {
    throw new ParseError(`page has more than ${MAX_ELEMENTS} elements: refused before parsing (limit ${MAX_ELEMENTS})`);
  }
  return page.html;
}
