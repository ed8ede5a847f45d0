/** Word patterns of funding news: what an amount means, which round, how certain the deal is. */
import { parseAllMoney, type MoneyMatch } from '../../normalise/money.js';
import type { Round, Status } from '../../deal/schema.js';

const MONEY_CACHE = new Map<string, MoneyMatch[]>();
const MONEY_CACHE_SIZE = 256;

/**
 * Amounts in a sentence, memoised: each sentence is read by several rules. Sentences without a
 * digit or a scale word cannot hold an amount and skip the (costly) money grammar.
 */
export function amountsIn(sentence: string): MoneyMatch[] {
  if (!/\d|illion|crore|lakh/i.test(sentence)) return [];
  let found = MONEY_CACHE.get(sentence);
  if (!found) {
    found = parseAllMoney(sentence);
    if (MONEY_CACHE.size >= MONEY_CACHE_SIZE) MONEY_CACHE.delete(MONEY_CACHE.keys().next().value!);
    MONEY_CACHE.set(sentence, found);
  }
  return found;
}

export type MoneyRole =
  | 'deal' | 'valuation' | 'past_valuation' | 'total' | 'fund' | 'per_share' | 'conversion' | 'range' | 'other';

const Q = String.raw`(?:about|around|roughly|approximately|nearly|almost|some|more than|over|up to|just over|just under|close to|an estimated|a reported)?\s*`;
const VALUATION_BEFORE = new RegExp(
  String.raw`(?:valued?\s+(?:\w+\s+){0,3}?at|valuing\s+(?:\w+\s+){0,3}?at|values?\s+(?:\w+\s+){0,3}?at|valuation\s+(?:of|to|at)|value\s+(?:of|to)|market\s+(?:capitali[sz]ation|cap|value)\s+of|worth)\s+${Q}$`,
  'i',
);
const VALUATION_AFTER = /^\s*(?:post-money\s+|pre-money\s+)?valuation\b/i;
const PAST = /\b(?:previous(?:ly)?|last|prior|earlier|in 20\d\d|a year ago|before)\b/i;
const TOTAL_BEFORE = /\b(?:total(?:ling|ing)?|totals|brings?|bringing|cumulative|previously|earlier|already)\b[^,;]*$/i;
const TOTAL_AFTER = /^[^,;.]*?\b(?:since|to date|so far|in total|in all|over (?:its|the) (?:life|lifetime|years)|till date|until now)\b|^\s*(?:in equity\s+)?from venture (?:capital|investors|firms)\b/i;
// An earlier raise told as history: "Last year, Acme raised …", "after raising $200M in 2021".
const PAST_BEFORE = /\b(?:last (?:year|month|spring|summer|autumn|fall|winter)|a year ago|previously|back in)\b/i;
const PAST_AFTER = /^[^,;.]*?\b(?:last (?:year|month|spring|summer|autumn|fall|winter)|(?:a|one|two|three|four|five|\d+) (?:years?|months?) ago|in (?:19|20)\d\d)\b/i;
// Money that is not financing: "a $10 million contract", "a $9 billion order".
const NOT_FINANCING_AFTER = /^\s*(?:[\w-]+\s+){0,2}?(?:contracts?|orders?|purchase orders?|settlement|fine|penalty|budget|damages|compensation|in (?:damages|compensation|fines|revenue|sales))\b/i;
const FUND_BEFORE = /\bfund\s+(?:at|of|worth|totall?ing)\s+\S*\s*$|\bfund\b[^,.;]{0,12}$/;
const FUND_AFTER = /^\s*(?:[\w-]+\s+){0,3}?(?:fund|funds|vehicle)\b/;

/** What an amount in a sentence stands for, judged from the words around it. */
// "Finch, which raised $50M last year, is now raising $100M": a present cue after the past one
// ends the past reference.
const PRESENT_AFTER_PAST = /\b(?:now|currently|today|this (?:week|month|year)|is raising|are raising)\b/i;

function pastBefore(prefix: string): boolean {
  const last = [...prefix.matchAll(new RegExp(PAST_BEFORE.source, 'gi'))].pop();
  return last !== undefined && !PRESENT_AFTER_PAST.test(prefix.slice(last.index + last[0].length));
}

export function moneyRole(sentence: string, m: MoneyMatch): MoneyRole {
  const before = sentence.slice(Math.max(0, m.index - 80), m.index);
  const after = sentence.slice(m.end, m.end + 80);
  if (m.range) return 'range';
  if (/\(\s*(?:about|around|roughly|approximately|approx\.?|some|or|~|equivalent to|worth)?\s*$/i.test(before)) return 'conversion';
  if (/^\s*(?:per|a|each|apiece)\s*(?:share|unit)?\b/i.test(after) && /^\s*(?:per|apiece|each|a share)/i.test(after)) return 'per_share';
  const valuation = VALUATION_BEFORE.test(before) || VALUATION_AFTER.test(after);
  if (valuation) {
    const near = sentence.slice(Math.max(0, m.index - 40), m.end + 40);
    return PAST.test(near) ? 'past_valuation' : 'valuation';
  }
  if (FUND_BEFORE.test(before) || FUND_AFTER.test(after)) return 'fund';
  if (NOT_FINANCING_AFTER.test(after)) return 'other';
  if (TOTAL_BEFORE.test(before.slice(-40)) || TOTAL_AFTER.test(after)) return 'total';
  if (pastBefore(sentence.slice(0, m.index)) || PAST_AFTER.test(after)) return 'total';
  return 'deal';
}

interface RoundCue { re: RegExp; round: Round | ((m: RegExpExecArray) => Round) }
// Checked all together; the cue nearest to the amount wins.
const ROUND_CUES: RoundCue[] = [
  { re: /\bpre-?seed\b/i, round: 'pre_seed' },
  { re: /\bseed\b/i, round: 'seed' },
  { re: /\bangel (?:round|investment|funding|financing)\b/i, round: 'angel' },
  {
    re: /\b[Ss]eries[\s-]([A-J])(?:-?\d|\+)?(?![\p{L}\p{N}])/u,
    round: (m) => `series_${m[1]!.toLowerCase()}` as Round,
  },
  { re: /\b(?:initial public offering|IPO|(?:public|stock market|share) listing|listing|stock market debut|goes public|go public)\b/, round: 'ipo' },
  { re: /(?<!non-)\b(?:convertible (?:note|loan|bond|debt)s?|SAFE notes?|SAFEs?)\b/, round: 'convertible_note' },
  { re: /\b(?:debt|credit facility|credit line|line of credit|loan|loans|bonds?|debentures?|NCDs?|facility|notes offering|venture debt|debt financing)\b/i, round: 'debt' },
  { re: /\b(?:grant|grants|subsidy|subsidies|non-repayable contribution|contribution)\b/i, round: 'grant' },
  { re: /\bstrategic (?:investment|round|stake|financing)\b/i, round: 'strategic' },
  { re: /\b(?:growth investment|growth equity|private equity|buyout|take-private|take private|minority (?:investment|stake)|majority stake)\b/i, round: 'private_equity' },
  { re: /\b(?:tender offer|secondary (?:sale|share sale|transaction|round|offering))\b/i, round: 'secondary' },
];

/** The round named in `text` nearest to `at` (the amount's offset), or null. */
export function roundNear(text: string, at: number): Round | null {
  let best: { round: Round; dist: number } | null = null;
  for (const cue of ROUND_CUES) {
    const re = new RegExp(cue.re.source, cue.re.flags.includes('g') ? cue.re.flags : cue.re.flags + 'g');
    for (const m of text.matchAll(re)) {
      const round = typeof cue.round === 'function' ? cue.round(m as unknown as RegExpExecArray) : cue.round;
      // Cues after the amount ("$5m seed round") read more reliably than ones before it.
      const dist = m.index >= at ? m.index - at : (at - m.index) * 1.5;
      if (!best || dist < best.dist) best = { round, dist };
    }
  }
  return best?.round ?? null;
}

const RUMOURED = /\b(?:reportedly|rumou?red|according to (?:a |media |press )?reports?|reported,? citing|citing (?:people|sources|unnamed|a person)|(?:according to|told)\s+(?:\w+\s+){0,3}?(?:people|persons|sources|insiders)|people (?:familiar|close|with knowledge)|sources (?:say|said|told|familiar)|(?:is|are|was) said to(?: be)?|is understood to)\b/i;
const IN_TALKS = /\b(?:in (?:advanced |early |preliminary |final |exclusive )?(?:talks|discussions|negotiations)|close to raising|nearing (?:a deal|a round|the close)|finali[sz]ing (?:a|the|its) (?:round|raise|deal)|seek(?:s|ing)? to raise|look(?:s|ing) to raise|plan(?:s|ning)? to raise|aim(?:s|ing)? to raise|set to raise|expected to raise|in the process of raising|eye(?:s|ing)|seek(?:s|ing)|is raising|are raising|could raise|would raise|may raise|preparing to raise)\b/i;

export function statusOf(sentence: string): Status {
  if (RUMOURED.test(sentence)) return 'rumored';
  if (IN_TALKS.test(sentence)) return 'in_talks';
  return 'announced';
}
