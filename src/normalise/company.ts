import { toCountryCode } from './country.js';

/**
 * Company and investor names: `cleanCompanyName` turns what an engine copied from prose
 * ("Berlin-based fintech startup Acme GmbH,") into the name ("Acme"); `companyKey` is the
 * dedupe key (the corpus rule: case, punctuation and legal suffixes dropped).
 */

/**
 * Version of the stored keys: what companyKey, investorKey, looseKey and nameSkeleton return (and
 * the lists below they read: LEGAL_KEYS, GENERIC_SUFFIXES, the romanisation rules). The database
 * keeps these keys (company_aliases, companies.name_key, investors.name_key) and matches on them, so
 * BUMP THIS whenever any of those outputs changes: at the next startup the stored keys are
 * recomputed (src/pipeline/rekey.ts). tests/normalise/keys-version.test.ts fails when the outputs
 * on its sample names change while this number did not.
 */
export const KEYS_VERSION = 2;

// Trailing legal forms, longest first. Case-sensitive so that names ending in "As" or "Co"
// written in title case are not cut; a suffix is only removed when something remains.
const LEGAL_SUFFIXES = [
  'GmbH & Co. KG',
  'GmbH & Co KG',
  'spol. s r.o.',
  'Sp. z o.o.',
  'Sdn. Bhd.',
  'Sdn Bhd',
  'Pty. Ltd.',
  'Pty Ltd.',
  'Pty Ltd',
  'Pte. Ltd.',
  'Pte Ltd.',
  'Pte Ltd',
  'Pte.',
  'Pte',
  'Pvt. Ltd.',
  'Pvt Ltd.',
  'Pvt Ltd',
  'Private Limited',
  'Corporation',
  'Limited',
  'Inc.',
  'Inc',
  'Ltd.',
  'Ltd',
  'LLC',
  'L.L.C.',
  'LLP',
  'GmbH',
  'S.A.S.',
  'S.A.',
  'S.p.A.',
  'SpA',
  'S.r.l.',
  'Srl',
  'SARL',
  'SAS',
  'SA',
  'AG',
  'B.V.',
  'BV',
  'N.V.',
  'NV',
  'Oyj',
  'Oy',
  'AB',
  'ApS',
  'A/S',
  'AS',
  'ASA',
  'plc',
  'PLC',
  'Plc',
  'Corp.',
  'Corp',
  'Co.',
  'SE',
  'KG',
  's.r.o.',
  'a.s.',
  'K.K.',
  'S.L.',
  'Ltda.',
  'Lda.',
  'Ltda',
  'Lda',
  'Bhd.',
  'Bhd',
];
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// A dotted form may lose its final dot where a sentence ends ("Acme S.A" from "… Acme S.A.").
const suffixPattern = (x: string): string => (/\..+\.$/.test(x) ? `${escapeRegExp(x.slice(0, -1))}\\.?` : escapeRegExp(x));
const LEGAL_RE = new RegExp(`(?:,?\\s+)(?:${LEGAL_SUFFIXES.map(suffixPattern).join('|')})$`, 'u');

/** Lowercase key forms of the legal suffixes, after punctuation is dropped. */
const LEGAL_KEYS = new Set([
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'spa',
  'srl',
  'bv',
  'nv',
  'oy',
  'oyj',
  'ab',
  'aps',
  'as',
  'asa',
  'plc',
  'corp',
  'corporation',
  'co',
  'se',
  'kg',
  'pty',
  'pvt',
  'pte',
  'private',
  'sro',
  'kk',
  'sl',
  'lda',
  'ltda',
  'bhd',
  'sdn',
]);

// Nouns and sector words that describe the company rather than name it: "fintech startup X".
const DESCRIPTORS = new Set([
  'startup',
  'start-up',
  'company',
  'firm',
  'platform',
  'provider',
  'maker',
  'developer',
  'unicorn',
  'scaleup',
  'scale-up',
  'giant',
  'operator',
  'app',
  'outfit',
  'lender',
  'neobank',
  'business',
  'venture',
  'specialist',
  'marketplace',
  'brand',
  'retailer',
  'manufacturer',
  'player',
  'challenger',
  'supplier',
]);
// Sector words also count capitalised at the start ("Fintech Revolut"); generic nouns do not,
// since names like "Platform Nine" begin with them.
const SECTORS = new Set([
  'fintech',
  'insurtech',
  'proptech',
  'healthtech',
  'edtech',
  'biotech',
  'medtech',
  'cleantech',
  'agritech',
  'legaltech',
  'regtech',
  'deeptech',
  'climatetech',
  'foodtech',
  'saas',
  'crypto',
  'robotics',
]);

// Quotes, brackets and clause punctuation at either end; a final period is handled apart.
const EDGES = /^[\s"'“”‘’«»([]+|[\s"'“”‘’«»,;:?)\]]+$/gu;
const EDGES_AND_PERIOD = /^[\s"'“”‘’«»([]+|[\s"'“”‘’«».,;:?)\]]+$/gu;

/** Drops "Berlin-based", "YC-backed", "AI startup", "London's" and similar lead-ins before the name. */
function stripDescription(name: string): string {
  let s = name;
  const leadIn = s.match(/^.*-(?:based|backed|headquartered)\s+/iu);
  if (leadIn) s = s.slice(leadIn[0].length);
  const possessive = s.match(/^([\p{L} .-]+?)[’']s\s+(?=\S)/u);
  if (possessive?.[1] && toCountryCode(possessive[1]) !== null) s = s.slice(possessive[0].length);
  // The lead-in is every word up to the last descriptor, when only lowercase words, acronyms
  // (AI, B2B) or the first word precede it, and a name follows.
  const words = s.split(/\s+/);
  let cut = 0;
  for (let i = 0; i < words.length - 1; i++) {
    const w = words[i] ?? '';
    const lower = w.toLowerCase();
    const descriptive = (DESCRIPTORS.has(lower) || SECTORS.has(lower)) && (w === lower || (i === 0 && SECTORS.has(lower)));
    const filler = w === lower || /^[A-Z0-9]{2,4}$/.test(w) || i === 0;
    if (descriptive) cut = i + 1;
    else if (!filler) break;
  }
  s = words.slice(cut).join(' ');
  return s.replace(/^the\s+/u, '');
}

/** The company (or investor) name without lead-in, legal suffix, quotes or trailing punctuation. */
export function cleanCompanyName(raw: string): string {
  let s = raw.replace(/\s+/gu, ' ').replace(EDGES, '');
  s = stripDescription(s);
  s = s.replace(/[’']s$/u, '');
  for (let m = s.match(LEGAL_RE); m?.index && m.index > 0; m = s.match(LEGAL_RE)) {
    s = s.slice(0, m.index);
  }
  // Only now drop a final period: before, it could belong to "Inc." or "Co.".
  return s.replace(EDGES_AND_PERIOD, '');
}

// Latin letters NFD does not split into a base letter and a mark ("Søren" = "Soren").
const UNDECOMPOSED: Record<string, string> = { ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** Dedupe key: accents folded, lowercase, punctuation and trailing legal suffixes dropped. */
export function companyKey(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđðþı]/gu, (c) => UNDECOMPOSED[c] ?? c)
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .split(/\s+/)
    .filter(Boolean);
  while (words.length > 1 && LEGAL_KEYS.has(words[words.length - 1] ?? '')) words.pop();
  return words.join(' ');
}

/** Investors dedupe by the same rule as companies. */
export const investorKey = companyKey;

const nameWords = (s: string): string[] =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.replace(/s$/, ''));

/**
 * Whether a descriptive name of two or more words ("Acme lending unit") is stated inside one
 * sentence of `text` in other word order or with a possessive ("sold its lending unit, Acme said",
 * "Acme's lending unit"). Single-word names must occur as written.
 */
export function namedInOneSentence(name: string, text: string): boolean {
  const wanted = nameWords(name);
  if (wanted.length < 2) return false;
  return text.split(/(?<=[.!?])\s+|\n+/).some((sentence) => {
    const have = new Set(nameWords(sentence));
    return wanted.every((w) => have.has(w));
  });
}

/** One entry per investor key, first spelling kept, a lead anywhere a lead; names without a key are dropped. */
export function uniqueInvestors(list: ReadonlyArray<{ name: string; lead: boolean }>): Array<{ name: string; lead: boolean }> {
  const byKey = new Map<string, { name: string; lead: boolean }>();
  for (const inv of list) {
    const key = investorKey(inv.name);
    if (!key) continue;
    const seen = byKey.get(key);
    if (seen) seen.lead ||= inv.lead;
    else byKey.set(key, { name: inv.name, lead: inv.lead });
  }
  return [...byKey.values()];
}

// Words that describe what a company does rather than name it, dropped from the end of a name for
// matching only ("Paysa Technologies" = "Paysa", "BomNal Biosciences" = "Bomnal Bio"); the stored
// name keeps them. Not "Group" or "Holdings": those often name a different, parent company.
const GENERIC_SUFFIXES = new Set([
  'technologies',
  'technology',
  'tech',
  'labs',
  'lab',
  'bio',
  'biosciences',
  'bioscience',
  'biotech',
  'therapeutics',
  'ai',
  'systems',
  'software',
  'io',
  'hq',
  'company',
]);

// A name written as its web address ("Vexel.ai", "Mondo.io") is the name: the top-level domain
// is dropped for matching.
const DOMAIN_SUFFIX = /\.(?:ai|io|com|co|app|so|dev|xyz|tech|net|org|me|ly|to)$/iu;

/**
 * Matching key: the dedupe key without generic suffix words, spaces or romanisation variants, so
 * "Ha-neul", "Haneul" and "Hanul", or "BomNal Biosciences" and "Bomnal Bio", share one key.
 * Korean/Japanese/Chinese romanisations differ mostly in vowel digraphs and doubled letters.
 */
export function looseKey(name: string): string {
  const words = companyKey(name.trim().replace(DOMAIN_SUFFIX, '')).split(' ').filter(Boolean);
  if (words.length > 1 && words[0] === 'the') words.shift();
  while (words.length > 1 && GENERIC_SUFFIXES.has(words[words.length - 1] ?? '')) words.pop();
  return words
    .join('')
    .replace(/eu|eo/g, (m) => (m === 'eu' ? 'u' : 'o'))
    .replace(/ou|oo/g, 'u')
    .replace(/ae/g, 'e')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/(\p{L})\1+/gu, '$1');
}

/**
 * Blocking key for fuzzy company candidates: the loose key's first character and its consonants
 * and digits (vowels and y dropped, repeated letters collapsed). Names that could be spellings of one name
 * mostly share it; the decision is left to `nameSimilarity` and the deals' details.
 */
export function nameSkeleton(name: string): string {
  const loose = looseKey(name);
  if (!loose) return '';
  // Digits stay as written: "Newco 11" and "Newco 1" are different names, not spellings.
  return (loose[0] + loose.slice(1).replace(/[aeiouy]/g, '')).replace(/(\p{L})\1+/gu, '$1');
}

/** 1 − normalised Levenshtein distance between two loose keys (1 = same). */
export function nameSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a || !b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return 1 - prev[b.length]! / Math.max(a.length, b.length);
}
