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
