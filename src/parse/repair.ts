import type { ChildNode, Document, Element } from 'domhandler';
import { isElement } from './dom.js';
import type { PageIndex } from './page.js';
import { textOf } from './page.js';

/**
 * htmlparser2 reads <title> as raw text up to `</title>`, as browsers do: a page that never
 * closes its title loses everything after it to the title. Lenient parsers (libxml2) end the
 * title at the next tag instead; do the same when the parsed title visibly swallowed markup.
 *
 * Returns the repaired HTML, or null when the title is fine.
 */
export function closeRunawayTitle(html: string, page: PageIndex): string | null {
  if (!page.title || !TAG_LIKE.test(textOf(page.title))) return null;
  const open = TITLE_OPEN.exec(html);
  if (!open) return null;
  const start = open.index + open[0].length;
  const rest = html.slice(start);
  const next = rest.search(TAG_LIKE);
  if (next < 0 || /^<\/title/i.test(rest.slice(next))) return null;
  return `${html.slice(0, start + next)}</title>${html.slice(start + next)}`;
}

const TITLE_OPEN = /<title\b[^>]*>/i;
const TAG_LIKE = /<[a-zA-Z!/]/;

const TEXTAREA_TAG = /<textarea\b[^>]*>|<\/textarea\s*>/gi;

/**
 * <textarea> is raw text too: one left open (a search box in the header) swallows the page up
 * to the next `</textarea>` or the end. Close each open textarea that another one re-opens or
 * the end of the page finds still open, right after its start tag. Closed ones (embed-code
 * boxes holding literal markup) are left alone.
 */
export function closeRunawayTextareas(html: string): string | null {
  if (html.search(/<textarea\b/i) < 0) return null;
  const inserts: number[] = [];
  let openEnd = -1;
  for (const m of html.matchAll(TEXTAREA_TAG)) {
    const isOpen = m[0][1] !== '/';
    if (isOpen) {
      if (openEnd >= 0) inserts.push(openEnd);
      openEnd = m.index + m[0].length;
    } else {
      openEnd = -1;
    }
  }
  if (openEnd >= 0) inserts.push(openEnd);
  if (inserts.length === 0) return null;
  let out = '';
  let from = 0;
  for (const at of inserts) {
    out += `${html.slice(from, at)}</textarea>`;
    from = at;
  }
  return out + html.slice(from);
}

/** Raw-text elements left open (title, textarea), closed as lenient parsers do; null if none. */
export function repairRunawayRawText(html: string, page: PageIndex): string | null {
  const titled = closeRunawayTitle(html, page);
  const source = titled ?? html;
  return closeRunawayTextareas(source) ?? titled;
}

function detach(node: ChildNode): void {
  const parent = node.parent;
  if (parent) parent.children.splice(parent.children.indexOf(node), 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = node.prev = node.next = null;
}

function append(target: Element, node: ChildNode): void {
  const last = target.children.at(-1) ?? null;
  if (last) last.next = node;
  node.prev = last;
  node.parent = target;
  target.children.push(node);
}

/**
 * An ad snippet or a template that writes `</body></html>` mid-page ends the body for
 * htmlparser2, and the rest of the page lands after it. Browsers put such content back into
 * the body; so do we, so that the body is the whole page.
 */
export function adoptStrayContent(doc: Document, page: PageIndex): void {
  const body = page.body;
  const html = page.html;
  if (!body || !html || body.parent !== html) return;
  const strays: ChildNode[] = [];
  for (let n = body.next; n; n = n.next) strays.push(n);
  if (html.parent === doc) for (let n = html.next; n; n = n.next) strays.push(n);
  if (!strays.some((n) => isElement(n) || (n.type === 'text' && n.data.trim() !== ''))) return;
  for (const n of strays) {
    detach(n);
    append(body, n);
  }
}
