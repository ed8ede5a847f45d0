/**
 * Rounds an article states besides its news, and the extensions that add to them: "follows a $3m
 * seed", "comes eight months after a $10 million Series A", "its previous round, a $25 million
 * Series B", "after a $20 million round for Okapi Freight", "the first close of €45m", "extends its
 * $40 million Series B with a further $15 million", "closed its Series A in May". Whether such a
 * round is history is decided here from the construction, or later from the time its words state.
 */
import type { Round } from '../../deal/schema.js';
import type { MoneyMatch } from '../../normalise/money.js';
import type { Anchor } from './deal-anchor.js';
import { isDealRole, moneyRole, roundNear } from './lexicon.js';
import { trailingName } from './names.js';
import { objectName, subjectBefore } from './subjects.js';

// The words before an amount that make it an earlier round than the one the sentence is about.
const HISTORY_LEAD = new RegExp(
  String.raw`\b(?:follows?|followed|following|(?:comes?|came|coming|arrives?|arrived)\s+(?:[\w-]+\s+){0,4}?(?:after|on the heels of)|(?:weeks|months|years|days|shortly|soon|not long)\s+after|,\s+after|on the heels of|on top of|builds? on|built on|adds? to|added to|extends?|extended|extending|tops? up|topped up|topping up|upsizes?|upsized)\s+(?:(?:a|an|the|its|their)\s+)?(?:(?:previous|prior|earlier|last|initial|original|first)\s+)?$` +
    // "its previous $25 million round", "Acme’s last $8m raise".
    String.raw`|\b(?:its|their|the|a|an)\s+(?:previous|prior|earlier|last|most recent)\s+$` +
    // "last year’s $12 million Series A", "its 2024 $9m seed".
    String.raw`|\b(?:last (?:year|month|spring|summer|autumn|fall|winter)|(?:19|20)\d\d)['’]s\s+$|\b(?:its|their)\s+(?:19|20)\d\d\s+$` +
    // An investor's earlier deal: "… after it led a $15 million round in Trellis Health".
    String.raw`|\bafter\s+(?:it|they|[\p{Lu}][\p{L}&.-]*(?:\s+[\p{Lu}][\p{L}&.-]*){0,2})\s+(?:also\s+)?(?:led|co-led|backed|joined|invested in|participated in)\s+(?:a|an|the)\s+$`,
  'iu',
);
// An owner written between the lead and the amount: "comes two years after Kovalent’s $25 million …".
const OWNER_TAIL = /(?:\s|^)(?:(?:[\p{Lu}][\p{L}\d&.-]*\s+){0,3}[\p{Lu}][\p{L}\d&.-]*|the company|the startup|the firm)['’]s?\s+$/u;

/** Whether the amount at `at` is told as an earlier round by the words just before it. */
export function toldAsHistory(sentence: string, at: number): boolean {
  const before = sentence.slice(Math.max(0, at - 120), at);
  return HISTORY_LEAD.test(before) || HISTORY_LEAD.test(before.replace(OWNER_TAIL, ' '));
}

// A round noun right after the amount: "$10 million Series A", "$3m seed", "$8 million seed round".
const ROUND_AFTER =
  /^\s*(?:[\w-]+\s+){0,2}?(?:round|Series [A-J]\b|seed|pre-seed|funding|financing|raise|fundraise|investment|extension|tranche|IPO)\b/;
// "… round for Kenyan freight broker Okapi Freight": the company an earlier round went to.
const ROUND_FOR = /^\s+(?:for|in|into|by)\s+/;
// "The company’s previous round, a $25 million Series B …", "Its last round was a $12m Series A".
const PREVIOUS_ROUND =
  /\b(?:(?:its|their|the company['’]s|the startup['’]s|((?:[\p{Lu}][\p{L}\d&.-]*\s+){0,2}[\p{Lu}][\p{L}\d&-]*)['’]s?)\s+)(?:previous|prior|last|earlier|most recent)\s+(?:funding\s+|financing\s+)?(?:round|raise|fundraise)\s*(?:,|—|–|:|was|came to|totalled|totaled)\s*(?:(?:a|an)\s+)?$/iu;
// "The first close of €45m, led by …": part of a round, dated by its own words.
const CLOSE_OF = /\b(?:first|initial|second|final|earlier)\s+(?:close|closing|tranche)\s+of\s+(?:about\s+|around\s+|roughly\s+)?$/i;

function pastRoundAnchor(sentence: string, m: MoneyMatch): Anchor | null {
  const from = Math.max(0, m.index - 200);
  const before = sentence.slice(from, m.index);
  const after = sentence.slice(m.end);
  const round = ROUND_AFTER.exec(after);
  const previous = PREVIOUS_ROUND.exec(before.slice(-100));
  if ((!round && !previous) || (!previous && !toldAsHistory(sentence, m.index)) || !isDealRole(moneyRole(sentence, m))) return null;
  const forAt = round ? ROUND_FOR.exec(after.slice(round[0].length)) : null;
  const object = forAt ? objectName(after.slice(round![0].length + forAt[0].length)) : null;
  const ownerTail = previous ? null : OWNER_TAIL.exec(before);
  const owner = previous?.[1] ?? (ownerTail ? ownerTail[0].replace(/['’]s?\s+$/u, '') : null);
  const named = object ?? (owner ? trailingName(owner.trim()) : null);
  return {
    company: named,
    companyAt: named ? sentence.indexOf(named, object ? m.end : from) : m.index,
    describedUntil: object ? Math.min(sentence.length, m.end + 160) : m.index,
    isObject: object !== null,
    money: m,
    round: roundNear(sentence.slice(m.index, m.end + 60), 0) ?? roundNear(sentence, m.index) ?? 'series_unknown',
    investor: null,
    background: true,
  };
}

// "Glenrock’s seed round of £3.5m was completed in October": a round named before its amount.
const ROUND_OF =
  /\b(?:its|their|the company['’]s|the startup['’]s|((?:[\p{Lu}][\p{L}\d&.-]*\s+){0,2}[\p{Lu}][\p{L}\d&-]*)['’]s?)\s+(?:[\w-]+\s+){0,2}?(?:round|raise|Series [A-J](?:\s+round)?|seed round|funding round)\s+of\s+(?:about\s+|around\s+|roughly\s+)?$/u;

function closeOfAnchor(sentence: string, m: MoneyMatch): Anchor | null {
  const before = sentence.slice(Math.max(0, m.index - 80), m.index);
  const named = ROUND_OF.exec(before);
  if ((!named && !CLOSE_OF.test(before)) || !isDealRole(moneyRole(sentence, m))) return null;
  const owner = named?.[1] ? trailingName(named[1]) : null;
  if (named?.[1] && !owner) return null;
  return {
    company: owner,
    companyAt: owner ? sentence.lastIndexOf(owner, m.index) : m.index,
    describedUntil: m.index,
    isObject: false,
    money: m,
    round: roundNear(sentence, m.index) ?? 'series_unknown',
    investor: null,
  };
}

const ROUND_WORDS = String.raw`(?:round|Series [A-J]\b|seed|pre-seed|funding|financing|raise)`;
// "has extended its $40 million Series B with a further $15 million", "tops up its seed round with
// another £2m": the amount after "with"/"by" is the extension, news of its own.
const EXTEND = new RegExp(
  String.raw`\b(?:extend|extends|extended|extending|top up|tops up|topped up|topping up|expand|expands|expanded|expanding|upsize|upsizes|upsized|boost|boosts|boosted|increase|increases|increased)\s+(?:its|the|their)\s+([^.;]{0,60}?\b${ROUND_WORDS})[^.;]{0,80}?\b(?:with|by|through)\s+(?:(?:another|a further|an additional|additional|a new|fresh)\s+)?$`,
  'i',
);
// "has added €15 million to its Series B", "tacked on $5 million to its Series B".
const ADDED =
  /\b(?:add|adds|added|adding|tack on|tacks on|tacked on|tacking on)\s+(?:(?:another|a further|an additional|additional)\s+)?$/i;
const TO_ROUND = new RegExp(String.raw`^\s+(?:more\s+)?to\s+(?:its|the|their)\s+((?:[\w$€£.-]+\s+){0,3}?${ROUND_WORDS})`, 'i');

function extensionAnchor(sentence: string, m: MoneyMatch): Anchor | null {
  const from = Math.max(0, m.index - 200);
  const before = sentence.slice(from, m.index);
  const extend = EXTEND.exec(before);
  const added = extend ? null : ADDED.exec(before);
  const to = added ? TO_ROUND.exec(sentence.slice(m.end)) : null;
  const verb = extend ?? (to ? added : null);
  if (!verb || !isDealRole(moneyRole(sentence, m))) return null;
  const subject = subjectBefore(sentence, from + verb.index);
  if (!subject) return null;
  const roundText = extend ? extend[1]! : to![1]!;
  return {
    company: subject.name,
    companyAt: subject.at,
    describedUntil: from + verb.index,
    isObject: false,
    money: m,
    round: roundNear(roundText, roundText.length) ?? 'series_unknown',
    investor: null,
  };
}

/** Past rounds and extensions stated with an amount: one anchor per amount. */
export function historyAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  return money.flatMap((m) => extensionAnchor(sentence, m) ?? pastRoundAnchor(sentence, m) ?? closeOfAnchor(sentence, m) ?? []);
}

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
// "Leonard led Agiliti through its 2021 IPO", "Acme's 2019 Series A": an earlier round by its year;
// "Ostrel, which closed its Series A in May": by the time its clause states.
const DATED_ROUND = new RegExp(
  String.raw`\b(?:its|their|((?:[\p{Lu}][\p{L}\d&.-]*\s+){0,2}[\p{L}][\p{L}\d&-]*)['’]s?)\s+(?:(?:19|20)\d\d\s+(?:initial public offering|IPO|Series [A-J]\b(?:\s+round)?|seed round|pre-seed round|listing)|(?:Series [A-J]|seed|pre-seed)\s+(?:(?:round|funding|financing)\s+)?(?:last year|in (?:19|20)\d\d|(?:a|two|three) years? ago|(?<=\b(?:closed|raised|announced|completed|secured|landed|finali[sz]ed)\s+(?:its|their)\s+\S+(?:\s+\S+){0,2}\s+)(?:in|last)\s+${MONTH})\b)`,
  'gu',
);

const ROUND_NAMED = /\b(?:Series [A-J]|seed|IPO|initial public offering|listing)\b/;

export function datedRoundAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  if (!ROUND_NAMED.test(sentence)) return out;
  for (const r of sentence.matchAll(DATED_ROUND)) {
    // An amount of its own is read by the amount rules.
    if (money.some((m) => m.index >= r.index && m.index <= r.index + r[0].length + 5)) continue;
    const name = r[1] ? trailingName(r[1]) : null;
    if (r[1] && !name) continue;
    out.push({
      company: name,
      companyAt: name ? sentence.indexOf(name, r.index) : r.index,
      describedUntil: r.index,
      isObject: false,
      money: null,
      round: roundNear(r[0], 0) ?? 'series_unknown',
      investor: null,
      background: true,
    });
  }
  return out;
}

/** Equity rounds in the order a company raises them; other kinds have no stage. */
const STAGES: Partial<Record<Round, number>> = {
  pre_seed: 0,
  seed: 1,
  angel: 1,
  series_a: 2,
  series_b: 3,
  series_c: 4,
  series_d: 5,
  series_e: 6,
  series_f: 7,
  series_g: 8,
  series_h: 9,
  series_i: 10,
  series_j: 11,
};

interface Staged {
  round: Round;
  status: string;
  background: boolean;
  sentence: number;
}

/**
 * A company's earlier-stage round told in another sentence of a story announcing a later one is
 * history ("… raised $16 million in a Series A. The company closed a $3 million seed round led by …"):
 * a seed cannot follow the Series A it is reported beside.
 */
export function markEarlierStages<T extends Staged>(drafts: T[], companyKey: (d: T) => string): void {
  for (const d of drafts) {
    const stage = STAGES[d.round];
    if (d.background || stage === undefined) continue;
    const later = drafts.some(
      (e) =>
        e !== d &&
        companyKey(e) === companyKey(d) &&
        e.sentence !== d.sentence &&
        !e.background &&
        e.status === 'announced' &&
        (STAGES[e.round] ?? -1) > stage,
    );
    if (later) d.background = true;
  }
}
