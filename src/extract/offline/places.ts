import { type PlaceKind, placeNames } from '../../normalise/gazetteer.js';

/**
 * The offline engine's gazetteer for locating a company: the normaliser's place names (countries,
 * aliases, abbreviations such as "Calif.", demonyms, startup cities, states and provinces), matched
 * in prose. Maps each name to ISO 3166-1 alpha-2.
 */

export interface PlaceMention {
  code: string;
  index: number;
  end: number;
  name: string;
}

/** Country names that are also people's first names ("Chad Lee said"), never read as places. */
const PERSON_NAMES = new Set(['Chad', 'Jordan', 'Jersey', 'Dominica', 'Nice']);

// In prose the specific place wins a name two kinds share: "Georgia" in funding news is the US
// state more often than the country (a country field reads it the other way: normalise/country.ts).
const PRECEDENCE: readonly PlaceKind[] = ['abbreviation', 'subdivision', 'city', 'alias', 'country', 'demonym'];

/** Every name with a single country, in PRECEDENCE order; formal names with commas or brackets ("Korea, Republic of") are left out. */
function entries(): [string, string][] {
  const names = placeNames();
  return PRECEDENCE.flatMap((kind) =>
    names
      .filter((p) => p.kind === kind && p.code && !PERSON_NAMES.has(p.name) && !(kind === 'country' && /[(),&]| - /.test(p.name)))
      .map((p): [string, string] => [p.name, p.code!]),
  );
}

const NAME_TO_CODE = new Map<string, string>();
const ORIGINAL = new Map<string, string>();
for (const [name, code] of entries()) {
  const key = name.toLowerCase();
  if (NAME_TO_CODE.has(key)) continue;
  NAME_TO_CODE.set(key, code);
  ORIGINAL.set(key, name);
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Longest names first so "South Korea" beats "Korea"; names are case-sensitive except the
// dateline form ("SINGAPORE-based") which is matched in upper case too.
const NAMES = [...NAME_TO_CODE.keys()].sort((a, b) => b.length - a.length);
const PLACE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${NAMES.map((n) => {
    const o = ORIGINAL.get(n)!;
    return `${escapeRegExp(o)}|${escapeRegExp(o.toUpperCase())}`;
  }).join('|')})(?![\\p{L}\\p{N}])`,
  'gu',
);

/** Every place name in `text`, in order. */
export function findPlaces(text: string): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (const m of text.matchAll(PLACE_RE)) {
    // "SA" is South Africa in prose ("startups in SA"), a legal form after a name ("Acme SA").
    if (m[0] === 'SA' && /\p{Lu}[\p{L}\p{N}&.'’-]*,?\s+$/u.test(text.slice(0, m.index))) continue;
    const code = NAME_TO_CODE.get(m[0].toLowerCase());
    if (code) out.push({ code, index: m.index, end: m.index + m[0].length, name: m[0] });
  }
  return out;
}

/** Whether a capitalised token sequence is only a place ("London", "Ho Chi Minh City"). */
export function isPlaceName(name: string): boolean {
  return NAME_TO_CODE.has(name.toLowerCase());
}
