import { companyKey, looseKey, nameSimilarity, nameSkeleton } from '../normalise/company.js';

/**
 * Company resolution: which stored company (if any) a deal's company name is. Pure. Tiers, first
 * that applies: the exact dedupe key of a name the company was written as; the loose key (generic
 * suffixes, spaces and romanisation variants dropped); a fuzzy candidate sharing the skeleton key
 * with a similar loose key, accepted only when one of its deals agrees with the candidate deal.
 * Countries that disagree keep companies apart. Whatever stays doubtful creates a new company with
 * a possible-duplicate review naming the near ones: never a silent merge, never a silent split.
 */

/** Loose keys at least this similar (1 − edit distance / length) are fuzzy candidates. */
export const FUZZY_NAME_SIMILARITY = 0.75;

export interface CompanyKeys {
  key: string;
  loose: string;
  skeleton: string;
}

export function keysOf(name: string): CompanyKeys {
  return { key: companyKey(name), loose: looseKey(name), skeleton: nameSkeleton(name) };
}

/** A stored (or earlier planned) company the blocking query found for a candidate. */
export interface KnownCompany<Ref> {
  ref: Ref;
  country: string | null;
  aliases: ReadonlyArray<{ name_key: string; loose_key: string }>;
}

export type CompanyResolution<Ref> =
  | { kind: 'existing'; ref: Ref; via: 'exact' | 'loose' | 'fuzzy' }
  | { kind: 'new'; near: Ref[]; reason: string | null };

const countriesDisagree = (a: string | null, b: string | null): boolean => a !== null && b !== null && a !== b;

/**
 * Resolve one company name. `dealAgrees(ref)` says whether a deal of that company is, by the
 * same-deal rule, the candidate's deal (the evidence a fuzzy name needs).
 */
export function resolveCompany<Ref>(
  name: string,
  country: string | null,
  known: ReadonlyArray<KnownCompany<Ref>>,
  dealAgrees: (ref: Ref) => boolean,
): CompanyResolution<Ref> {
  const { key, loose } = keysOf(name);
  const exact = known.filter((k) => k.aliases.some((a) => a.name_key === key));
  if (exact.length > 0) {
    const fits = exact.filter((k) => !countriesDisagree(k.country, country));
    const pick = fits.find((k) => dealAgrees(k.ref)) ?? fits[0];
    if (pick) return { kind: 'existing', ref: pick.ref, via: 'exact' };
    // The same name in another country: a different company until an operator says otherwise.
    return { kind: 'new', near: exact.map((k) => k.ref), reason: `same name as a company in another country` };
  }
  const sameCountry = known.filter((k) => !countriesDisagree(k.country, country));
  const looseHits = sameCountry.filter((k) => k.aliases.some((a) => a.loose_key === loose));
  if (looseHits.length === 1) return { kind: 'existing', ref: looseHits[0]!.ref, via: 'loose' };
  const fuzzy = sameCountry.filter(
    (k) => looseHits.includes(k) || k.aliases.some((a) => nameSimilarity(a.loose_key, loose) >= FUZZY_NAME_SIMILARITY),
  );
  const agreeing = fuzzy.filter((k) => dealAgrees(k.ref));
  if (agreeing.length === 1) return { kind: 'existing', ref: agreeing[0]!.ref, via: 'fuzzy' };
  if (fuzzy.length === 0) return { kind: 'new', near: [], reason: null };
  return {
    kind: 'new',
    near: fuzzy.map((k) => k.ref),
    reason: agreeing.length > 1 ? 'name and deal match several companies' : 'similar name, but no deal of that company agrees',
  };
}
