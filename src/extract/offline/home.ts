/**
 * Where a company is based when the deal's own sentence does not say: a description beside its
 * name elsewhere in the article ("Lagos-based lender Acme", "Acme, a Kenyan fintech,"), else the
 * country the article is about ("Swiss startups …", "India's startup scene") for the companies it
 * lists. Only descriptions attached to the company's own name count, so an investor's or another
 * company's home is never borrowed.
 */
import { findPlaces, type PlaceMention } from './places.js';

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// Between a place and the name it describes: "-based", a possessive, then lowercase descriptor
// words ("Paris-based biotech Acme", "Kenyan fintech Acme", "Japanese payments startup Acme").
const BEFORE_NAME = /^(?:,\s*[\p{L}.]+)?(?:-(?:based|headquartered)|['’]s)?(?:\s+[\p{Ll}][\p{Ll}\p{N}-]*){0,4}\s+$/u;
// After the name, an appositive that describes it: "Acme, a Lagos-based lender," / "Acme, the Kenyan fintech,".
const APPOSITIVE = /^,\s+(?:a|an|the)\s+(?:[\p{Ll}\p{N}-]+\s+){0,3}$/u;
const APPOSITIVE_BASED = /^,\s+(?:a|an|the)\s+(?:[\p{Ll}\p{N}-]+\s+){0,3}?(?:based|headquartered) in\s+(?:the\s+)?$/u;

/** The home the article gives `company` in any sentence that names it, or null. */
export function describedHome(texts: readonly string[], company: string): string | null {
  const name = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(company)}(?![\\p{L}\\p{N}])`, 'gu');
  for (const text of texts) {
    for (const m of text.matchAll(name)) {
      const places = findPlaces(text);
      const before = places.filter((p) => p.end <= m.index && BEFORE_NAME.test(text.slice(p.end, m.index)));
      if (before.length) return before[before.length - 1]!.code;
      const after = m.index + company.length;
      const appositive = places.find((p) => {
        if (p.index < after || p.index > after + 60) return false;
        const gap = text.slice(after, p.index);
        return APPOSITIVE.test(gap) || APPOSITIVE_BASED.test(gap);
      });
      if (appositive) return appositive.code;
    }
  }
  return null;
}

// The article's subject is a country's companies: "Swiss startups", "Indian Funding Roundup",
// "India's startup scene", "the tech sector in SA".
const SCOPE_NOUN = String.raw`(?:start-?ups|companies|firms|founders|funding|fundraising|roundup|ecosystem|scene|space|sector|fintechs|businesses|unicorns)\b`;
const SCOPE_AFTER = new RegExp(String.raw`^(?:['’]s?)?\s+(?:[\p{L}-]+\s+){0,3}?${SCOPE_NOUN}`, 'iu');
const SCOPE_BEFORE = new RegExp(String.raw`\b${SCOPE_NOUN}\s+(?:\p{Ll}+\s+){0,2}?in\s+(?:the\s+)?$`, 'iu');

/** The one country the article's headline and opening are about, or null (none, or several). */
export function articleScope(texts: readonly string[]): string | null {
  const codes = new Set<string>();
  for (const text of texts) {
    for (const p of findPlaces(text) as PlaceMention[]) {
      if (SCOPE_AFTER.test(text.slice(p.end)) || SCOPE_BEFORE.test(text.slice(0, p.index))) codes.add(p.code);
    }
  }
  return codes.size === 1 ? [...codes][0]! : null;
}

// "raised $625 million in Japan's largest IPO": the deal is a record of that country's market.
const MARKET_AFTER =
  /^['’]s?\s+(?:[\p{Ll}-]+\s+){0,3}(?:IPO|listing|initial public offering|share sale|(?:funding|seed|venture|Series [A-Z]) round|round)\b/u;

/** The country whose market a deal clause says it belongs to, looking from `from` on. */
export function marketOf(text: string, from: number): string | null {
  const place = findPlaces(text).find(
    (p) => p.index >= from && /\bin\s+$/.test(text.slice(Math.max(0, p.index - 4), p.index)) && MARKET_AFTER.test(text.slice(p.end)),
  );
  return place?.code ?? null;
}

// Exchanges that list almost only their own country's companies (not Nasdaq, NYSE or HKEX,
// where foreign listings are common).
const HOME_EXCHANGES: ReadonlyArray<[RegExp, string]> = [
  [/\b(?:NSE|BSE|Bombay Stock Exchange|National Stock Exchange of India|Dalal Street)\b/, 'IN'],
  [/\b(?:KOSDAQ|KOSPI|Kosdaq|Kospi|Korea Exchange)\b/, 'KR'],
  [/\b(?:Tokyo Stock Exchange|TSE Growth|TSE Prime|Mothers market)\b/, 'JP'],
  [/\b(?:STAR Market|ChiNext|Shanghai Stock Exchange|Shenzhen Stock Exchange)\b/, 'CN'],
  [/\b(?:Taiwan Stock Exchange|TWSE)\b/, 'TW'],
  [/\b(?:ASX|Australian Securities Exchange)\b/, 'AU'],
  [/\b(?:Tadawul|Saudi Exchange)\b/, 'SA'],
  [/\b(?:B3|Bovespa)\b/, 'BR'],
  [/\b(?:Borsa Istanbul)\b/, 'TR'],
  [/\b(?:Nigerian Exchange|NGX)\b/, 'NG'],
  [/\b(?:Johannesburg Stock Exchange|JSE)\b/, 'ZA'],
];

/** For a listing: the country of the one home exchange the article names, or null. */
export function listingHome(texts: readonly string[]): string | null {
  const codes = new Set(HOME_EXCHANGES.filter(([re]) => texts.some((t) => re.test(t))).map(([, code]) => code));
  return codes.size === 1 ? [...codes][0]! : null;
}

// "Ten months ago London startup hinted …", "the Nairobi-based startup said": a startup named
// by its home alone, followed by no name of its own.
const NAMELESS = /^(?:-based)?\s+(?:[\p{Ll}-]+\s+){0,2}?start-?up\b(?!\s*,?\s*[\p{Lu}\p{N}])/u;

/** In an article about one company: the home a nameless "PLACE startup" gives it, or null. */
export function namelessHome(texts: readonly string[]): string | null {
  const codes = new Set<string>();
  for (const text of texts) for (const p of findPlaces(text)) if (NAMELESS.test(text.slice(p.end))) codes.add(p.code);
  return codes.size === 1 ? [...codes][0]! : null;
}
