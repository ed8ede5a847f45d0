/**
 * Which of a company's written forms the article uses: a short form takes the full name written
 * elsewhere ("Jain Resource" → "Jain Resource Recycling"), and of long and short forms the one the
 * article writes most on its own ("Market Kurly … Kurly said … Kurly said").
 */
import { companyKey } from '../../normalise/company.js';
import { validName } from './names.js';
import { isPlaceName } from './places.js';

export const countOf = (needle: string, hay: string): number => hay.split(needle).length - 1;

/** A name without a leading place: "Beijing Jinying" → "Jinying". */
export function coreOf(name: string): string {
  const tokens = name.split(' ');
  return tokens.length > 1 && isPlaceName(tokens[0]!) ? tokens.slice(1).join(' ') : name;
}

/** The longest capitalised extension of `name` written in the text (up to two more words). */
export function longerForm(name: string, text: string): string | null {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let best: string | null = null;
  // Not after "the": "the Fisker Ocean" is a product of Fisker.
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}]|\\b[Tt]he\\s)${esc}((?:\\s+[\\p{Lu}][\\p{L}&-]+){1,2})`, 'gu'))) {
    const words = m[1]!.trim().split(/\s+/);
    const bad = words.findIndex((w) => !validName(w) || isPlaceName(w) || /^(?:Series|CEO|IPO|Shares?|Group)$/.test(w));
    const extra = bad < 0 ? words : words.slice(0, bad);
    if (!extra.length) continue;
    const full = `${name} ${extra.join(' ')}`;
    if (!best || full.length > best.length) best = full;
  }
  return best;
}

// Trailing words a company is often named without: "Opus Energy Group" is "Opus Energy".
const GENERIC_TAIL = /\s+(?:Group|Holdings?|Ltd|Limited|Inc|Corp|Corporation|Co|Plc|PLC|LLC|GmbH|AG|SA|NV|BV|Pvt|Pte)\.?$/;

/** "Norrskär Recycling AB" → "Norrskär Recycling": the words the company key ignores. */
function withoutLegalTail(name: string): string {
  const words = name.split(' ');
  while (words.length > 1 && companyKey(words.slice(0, -1).join(' ')) === companyKey(words.join(' '))) words.pop();
  return words.join(' ');
}

export function usualForm(name: string, text: string): string {
  const words = name.split(' ');
  const forms = new Set([name]);
  let bare = name;
  while (GENERIC_TAIL.test(bare)) forms.add((bare = bare.replace(GENERIC_TAIL, '')));
  // "Market Kurly" → "Kurly" only where "Kurly" stands alone, not inside another name ("Department of Energy").
  const tail = words.length === 2 && /^\p{Lu}[\p{L}\d]{3,}$/u.test(words[1]!) && validName(words[1]!) ? words[1]! : null;
  if (tail) forms.add(tail);
  // "Shanghai Biren Intelligent Technology Co." … "Biren" ×5: a long legal name's leading words.
  const core = withoutLegalTail(coreOf(bare)).split(' ');
  const prefixes = core.length >= 3 ? core.slice(0, -1).map((_, k) => core.slice(0, k + 1).join(' ')) : [];
  for (const p of prefixes) if (/^\p{Lu}[\p{L}\d]{3,}/u.test(p)) forms.add(p);
  const candidates = [...forms].filter((f) => f.split(' ').length >= 1 && validName(f));
  if (candidates.length < 2) return name;
  const at = (f: string): number[] => {
    const esc = f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return [...text.matchAll(new RegExp(`(?<![\\p{L}\\d])${esc}(?![\\p{L}\\d])`, 'gu'))]
      .map((m) => m.index)
      .filter((i) => f !== tail || !/(?:\p{Lu}[\p{L}.]*|\b(?:of|de|&|the))\s+$/u.test(text.slice(Math.max(0, i - 30), i)));
  };
  // Standalone uses: those not inside a longer candidate's occurrence.
  const spans = candidates.map((f) => ({ f, hits: at(f) }));
  const own = spans.map(({ f, hits }) => ({
    f,
    hits: hits.filter(
      (i) => !spans.some((o) => o.f.length > f.length && o.f.includes(f) && o.hits.some((j) => j <= i && i + f.length <= j + o.f.length)),
    ),
  }));
  const fullUses = own.filter((o) => !prefixes.includes(o.f)).reduce((n, o) => n + o.hits.length, 0);
  const best = own
    // A leading-words form must be the article's habit, not a chance match.
    .filter((o) => o.hits.length > 0 && (!prefixes.includes(o.f) || (o.hits.length >= 2 && o.hits.length > fullUses)))
    .sort((a, b) => b.hits.length - a.hits.length || Math.min(...a.hits) - Math.min(...b.hits))[0];
  // Legal suffixes aside, the name is the same: keep it as written at the deal.
  return best && companyKey(best.f) !== companyKey(name) ? best.f : name;
}
