import type { Region } from '../deal/schema.js';
import { COUNTRY_CODES, type PlaceKind, placeNames, REGION_CODES } from './gazetteer.js';

/**
 * Country as an article or an extraction writes it ("Germany", "German", "Berlin-based", "DE",
 * "the U.K.") → ISO 3166-1 alpha-2, and country → dealflow region. The names are the gazetteer's.
 */

const REGION_OF = new Map<string, Region>(
  Object.entries(REGION_CODES).flatMap(([region, codes]) => codes.split(' ').map((code) => [code, region as Region] as const)),
);

/** The dealflow region of an ISO alpha-2 code, or null when unknown or regionless. */
export function regionOf(code: string | null): Region | null {
  return code ? (REGION_OF.get(code.trim().toUpperCase()) ?? null) : null;
}

/** Lowercase, accents folded, "&" as "and", punctuation to spaces ("Côte d’Ivoire" → "cote d ivoire"). */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.’'`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const dotless = (s: string): string => s.replace(/\./g, '');

// A country field names a country: "Georgia" is the country here, though a state in prose (places.ts).
// Aliases come first so "Congo" is the DRC; areas (null) keep "Latin American" from reading as "American".
const PRECEDENCE: readonly PlaceKind[] = ['alias', 'area', 'country', 'demonym', 'city', 'subdivision'];

/** Codes and abbreviations ("USA", "U.K.", "Calif."), matched by case and without dots so "us" never does. */
const CASED = new Map<string, string>();
/** Everything else, by folded phrase; the first kind in PRECEDENCE wins a phrase. */
const LOOKUP = new Map<string, string | null>();
{
  const names = placeNames();
  for (const kind of PRECEDENCE) {
    for (const p of names) {
      if (p.kind !== kind || /^[A-Z]+$/.test(dotless(p.name))) continue;
      const key = fold(p.name);
      if (!LOOKUP.has(key)) LOOKUP.set(key, p.code);
    }
  }
  for (const p of names) {
    const key = dotless(p.name);
    // A valid code stands for its own country here: "SA" is Saudi Arabia, though South Africa in prose.
    const cased = p.kind === 'abbreviation' || /^[A-Z]+$/.test(key);
    if (!p.code || !cased || CASED.has(key) || (COUNTRY_CODES.has(key) && key !== p.code)) continue;
    CASED.set(key, p.code);
  }
}
const MAX_WORDS = Math.max(...[...LOOKUP.keys()].map((k) => k.split(' ').length));

/**
 * ISO 3166-1 alpha-2 for a country name, alias, demonym, code or startup city found in `text`,
 * else null. The longest matching phrase wins, then the leftmost ("Atlanta, Georgia" → US).
 */
export function toCountryCode(text: string | null): string | null {
  const raw = text?.trim();
  if (!raw) return null;
  // A bare code must be uppercase: "in" or "it" alone are words, not India or Italy.
  const bare = dotless(raw);
  if (/^[A-Z]{2}$/.test(bare) && COUNTRY_CODES.has(bare)) return bare;
  const folded = fold(raw).split(' ');
  for (let n = Math.min(MAX_WORDS, folded.length); n >= 1; n--) {
    for (let i = 0; i + n <= folded.length; i++) {
      const phrase = folded.slice(i, i + n).join(' ');
      if (LOOKUP.has(phrase)) return LOOKUP.get(phrase) ?? null;
    }
  }
  for (const token of bare.split(/[^\p{L}\p{N}]+/u)) {
    const code = CASED.get(token);
    if (code) return code;
  }
  return null;
}
