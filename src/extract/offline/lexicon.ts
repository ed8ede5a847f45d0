/**
 * The offline engine's vocabulary in one place: raise verbs, deal nouns, round and deal-kind
 * cues, hedges and status cues, company head nouns. Rules elsewhere build on these lists, so a
 * new word is added once. Also the readings built directly on them: what an amount means, which
 * round a sentence names, how certain a deal is.
 */
import { parseAllMoney, type MoneyMatch } from '../../normalise/money.js';
import type { Round, Status } from '../../deal/schema.js';

const alt = (words: readonly string[]): string =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');

/** Verbs of receiving money, all forms. `weak` ones need a deal noun nearby ("signed a loan"). */
const STRONG_VERBS = [
  'raise',
  'raises',
  'raised',
  'raising',
  'seeks',
  'seeking',
  'pocketed',
  'pockets',
  'scooped up',
  'scoops up',
  'scooped',
  'hauled in',
  'hauls in',
  'raked in',
  'rakes in',
  'took in',
  'takes in',
  'brought in',
  'attracted',
  'attracts',
  'drew',
  'drew in',
  'granted',
  'got',
  'gets',
  'secured',
  'secures',
  'securing',
  'landed',
  'lands',
  'land',
  'bagged',
  'bags',
  'bag',
  'netted',
  'nets',
  'picked up',
  'picks up',
  'pulled in',
  'pulls in',
  'received',
  'receive',
  'receives',
  'receiving',
  'awarded',
  'obtained',
  'obtains',
  'snagged',
  'snags',
  'grabbed',
  'grabs',
  'eyes',
  'eyeing',
  'nabbed',
  'nabs',
  'garnered',
  'garners',
  'mopped up',
  'collected',
  'collects',
  'amassed',
  'clinched',
  'clinches',
  'mobilised',
  'mobilized',
  'mobilises',
  'mobilizes',
  'roped in',
  'ropes in',
  'notched up',
  'racked up',
  'scored',
  'scores',
  'fetched',
  'wrapped up',
  'drummed up',
  'gathered',
  // Participles of roundups: "startups Acme landing $5M and Globex, $3M".
  'landing',
  'bagging',
  'netting',
  'pocketing',
  'snagging',
  'grabbing',
  'garnering',
  'clinching',
  'attracting',
  'obtaining',
  'picking up',
  'pulling in',
  'hauling in',
  'raking in',
  'scooping up',
  'took a chunk of',
  'walked away with',
  'walks away with',
  'swept up',
  // Present tense of translated or headline text: "Acme obtains", "Acme captures €2m".
  'obtain',
  'captures',
  'captured',
] as const;
const WEAK_VERBS = [
  'announced',
  'announces',
  'took on',
  'takes on',
  'issued',
  'issues',
  'placed',
  'places',
  'signed',
  'signs',
  'completed',
  'completes',
  'launched',
  'launches',
  'running',
  'runs',
  'priced',
  'prices',
  'closed',
  'closes',
  'closing',
  'won',
  'wins',
  'sold',
  'sells',
  'selling',
  'announcing',
  'take',
  'takes',
  'took',
  'get',
  // Translated text: "has achieved an investment of 3 million euros".
  'achieved',
  'achieves',
] as const;
const CLOSE_OF = String.raw`announced\s+(?:the\s+)?(?:first\s+|final\s+)?(?:close|closing|completion)\s+of`;

export const RAISE_VERB = new RegExp(String.raw`\b(?:${CLOSE_OF}|${alt([...STRONG_VERBS, ...WEAK_VERBS])})\b`, 'g');
const WEAK_VERB_RE = new RegExp(`^(?:${alt(WEAK_VERBS)})$`);
export const isWeakVerb = (verb: string): boolean => WEAK_VERB_RE.test(verb.toLowerCase().replace(/\s+/g, ' '));

/** Nouns that make a weak verb a deal ("issued a bond", "sold shares in an IPO"). */
const DEAL_NOUNS = [
  'round',
  'placement',
  'funding',
  'financing',
  'investment',
  'bond',
  'bonds',
  'facility',
  'loan',
  'note',
  'notes',
  'debentures',
  'tender offer',
  'offering',
  'IPO',
  'seed',
  'grant',
  'debt',
  'equity',
  'capital',
  'raise',
  'share sale',
  'stock sale',
  'listing',
] as const;
export const DEAL_NOUN = new RegExp(String.raw`\b(?:${alt(DEAL_NOUNS)}|Series [A-J]|ESOP[^.]{0,60}?buyback)\b`);

/**
 * Head nouns that name a company by its kind: "the startup", "the internet bank", "the San
 * Francisco company". Also what a descriptor before a name ends with ("chipmaker X").
 */
export const COMPANY_HEADS = [
  'company',
  'startup',
  'start-up',
  'firm',
  'business',
  'group',
  'platform',
  'maker',
  'developer',
  'operator',
  'lender',
  'provider',
  'fintech',
  'insurtech',
  'proptech',
  'edtech',
  'healthtech',
  'biotech',
  'unicorn',
  'bank',
  'neobank',
  'chipmaker',
  'automaker',
  'carmaker',
  'retailer',
  'manufacturer',
  'producer',
  'supplier',
  'specialist',
  'rival',
  'app',
  'site',
  'service',
  'marketplace',
  'publisher',
  'brand',
  'outfit',
  'venture',
  'scaleup',
  'scale-up',
  'insurer',
  'designer',
  'builder',
  'chain',
  'exchange',
  'network',
  'studio',
  'lab',
  'labs',
  'scheme',
  'player',
  'challenger',
  'giant',
  'conglomerate',
  'owner',
  'carrier',
  'airline',
  'utility',
  'miner',
  'drugmaker',
  'vendor',
] as const;
export const COMPANY_HEAD = alt(COMPANY_HEADS);

const MONEY_CACHE = new Map<string, MoneyMatch[]>();
const MONEY_CACHE_SIZE = 256;

/**
 * Amounts in a sentence, memoised: each sentence is read by several rules. Sentences without a
 * digit or a scale word cannot hold an amount and skip the (costly) money grammar.
 */
export function amountsIn(sentence: string, currency: string | null = null): MoneyMatch[] {
  if (!/\d|illion|crore|lakh/i.test(sentence)) return [];
  const key = currency ? `${currency}\u0000${sentence}` : sentence;
  let found = MONEY_CACHE.get(key);
  if (!found) {
    found = parseAllMoney(sentence);
    if (currency) found = withBareAmounts(sentence, found, currency);
    if (MONEY_CACHE.size >= MONEY_CACHE_SIZE) MONEY_CACHE.delete(MONEY_CACHE.keys().next().value!);
    MONEY_CACHE.set(key, found);
  }
  return found;
}

// What may follow a bare figure that is money: "receive 2.5 million each", "got 4 million, while …";
// not a noun ("10 million users").
const BARE_FOLLOW = /^\s*(?:each|apiece|[,.;:)]|$|\s(?:in|from|to|for|through|via|as|led|while|and|with|of funding|in funding)\b)/;

/**
 * "Vortyx and Sequelo will receive 2.5 million each": in an article told in one currency, a bare
 * figure after a raise or receive verb is money in that currency (as the normaliser reads it).
 */
function withBareAmounts(sentence: string, found: MoneyMatch[], currency: string): MoneyMatch[] {
  const bare = parseAllMoney(sentence, { defaultCurrency: currency }).filter(
    (b) =>
      b.value >= 1e5 &&
      !found.some((f) => f.index < b.end && b.index < f.end) &&
      BARE_FOLLOW.test(sentence.slice(b.end)) &&
      new RegExp(
        String.raw`\b(?:${alt([...STRONG_VERBS, 'receive', 'get', 'put in', 'invested', 'invest'])})\s+(?:(?:about|around|some|nearly|almost|over|up to|a further|another|an additional)\s+)?$`,
      ).test(sentence.slice(Math.max(0, b.index - 40), b.index)),
  );
  return bare.length ? [...found, ...bare].sort((a, b) => a.index - b.index) : found;
}

/**
 * What an amount stands for. `past` is a raise told as history ("raised $5M last year"): still
 * a deal, marked as background.
 */
export type MoneyRole =
  | 'deal'
  | 'past'
  | 'valuation'
  | 'past_valuation'
  | 'total'
  | 'fund'
  | 'per_share'
  | 'conversion'
  | 'range'
  | 'other';

const Q = String.raw`(?:about|around|roughly|approximately|nearly|almost|some|more than|over|up to|just over|just under|close to|near|north of|above|approaching|an estimated|a reported|at or above|at least)?\s*`;
const VALUATION_BEFORE = new RegExp(
  String.raw`(?:valued?\s+(?:[\w'’-]+\s+){0,5}?at|valuing\s+(?:[\w'’-]+\s+){0,5}?at|values?\s+(?:[\w'’-]+\s+){0,5}?at|valuations?\s+(?:of|to|at)|valuations?(?=\s+(?:close to|near|around|about|roughly|approaching|north of|above|just under|just over)\s)|value\s+(?:of|to)|market\s+(?:capitali[sz]ation|cap|value)\s+of|(?<!\b(?:deal|deals|transaction|shares|stock|options|ESOPs?|contracts?|orders?|assets|bonds?|notes|grants?|products?|goods|programmes?|programs?|plans?|buybacks?|investments?|funding|financing|facilit(?:y|ies)|loans?|credit|lines?|rounds?|package|tranches?|capital|debt|equity)\s)worth)\s+${Q}$`,
  'i',
);
const PRICE_BEFORE = new RegExp(
  String.raw`\b(?:deal|transaction|takeover|acquisition|buyout|offer|bid|purchase)\s+(?:valued|worth|priced)\s+(?:at\s+)?${Q}$`,
  'i',
);
const VALUATION_AFTER = /^\s*(?:post-money\s+|pre-money\s+)?valuation\b/i;
const PAST = /\b(?:previous(?:ly)?|last|prior|earlier|in 20\d\d|a year ago|before)\b/i;
const TOTAL_BEFORE = /\b(?:total(?:ling|ing)?|totals|brings?|bringing|cumulative|previously|earlier|already)\b[^,;]*$/i;
// Not "… last month and has since signed two hospitals": there "since" means afterwards.
const TOTAL_AFTER =
  /^[^,;.]*?\b(?<!\b(?:has|have|had|and)\s+)(?:since|to date|so far|in total|in all|over (?:its|the) (?:life|lifetime|years)|till date|until now|in (?:\d+|two|three|four|five|six) (?:months|years))\b|^\s*(?:in equity\s+)?from venture (?:capital|investors|firms)\b/i;
// An earlier raise told as history: "Last year, Acme raised …", "after raising $200M in 2021".
const PAST_BEFORE = /\b(?:last (?:year|month|spring|summer|autumn|fall|winter)|a year ago|previously|back in|at the time)\b/i;
const PAST_AFTER =
  /^[^,;.]*?\b(?:last (?:year|month|spring|summer|autumn|fall|winter)|(?:a|one|two|three|four|five|\d+) (?:years?|months?) ago|in (?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+)?(?:19|20)\d\d)\b|^\s*in\s+an?\s+(?:19|20)\d\d\b/i;
const NAMED_ROUND_AFTER =
  /^\s*(?:in|through|via|as)\s+(?:a|an|its|the|their)\s+(?:(?:19|20)\d\d\s+)?(?:[\w-]+\s+){0,2}?(?:round|Series [A-J]|seed|IPO|offering)\b/i;
const ONE_ROUND_AFTER = /^\s*(?:[\w-]+\s+)?(?:round|Series [A-J]\b|seed|pre-seed|raise)/;
const TOTAL_OPENING = /^\s*(?:To date|So far|Overall|In total|In all|All told|Altogether),\s+[^,;]*$/i;
// Money that is not financing: "a $10 million contract", "a $9 billion order".
const NOT_FINANCING_AFTER =
  /^\s*(?:[\w-]+\s+){0,2}?(?:contracts?|orders?|purchase orders?|settlement|fine|penalty|budget|damages|compensation|in (?:damages|compensation|fines|revenue|sales|severance)|(?:in )?revenue|loss|profit|sales|from anchor investors)\b/i;
const FUND_BEFORE = /\bfund\s+(?:at|of|worth|totall?ing)\s+\S*\s*$|\bfund\b[^,.;]{0,12}$/;
const FUND_AFTER = /^\s*(?:[\w-]+\s+){0,3}?(?:fund|funds|vehicle)\b/;

// "Finch, which raised $50M last year, is now raising $100M": a present cue after the past one
// ends the past reference.
const PRESENT_AFTER_PAST = /\b(?:now|currently|today|this (?:week|month|year)|is raising|are raising)\b/i;

function pastBefore(prefix: string): boolean {
  const last = [...prefix.matchAll(new RegExp(PAST_BEFORE.source, 'gi'))].pop();
  return last !== undefined && !PRESENT_AFTER_PAST.test(prefix.slice(last.index + last[0].length));
}

/** What an amount in a sentence stands for, judged from the words around it. */
export function moneyRole(sentence: string, m: MoneyMatch): MoneyRole {
  const before = sentence.slice(Math.max(0, m.index - 80), m.index);
  const after = sentence.slice(m.end, m.end + 80);
  if (m.range) return 'range';
  if (/\(\s*(?:about|around|roughly|approximately|approx\.?|nearly|some|or|~|equivalent to|worth|around|over)?\s*$/i.test(before))
    return 'conversion';
  // "$20 each" is a share price; "$15 million each" is one sum for each of several parties.
  if (/^\s*(?:per|a|each)\s+(?:share|unit|ADS|stock)\b|^\s*per\b/i.test(after) || (/^\s*(?:each|apiece)\b/i.test(after) && m.value < 1e5))
    return 'per_share';
  // "in a deal valued at $3bn": the price of a takeover, not the company's valuation.
  if (PRICE_BEFORE.test(before)) return 'deal';
  const valuation = VALUATION_BEFORE.test(before) || VALUATION_AFTER.test(after);
  if (valuation) {
    const near = sentence.slice(Math.max(0, m.index - 40), m.end + 40);
    return PAST.test(near) ? 'past_valuation' : 'valuation';
  }
  if (FUND_BEFORE.test(before) || FUND_AFTER.test(after)) return 'fund';
  if (NOT_FINANCING_AFTER.test(after)) return 'other';
  if (TOTAL_AFTER.test(after)) return 'total';
  // "previously raised a $12 million Series B": one round (its article says so), not a running total.
  if (/\b(?:a|an)\s+$/i.test(before) && ONE_ROUND_AFTER.test(after))
    return /\b(?:previously|earlier|already)\b/i.test(before) || pastBefore(sentence.slice(0, m.index)) || PAST_AFTER.test(after)
      ? 'past'
      : 'deal';
  // "To date, Acme has raised $80 million, including …": the opening says it is a running total.
  if (TOTAL_OPENING.test(sentence.slice(0, m.index))) return 'total';
  // "previously obtained $2m in a 2019 seed round": a named earlier round, not a running total.
  if (
    NAMED_ROUND_AFTER.test(after) &&
    (TOTAL_BEFORE.test(before.slice(-40)) || pastBefore(sentence.slice(0, m.index)) || PAST_AFTER.test(after))
  )
    return 'past';
  // "raised a total of ¥6.8bn from A, B and others": one raise, named with its investors.
  if (
    /\ba total of\s+$/i.test(before) &&
    /^[^.;]{0,30}?\bfrom\s+(?:the\s+)?[\p{Lu}\p{Ll}]/u.test(after) &&
    /\b(?:raised|secured|received)\s+a total of\s+$/i.test(before)
  )
    return 'deal';
  if (TOTAL_BEFORE.test(before.slice(-40))) return 'total';
  if (pastBefore(sentence.slice(0, m.index)) || PAST_AFTER.test(after)) return 'past';
  return 'deal';
}

/** A deal amount: this round's, or an earlier one told as history. */
export const isDealRole = (r: MoneyRole): boolean => r === 'deal' || r === 'past';

interface RoundCue {
  re: RegExp;
  round: Round | ((m: RegExpExecArray) => Round);
}
// Deal kinds by their words. Checked all together; the cue nearest to the amount wins.
const ROUND_CUES: RoundCue[] = [
  { re: /\bpre-?seed\b/i, round: 'pre_seed' },
  { re: /\bseed\b/i, round: 'seed' },
  { re: /\bangel (?:round|investment|funding|financing)\b/i, round: 'angel' },
  {
    re: /(?<!pre-)\b[Ss]eries[\s-]([A-J])(?:-?\d|\+)?(?![\p{L}\p{N}])/u,
    round: (m) => `series_${m[1]!.toLowerCase()}` as Round,
  },
  { re: /\bpre-[Ss]eries[\s-][A-J]\b/, round: 'series_unknown' },
  {
    re: /\b(?:initial public offering|IPO|(?:public|stock market|share) listing|listing|stock market debut|market debut|goes public|go public|going public|initial (?:share|stock) (?:sale|offering)|public offering|flotation|blank[- ]check|SPAC|special purpose acquisition|over-allotment|prospectus|issue price|price band|greenshoe|to be listed)\b/,
    round: 'ipo',
  },
  { re: /(?<!non-)\b(?:convertible (?:note|loan|bond|debt)s?|SAFE notes?|SAFEs?)\b/, round: 'convertible_note' },
  {
    re: /\b(?:debt|credit facility|credit line|line of credit|loan|loans|bonds?|bond sale|debentures?|NCDs?|facility|notes offering|(?:senior|secured|unsecured|subordinated|green|sustainability-linked)\s+notes|notes due|venture debt|debt financing|sukuk)\b/i,
    round: 'debt',
  },
  { re: /\b(?:grant|grants|subsidy|subsidies|non-repayable contribution|contribution)\b/i, round: 'grant' },
  { re: /\bstrategic (?:investment|round|stake|financing)\b/i, round: 'strategic' },
  {
    re: /\b(?:growth investment|growth equity|private equity|buyout|take-private|take private|taking (?:it|the company) private|minority (?:investment|stake)|majority stake)\b/i,
    round: 'private_equity',
  },
  {
    re: /\b(?:tender offer|secondary (?:sale|share sale|shares|transaction|round|offering)|employee share sale|ESOP[^.]{0,60}?buyback)\b/i,
    round: 'secondary',
  },
];

/** The round named in `text` nearest to `at` (the amount's offset), or null. */
export function roundNear(text: string, at: number): Round | null {
  let best: { round: Round; dist: number } | null = null;
  for (const cue of ROUND_CUES) {
    const re = new RegExp(cue.re.source, cue.re.flags.includes('g') ? cue.re.flags : `${cue.re.flags}g`);
    for (const m of text.matchAll(re)) {
      const round = typeof cue.round === 'function' ? cue.round(m as unknown as RegExpExecArray) : cue.round;
      // Cues after the amount ("$5m seed round") read more reliably than ones before it.
      const dist = m.index >= at ? m.index - at : (at - m.index) * 1.5;
      if (!best || dist < best.dist) best = { round, dist };
    }
  }
  return best?.round ?? null;
}

// Hedges: the deal is reported by others, not confirmed.
const RUMOUR_CUES = [
  'reportedly',
  'rumored',
  'rumoured',
  'according to a report',
  'according to reports',
  'according to media reports',
  'according to press reports',
  'citing people',
  'citing sources',
  'citing unnamed',
  'citing a person',
  'citing two people',
  'people familiar',
  'person familiar',
  'people close',
  'people with knowledge',
  'person with knowledge',
  'people aware',
  'is believed to',
  'are believed to',
  'sources say',
  'sources said',
  'sources told',
  'sources familiar',
  'is said to',
  'are said to',
  'was said to',
  'said to be',
  'is understood to',
  'according to people',
  'according to sources',
  'according to insiders',
  'according to a person',
  'according to two people',
  'according to three people',
] as const;
const RUMOURED = new RegExp(
  String.raw`\b(?:${alt(RUMOUR_CUES)}|reported,? citing|(?:according to|told)\s+(?:\w+\s+){0,3}?(?:people|persons|sources|insiders))\b`,
  'i',
);
const IN_TALKS_CUES = [
  'close to raising',
  'nearing a deal',
  'nearing a round',
  'nearing the close',
  'seeks to raise',
  'seeking to raise',
  'seek to raise',
  'looks to raise',
  'looking to raise',
  'plans to raise',
  'planning to raise',
  'plan to raise',
  'aims to raise',
  'aiming to raise',
  'set to raise',
  'expected to raise',
  'in the process of raising',
  'eyes',
  'eyeing',
  'seeks',
  'seeking',
  'is raising',
  'are raising',
  'could raise',
  'would raise',
  'may raise',
  'preparing to raise',
  'discussing',
  'considering',
  'exploring',
  'in talks',
  'hopes to raise',
  'hoping to raise',
] as const;
const IN_TALKS = new RegExp(
  String.raw`\b(?:in (?:advanced |early |preliminary |final |exclusive )?(?:talks|discussions|negotiations)|finali[sz]ing (?:a|the|its) (?:round|raise|deal)|${alt(IN_TALKS_CUES)})\b`,
  'i',
);

export function statusOf(sentence: string): Status {
  if (RUMOURED.test(sentence)) return 'rumored';
  if (IN_TALKS.test(sentence)) return 'in_talks';
  return 'announced';
}

/** Month abbreviations as written before a dot ("Oct. 8"); not names, and their dot ends no sentence. */
export const MONTH_ABBREVIATIONS = ['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec'] as const;
