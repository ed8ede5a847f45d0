/** Where a deal's company is based, from the words describing it in the article. */
import type { Anchor } from './deal-anchor.js';
import { describedHome, listingHome, marketOf, namelessHome } from './home.js';
import { findPlaces } from './places.js';

const BASED = /^(?:,\s*[\p{L}.]+)?-based|^['’]s\b/u;
// "the Austin, Texas-based company": a later sentence naming the company by its home.
const COMPANY_BASED =
  /^(?:,\s*[\p{L}.]+)?-based (?:company|startup|start-up|firm|business|group|maker|developer|provider|operator|platform|lender)\b/u;
const BASED_IN = /\b(?:based|headquartered|founded) in\s+(?:the\s+)?$/i;

const DATELINE_END = /^\s+[–—-]\s/;

/** Home country of the company described in `text[from, until)`: "-based", "based in", demonyms. */
function countryIn(text: string, from: number, until: number, exclude?: [number, number]): string | null {
  const places = findPlaces(text).filter(
    (p) =>
      p.index >= from &&
      p.end <= until &&
      !(exclude && p.index >= exclude[0] && p.end <= exclude[1]) &&
      // A dateline's city ("Frankfurt – Acme received …") is where the story was filed.
      !DATELINE_END.test(text.slice(p.end)),
  );
  const based = places.find((p) => BASED.test(text.slice(p.end)) || BASED_IN.test(text.slice(0, p.index)));
  return (based ?? places[0])?.code ?? null;
}

/** A deal's company as located in the article: its sentence, its name and the construction stating it. */
export interface PlacedDeal {
  company: string;
  sentence: number;
  anchor: Pick<Anchor, 'companyAt' | 'describedUntil' | 'isObject' | 'money' | 'round'>;
}

/**
 * The home country of a deal's company: its own description in the deal's sentence, the market the
 * money is for, a "-based" company in the deal's context, a description elsewhere, the headline,
 * the article's one company, an exchange's home.
 */
export function countryFor(l: PlacedDeal, texts: readonly string[], context: number[], title: string | null, sole: boolean): string | null {
  const s = texts[l.sentence]!;
  const at = l.anchor.companyAt;
  // The name itself ("Beijing Jinying", "Dutch scheme iDeal") is excluded, its description is not.
  const nameAt = Math.max(at, s.indexOf(l.company, at));
  // A possessive place right before an object still counts ("takeover of Manchester's Acme").
  // A subject's description runs back to its clause start, never into another clause's company.
  const clause = [...s.slice(0, at).matchAll(/,\s+(?:while|whereas|and|but)\s+|;\s+/g)].pop();
  const clauseStart = clause ? clause.index + clause[0].length : 0;
  const from = l.anchor.isObject ? Math.max(0, at - 20) : Math.max(clauseStart, at - 100);
  const until = Math.max(nameAt + l.company.length, l.anchor.describedUntil);
  const own = countryIn(s, from, until, [nameAt, nameAt + l.company.length]);
  if (own) return own;
  const market = l.anchor.money ? marketOf(s, l.anchor.money.end) : null;
  if (market) return market;
  for (const i of context) {
    const t = texts[i]!;
    const based = findPlaces(t).find((p) => COMPANY_BASED.test(t.slice(p.end)) || BASED_IN.test(t.slice(0, p.index)));
    if (based) return based.code;
  }
  const described = describedHome(texts, l.company);
  if (described) return described;
  const inTitle = title?.indexOf(l.company) ?? -1;
  const titled =
    title && inTitle >= 0
      ? countryIn(title, Math.max(0, inTitle - 40), inTitle + l.company.length + 60, [inTitle, inTitle + l.company.length])
      : null;
  if (titled) return titled;
  // Only when the article is about this one company can "the Berlin startup" be it.
  const nameless = sole ? namelessHome(texts) : null;
  if (nameless) return nameless;
  // A listing on an exchange that lists almost only its own country's companies.
  return l.anchor.round === 'ipo' ? listingHome(texts) : null;
}
