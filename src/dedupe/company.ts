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
  aliases: ReadonlyArray<{ name_key: string; loose_key: string; name?: string }>;
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

/** A link of the article (parse/types ArticleLink). */
export interface LinkRef {
  href: string;
  text: string;
}

// Sites that host many companies' pages (social networks, code and app stores, databases, link
// shorteners, news and press-release wires): a link there never names the company's own domain.
const SHARED_HOSTS = [
  'linkedin.com',
  'twitter.com',
  'x.com',
  'facebook.com',
  'fb.com',
  'instagram.com',
  'youtube.com',
  'youtu.be',
  'tiktok.com',
  'threads.net',
  'bsky.app',
  'mastodon.social',
  'reddit.com',
  'medium.com',
  'substack.com',
  'github.com',
  'gitlab.com',
  'apple.com',
  'google.com',
  'play.google.com',
  'crunchbase.com',
  'pitchbook.com',
  'dealroom.co',
  'wikipedia.org',
  't.co',
  'bit.ly',
  'lnkd.in',
  'prnewswire.com',
  'businesswire.com',
  'globenewswire.com',
  'sec.gov',
];

const hostOf = (href: string): string | null => {
  try {
    return new URL(href).hostname
      .toLowerCase()
      .replace(/^www\./, '')
      .replace(/\.$/, '');
  } catch {
    return null;
  }
};

const pathDepth = (href: string): number => new URL(href).pathname.split('/').filter(Boolean).length;

const onHost = (host: string, site: string): boolean => host === site || host.endsWith(`.${site}`);

/**
 * The label that names the site: "haneulrobotics" of "www.haneulrobotics.co.kr", "paysa" of
 * "app.paysa.io". Without a public-suffix list: a two-letter country code after a short generic
 * label (co, com, org, …) is a two-part suffix.
 */
export function siteLabel(host: string): string {
  const labels = host.split('.').filter(Boolean);
  if (labels.length < 2) return labels[0] ?? '';
  let end = labels.length - 1;
  if (labels.length >= 3 && labels[end]!.length === 2 && labels[end - 1]!.length <= 3) end--;
  return labels[end - 1] ?? '';
}

// How sites write a name in a domain besides the name itself ("getpaysa.com", "paysahq.com").
const DOMAIN_PREFIXES = ['get', 'try', 'use', 'join', 'hello', 'go'];
const DOMAIN_SUFFIXES = ['hq', 'app', 'inc', 'co', 'tech', 'labs', 'ai', 'bio', 'group', 'global'];

function labelNames(label: string, loose: string, key: string): boolean {
  const forms = new Set([loose, key.replace(/\s+/g, '')]);
  const l = looseKey(label);
  if (forms.has(l) || forms.has(label)) return true;
  for (const p of DOMAIN_PREFIXES) if (label.startsWith(p) && forms.has(looseKey(label.slice(p.length)))) return true;
  for (const s of DOMAIN_SUFFIXES) if (label.endsWith(s) && forms.has(looseKey(label.slice(0, -s.length)))) return true;
  return false;
}

/**
 * The company's domain when the article links it (issue 13): a link whose anchor text is the
 * company's name, or whose site label spells it, on a host that is neither the publisher's, a
 * shared platform (social networks, stores, databases, wires) nor an investor's (anchor text or
 * label naming one of the article's investors). The first such link wins; null when none.
 */
export function linkedDomain(
  name: string,
  links: readonly LinkRef[],
  exclude: { hosts: readonly string[]; investorNames: readonly string[] },
): string | null {
  const { key, loose } = keysOf(name);
  if (!loose) return null;
  const excludedHosts = exclude.hosts.map((h) => h.toLowerCase().replace(/^www\./, ''));
  const investors = exclude.investorNames.map((n) => keysOf(n)).filter((k) => k.loose);
  for (const link of links) {
    const host = hostOf(link.href);
    if (!host || SHARED_HOSTS.some((s) => onHost(host, s)) || excludedHosts.some((h) => onHost(host, h) || onHost(h, host))) continue;
    const label = siteLabel(host);
    const text = keysOf(link.text);
    if (investors.some((i) => i.loose === text.loose || labelNames(label, i.loose, i.key))) continue;
    if (labelNames(label, loose, key)) return host;
    // The name as anchor text is enough only for a home page: any deeper page may be another site's story about it.
    if (text.loose === loose && pathDepth(link.href) === 0) return host;
  }
  return null;
}
