/**
 * Deal anchors: the clause in a sentence that states a deal — who receives money (or is bought),
 * how much, and by which construction. Three constructions cover funding news:
 *   subject + verb + amount      "Acme, a Paris-based startup, has raised €5m in a seed round"
 *   amount + noun + object       "Nvidia made a $80m strategic investment in Acme"
 *   acquisition                  "Bigco agreed to acquire Acme for $1bn" / "Acme was acquired by …"
 */
import type { MoneyMatch } from '../../normalise/money.js';
import type { Round } from '../../deal/schema.js';
import type { Anchor } from './deal-anchor.js';
import { acquisitionAnchors, corporateAnchors, gappedTargets, spacAnchors, tenderAnchors } from './corporate.js';
import { datedRoundAnchors, historyAnchors, toldAsHistory } from './history.js';
import { amountsIn, DEAL_NOUN, isDealRole, isWeakVerb, moneyRole, RAISE_VERB, roundNear } from './lexicon.js';
import { isPersonIn, leadingName, trailingName } from './names.js';
import { AUX_TAIL, lastClauseStart, objectName, openingName, sentenceSubject, subjectBefore, type Subject } from './subjects.js';

export type { Anchor } from './deal-anchor.js';
export { openingSubject, titleSubject } from './subjects.js';

const NOT_CAPITAL =
  /\b(?:ESOPs?(?![^.]{0,60}buyback)|stock options|options|bonus(?:es)?|guidance|forecast|outlook|prices?|target|dividend|wages?|salar(?:y|ies)|limit|cap|stake in)\b/i;

function dealMoneyAfter(sentence: string, money: MoneyMatch[], from: number, within: number): MoneyMatch | null {
  for (const m of money) {
    if (m.index < from || m.index - from > within) continue;
    if (isDealRole(moneyRole(sentence, m))) return m;
  }
  return null;
}

const BARE_RAISE =
  /^\s+(?:(?:more|fresh|new|additional|further|a|an|its|the)\s+){0,3}(?:funds|funding|money|capital|round|financing)\b(?!\s+(?:for|to)\s+(?:a|the)\s)/i;

const OFFERING_SUBJECT =
  /\b(?:IPO|initial public offering|initial (?:share|stock) (?:sale|offering)|share sale|public offering|listing|bond sale|rights issue|notes offering)\s+(?:has\s+|had\s+|have\s+)?$/i;

// "raised an undisclosed amount", "secured an undisclosed seed round": a deal without a figure.
const UNDISCLOSED =
  /^\s+(?:an?\s+)?(?:undisclosed|unspecified|unnamed)\s+(?:(?:amount|sum)\b|(?:[\w-]+\s+){0,2}?(?:round|funding|investment|financing)\b)/i;

function fundingAnchors(sentence: string, money: MoneyMatch[], topic: string | null): Anchor[] {
  const out: Anchor[] = [];
  for (const v of sentence.matchAll(RAISE_VERB)) {
    const end = v.index + v[0].length;
    const found = dealMoneyAfter(sentence, money, end, 90);
    // "Airwallex is raising more funds", "is in early discussions to raise a fresh round": a raise
    // named without an amount, only with raise verbs and a money noun right after.
    const bare =
      !found &&
      !money.some((x) => isDealRole(moneyRole(sentence, x))) &&
      ((/^rais/i.test(v[0]) && BARE_RAISE.test(sentence.slice(end, end + 40))) ||
        (!isWeakVerb(v[0]) && UNDISCLOSED.test(sentence.slice(end, end + 60))));
    if (!found && !bare) continue;
    const m = found ?? { index: end, end, text: '', value: 0, currency: '', range: false };
    if (isWeakVerb(v[0]) && !DEAL_NOUN.test(sentence.slice(v.index, m.end + 40))) continue;
    // "raised its revenue guidance to $2 billion", "raised prices by $5": not a raise of capital.
    if (NOT_CAPITAL.test(sentence.slice(end, m.index))) continue;
    // "The EIC awarded Voltera a €2.5m grant": the recipient is the object, the giver is not a company.
    // Also "awarded $45 million to Form Energy".
    const awards = /^(?:awarded|granted|awards|grants)$/i.test(v[0]);
    const toRecipient = awards ? /^\s+to\s+/.exec(sentence.slice(m.end)) : null;
    const recipient = !awards
      ? null
      : toRecipient
        ? objectName(sentence.slice(m.end + toRecipient[0].length))
        : objectName(sentence.slice(end).trimStart());
    // In a list item "Acme – the Zurich-based startup building … received €2m", an unreadable
    // subject is the item's topic when the item opens with it.
    const stated = recipient
      ? { name: recipient, at: sentence.indexOf(recipient, end) }
      : (subjectBefore(sentence, v.index) ??
        (topic && sentence.startsWith(topic) ? { name: topic, at: 0 } : undefined) ??
        openingParticiple(sentence, v.index, m.end));
    if (!stated) continue;
    const subject =
      stated.person || (stated.name && isPersonIn(stated.name, sentence)) ? companyOfPerson(sentence, v.index, m.end) : stated;
    // "Vortyx and Sequelo will receive 2.5 million each": one deal per name of the subject.
    const each = found && subject.name && /^\s*(?:each|apiece)\b/.test(sentence.slice(found.end)) ? subjectList(sentence, v.index) : [];
    for (const name of each) {
      out.push({
        company: name,
        companyAt: sentence.indexOf(name),
        describedUntil: sentence.indexOf(name) + name.length,
        isObject: false,
        money: found,
        round: roundNear(sentence.slice(v.index), m.index - v.index) ?? (/^(?:awarded|granted)$/i.test(v[0]) ? 'grant' : 'series_unknown'),
        investor: null,
        split: true,
      });
    }
    if (each.length) continue;
    // "Its initial share sale raised $410 million": the offering is the verb's subject.
    const kind = OFFERING_SUBJECT.exec(sentence.slice(0, v.index));
    out.push({
      company: subject.name,
      companyAt: subject.at,
      describedUntil: v.index,
      isObject: false,
      money: found,
      // "has been awarded/granted €2m" is public money unless the sentence names a round.
      round:
        (kind ? roundNear(kind[0], 0) : null) ??
        roundNear(sentence.slice(v.index), m.index - v.index) ??
        (/^(?:awarded|granted)$/i.test(v[0]) ? 'grant' : 'series_unknown'),
      investor: null,
    });
    if (found) out.push(...gappedAnchors(sentence, money, found), ...conjoinedRound(sentence, money, found, subject));
  }
  return out;
}

// "raised $12 million in Series A funding in 2024 and $3 million in seed funding in 2022": a second
// amount joined by "and" that names a stage of its own is another round of the same subject.
const AND_AMOUNT = /^[^.;$€£¥₹]{0,60}?\s+and\s+(?:(?:a further|another|an additional)\s+)?$/;
const STAGE_AFTER = /^\s*(?:in\s+)?(?:[\w-]+\s+)?(?:pre-seed|seed|angel|Series [A-J]\b)/;

function conjoinedRound(sentence: string, money: MoneyMatch[], first: MoneyMatch, subject: Subject): Anchor[] {
  const next = money.find((x) => x.index > first.end);
  if (!next || !AND_AMOUNT.test(sentence.slice(first.end, next.index)) || !STAGE_AFTER.test(sentence.slice(next.end))) return [];
  const round = roundNear(sentence.slice(next.index, next.end + 40), 0);
  if (!round || round === roundNear(sentence.slice(first.index, next.index), 0) || !isDealRole(moneyRole(sentence, next))) return [];
  return [
    { company: subject.name, companyAt: subject.at, describedUntil: next.index, isObject: false, money: next, round, investor: null },
  ];
}

/** "Founder Maya Lind said she raised $4M for Quillbright": the company the person raised for, else a back-reference. */
function companyOfPerson(sentence: string, verbAt: number, moneyEnd: number): Subject {
  const forObject = /^\s+(?:for|into)\s+/.exec(sentence.slice(moneyEnd));
  const name = forObject ? objectName(sentence.slice(moneyEnd + forObject[0].length)) : null;
  return name ? { name, at: sentence.indexOf(name, moneyEnd) } : { name: null, at: verbAt };
}

/** "After raising $225 million, Upskill Education increased …": the main clause's subject. */
function openingParticiple(sentence: string, verbAt: number, moneyEnd: number): Subject | undefined {
  if (!/^(?:After|Since|Following|By|Upon|Having|Besides|Despite)\s+$/.test(sentence.slice(0, verbAt))) return undefined;
  const comma = sentence.indexOf(', ', moneyEnd);
  if (comma < 0) return undefined;
  const rest = sentence.slice(comma + 2);
  const name = leadingName(rest, false);
  if (!name || !/^\s+\p{Ll}/u.test(rest.slice(rest.indexOf(name) + name.length))) return undefined;
  return { name, at: comma + 2 + rest.indexOf(name) };
}

/** "Vortyx, Sequelo and Novamix will receive …": the names of a listed subject, in order. */
function subjectList(sentence: string, verbAt: number): string[] {
  // "A, which develops …, and B, which builds …, receive": relative clauses describe, they list nothing.
  const bare = sentence
    .slice(0, verbAt)
    .replace(/,\s+(?:which|who|that)\s+[^,;]*(?:,(\s+and\b)?|$)/g, (m, and?: string) => (and ? ' and' : m.endsWith(',') ? ',' : ''));
  const head = bare.slice(lastClauseStart(bare)).replace(AUX_TAIL, '');
  const items = head.split(/,\s*(?:and\s+)?|\s+and\s+/).map((x) => x.trim());
  if (items.length < 2) return [];
  const names = items.map((x) => trailingName(x));
  // Every item must be just a name (a description before the first is allowed).
  return names.every((n, k) => n && (k === 0 ? items[k]!.endsWith(n) : items[k] === n)) ? (names as string[]) : [];
}

// "Acme landing $9M and Globex, $6M", "Acme raised $9M, Globex $6M and Initech $2M": the verb
// is written once and the later subjects share it.
const GAPPED = /^(?:,\s*|\s+)(?:and\s+|while\s+)?((?:\p{Ll}[\p{L}-]*\s+){0,2}[\p{Lu}][^,;()]{0,50}?),?\s+$/u;

function gappedAnchors(sentence: string, money: MoneyMatch[], first: MoneyMatch): Anchor[] {
  const out: Anchor[] = [];
  let prev = first;
  for (const m of money.filter((x) => x.index > first.end)) {
    const gap = GAPPED.exec(sentence.slice(prev.end, m.index));
    const name = gap ? trailingName(gap[1]!) : null;
    if (!gap || !name || !gap[1]!.endsWith(name) || !isDealRole(moneyRole(sentence, m))) break;
    out.push({
      company: name,
      companyAt: sentence.lastIndexOf(name, m.index),
      describedUntil: m.index,
      isObject: false,
      money: m,
      round: roundNear(sentence.slice(m.index, m.end + 40), 0) ?? 'series_unknown',
      investor: null,
    });
    prev = m;
  }
  return out;
}

const OBJECT_NOUN =
  /\b(?:(strategic|growth|minority|equity)\s+)?(investment|stake|grant|contribution|award|subsidy|round|funding|financing)(?:\s+of\s+([^,;]{1,40}?))??\s+(in|into|to|of|for)\s+(?=[\p{L}])/gu;

// "Sequoia has invested $50M in Acme": the amount sits between the verb and the company.
const INVESTED_IN =
  /\b(?:invest|invested|invests|investing|put|puts|poured|pours|inject|injected|injects|injecting|commit|committed|commits|earmarked|earmarking|earmarks|spent|spending|spends)\s+$/;

function investedAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  for (const m of money) {
    const verb = INVESTED_IN.exec(
      sentence.slice(Math.max(0, m.index - 40), m.index).replace(/(?:about|around|roughly|nearly|some|an additional|another)\s+$/, ''),
    );
    const into = /^\s+(?:in|into|on)\s+(?=[\p{L}])/u.exec(sentence.slice(m.end));
    if (!verb || !into || !isDealRole(moneyRole(sentence, m))) continue;
    const at = m.end + into[0].length;
    const name = objectName(sentence.slice(at));
    if (!name) continue;
    const backer = subjectBefore(sentence, sentence.lastIndexOf(verb[0].trim(), m.index));
    out.push({
      company: name,
      companyAt: at,
      describedUntil: Math.min(sentence.length, at + 160),
      isObject: true,
      money: m,
      round: roundNear(sentence, m.index) ?? 'series_unknown',
      investor: backer?.name ? { name: backer.name, lead: false } : null,
    });
  }
  return out;
}

// "X co-led an angel round into Acme": a money-less round is a deal only with its leader named.
const LED_ROUND =
  /\b(?:(?:led|co-led|leads|leading|co-leading)\s+(?:a|an|the|its)\s+(?:[\w-]+\s+){0,3}?(?:round|investment)|invested\s+(?:[\w-]+\s+){0,2}?in\s+(?:a|an|the|its)\s+(?:Series [A-J]|seed|angel|pre-seed)\s+(?:round|funding|financing))\s+(?:in|into|of)\s*$/;

// "Acme's $20 million Series B was led by X": the possessive names the company.
const POSSESSIVE_ROUND =
  /^\s+(?:[\w-]+\s+){0,2}?(?:round|Series [A-J]|seed|pre-seed|raise|funding|financing|IPO|(?:deal|investment)\s+(?:from|with|led by|by)\b)/;

function possessiveAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  for (const m of money) {
    const owner = /([^\s,;:]+(?:\s+[^\s,;:]+){0,4})['’]s?\s+$/u.exec(sentence.slice(Math.max(0, m.index - 60), m.index));
    if (!owner || !POSSESSIVE_ROUND.test(sentence.slice(m.end)) || !isDealRole(moneyRole(sentence, m))) continue;
    const name = trailingName(owner[1]!);
    if (!name) continue;
    out.push({
      company: name,
      companyAt: sentence.lastIndexOf(name, m.index),
      describedUntil: m.index,
      isObject: false,
      money: m,
      round: roundNear(sentence, m.index) ?? 'series_unknown',
      investor: null,
    });
  }
  return out;
}

function objectAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [...investedAnchors(sentence, money), ...possessiveAnchors(sentence, money)];
  for (const n of sentence.matchAll(OBJECT_NOUN)) {
    const end = n.index + n[0].length;
    const name = objectName(sentence.slice(end));
    if (!name) continue;
    const found = money.find((x) => x.index >= n.index - 50 && x.end <= end && isDealRole(moneyRole(sentence, x)));
    // "Biren co-led an angel round into YunSilicon": no amount, but a named round and its leader.
    const m = found ?? null;
    if (!m && !LED_ROUND.test(sentence.slice(Math.max(0, n.index - 60), end))) continue;
    const noun = n[2]!.toLowerCase();
    const pivot = m?.index ?? n.index;
    const round: Round = ['grant', 'contribution', 'award', 'subsidy'].includes(noun)
      ? 'grant'
      : (roundNear(sentence.slice(Math.max(0, pivot - 30), end), 30) ?? 'series_unknown');
    const before = sentence.slice(0, Math.max(0, pivot - 1));
    const verb =
      /\b(has |have |is |are |was |were )?(led|co-led|leads|leading|co-leading|made|makes|awarded|awards|announced|provided|invested|committed|took|takes)\b[^,]*$/.exec(
        before,
      );
    // "Corvane led the $15M round for Teslin": "for" names the company only after a lead verb.
    if (n[4] === 'for' && !(n[2] === 'round' && verb && /led|lead/.test(verb[2]!))) continue;
    const backer = verb ? subjectBefore(sentence, verb.index) : undefined;
    const investor = backer?.name && round !== 'grant' ? { name: backer.name, lead: /lead|led/.test(verb![2]!) } : null;
    out.push({
      company: name,
      companyAt: end,
      describedUntil: Math.min(sentence.length, end + 160),
      isObject: true,
      money: m,
      round,
      investor,
    });
  }
  return out;
}

// "SoftBank and Didi have funded Grab … in a $2.5 billion deal": investors first, company object.
const HAVE_FUNDED = /(?<!\b(?:which|who|that)\s+)\b(?:has|have|had)\s+(?:jointly\s+|also\s+)?(?:funded|backed|financed)\s+/g;

function fundedAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  for (const f of sentence.matchAll(HAVE_FUNDED)) {
    const end = f.index + f[0].length;
    const name = objectName(sentence.slice(end));
    const m = money.find((x) => x.index > end && isDealRole(moneyRole(sentence, x)));
    if (!name || !m) continue;
    out.push({
      company: name,
      companyAt: end,
      describedUntil: Math.min(sentence.length, end + 160),
      isObject: true,
      money: m,
      round: roundNear(sentence, m.index) ?? 'series_unknown',
      investor: null,
    });
  }
  return out;
}

// "The Rs 1,250-crore initial share sale had …", "its $300 million IPO": an offering named by its
// size; the company is the possessive owner or the article's company.
const OFFERING_AFTER =
  /^\s*(?:[\w-]+\s+){0,2}?(?:initial public offering|IPO|initial share sale|share sale|public offering|rights issue|bond sale|bond issue|listing)\b/;
// "emerged from beta with a $1 million seed round from …": a round the subject got.
const WITH_ROUND = /\bwith\s+(?:a|an)\s+$/;
const ROUND_AFTER = /^\s*(?:[\w-]+\s+){0,2}?(?:round|seed round|funding|financing|investment|Series [A-J])\b/;

function offeringAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  for (const m of money) {
    const after = sentence.slice(m.end);
    const before = sentence.slice(Math.max(0, m.index - 12), m.index);
    const offer = OFFERING_AFTER.exec(after);
    const offering = offer !== null && /\b(?:the|its|their|this|a|an)\s+$/i.test(before);
    // "reached unicorn status after its $90 million Series C": the subject's own round.
    const ownRound = /\b(?:its|their)\s+$/i.test(before) && ROUND_AFTER.test(after);
    const withRound = WITH_ROUND.test(before) && ROUND_AFTER.test(after);
    if ((!offering && !withRound && !ownRound) || !isDealRole(moneyRole(sentence, m))) continue;
    // "The Rs 1,250-crore initial share sale of Jaipur Metals": the issuer after "of".
    const of = offer ? /^\s+(?:of|by)\s+/.exec(after.slice(offer[0].length)) : null;
    const issuer = of ? objectName(after.slice(offer![0].length + of[0].length)) : null;
    // The company: the subject opening the sentence, else resolved by the caller.
    const opening: Subject | null | undefined = issuer
      ? { name: issuer, at: sentence.indexOf(issuer, m.end) }
      : (sentenceSubject(sentence.slice(0, m.index)) ?? openingName(sentence.slice(0, m.index)));
    // "For context — its $25 million Series B closed on …": "its" is the article's company.
    if (opening === undefined && !ownRound) continue;
    out.push({
      company: opening?.name ?? null,
      companyAt: opening?.at ?? m.index,
      describedUntil: m.index,
      isObject: false,
      money: m,
      round: roundNear(sentence, m.index) ?? 'series_unknown',
      investor: null,
    });
  }
  return out;
}

// "Clubroom is reportedly being valued at $4 billion in a fresh round led by …": a round known by
// its valuation alone.
const VALUED_IN_ROUND =
  /\b(?:is|are|was|were|will be|would be)\s+(?:reportedly\s+|now\s+|set to be\s+)?(?:being\s+)?valued\s+at\s+(?:about|around|roughly|nearly|more than|over|some)?\s*$/;
const IN_ROUND_AFTER = /^[^.;]{0,20}?\bin\s+(?:a|an|the|its)\s+(?:[\w-]+\s+){0,2}?(?:round|raise|fundraise|fundraising|financing)\b/;

function valuedRoundAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  for (const m of money) {
    const v = VALUED_IN_ROUND.exec(sentence.slice(0, m.index));
    if (!v || !IN_ROUND_AFTER.test(sentence.slice(m.end))) continue;
    const subject = subjectBefore(sentence, v.index);
    if (!subject) continue;
    out.push({
      company: subject.name,
      companyAt: subject.at,
      describedUntil: v.index,
      isObject: false,
      money: null,
      round: roundNear(sentence.slice(m.end), 0) ?? 'series_unknown',
      investor: null,
    });
  }
  return out;
}

/** All deal anchors in one sentence (several in "X raised …, while Y picked up …"). */
// Roundup entries state the deal without a verb: "Loomhaven – a marketplace for looms – $2.5M
// seed, Brightfield Ventures", "Kelvaro (Lisbon) — €9M Series A, led by Mirante Partners."
const ITEM_SEPARATOR = /(?:[–—:|]|\s-)\s*$/;
const ITEM_AFTER_AMOUNT = /^\s*(?:(?:[\p{L}\d-]+\s+){0,3}?[\p{L}\d-]+)?\s*(?:[,.;(]|$|\s(?:led|co-led|from|by|with)\b)/u;

function itemAnchors(sentence: string, money: MoneyMatch[], topic: string | null): Anchor[] {
  if (!topic || !sentence.startsWith(topic)) return [];
  const m = money.find(
    (x) =>
      x.index > topic.length &&
      ITEM_SEPARATOR.test(sentence.slice(0, x.index)) &&
      ITEM_AFTER_AMOUNT.test(sentence.slice(x.end)) &&
      isDealRole(moneyRole(sentence, x)),
  );
  if (!m) return [];
  return [
    {
      company: topic,
      companyAt: 0,
      describedUntil: m.index,
      isObject: false,
      money: m,
      round: roundNear(sentence.slice(m.index, m.end + 40), 0) ?? 'series_unknown',
      investor: null,
      item: true,
    },
  ];
}

// "The Series B, which closed at $45M, was led by …": a round named only by its relative clause;
// its company is the article's (a back-reference).
const RELATIVE_ROUND =
  /(?:^|[.;]\s+|,\s+and\s+)(?:the|its|this|their)\s+((?:[\w-]+\s+){0,2}?(?:Series\s+[A-J]\+?|pre-seed|seed|round|funding|financing|raise))(?:\s+(?:round|funding|financing|extension))?,\s+which\s+(?:(?:has|had|was|is)\s+)?(?:closed|totals?|totalled|totaled|amounts?\s+to|amounted\s+to|came\s+to|comes\s+to|worth|valued)\s+(?:at\s+|to\s+)?$/i;

function relativeRoundAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  for (const m of money) {
    const rel = RELATIVE_ROUND.exec(sentence.slice(0, m.index));
    if (!rel || !isDealRole(moneyRole(sentence, m))) continue;
    return [
      {
        company: null,
        companyAt: rel.index,
        describedUntil: rel.index,
        isObject: false,
        money: m,
        round: roundNear(rel[1]!, 0) ?? 'series_unknown',
        investor: null,
      },
    ];
  }
  return [];
}

export function findAnchors(sentence: string, topic: string | null = null, currency: string | null = null): Anchor[] {
  const money = amountsIn(sentence, currency);
  const acquisitions = [
    ...acquisitionAnchors(sentence, money),
    ...corporateAnchors(sentence, money),
    ...gappedTargets(sentence, money),
    ...spacAnchors(sentence),
  ];
  // Past rounds and extensions are read by their own words first ("follows a $3m seed").
  const objects = [...historyAnchors(sentence, money), ...objectAnchors(sentence, money), ...fundedAnchors(sentence, money)];
  // An amount belongs to one construction: object and acquisition readings beat subject ones
  // ("Calderwood has led a $400M investment in Vantora" is Vantora's deal, not Calderwood's).
  const used = new Set([...acquisitions, ...objects].map((a) => a.money?.index));
  const funding = [
    ...fundingAnchors(sentence, money, topic),
    ...offeringAnchors(sentence, money),
    ...tenderAnchors(sentence, money),
    ...valuedRoundAnchors(sentence, money),
    ...itemAnchors(sentence, money, topic),
    ...relativeRoundAnchors(sentence, money),
  ].filter((a) => !used.has(a.money?.index) && !acquisitions.length);
  // Two verbs can reach one amount ("…, which runs X, landed $7M"): one deal per amount.
  const seen = new Set<number | undefined>();
  const dated = datedRoundAnchors(sentence, money).filter((d) => !funding.some((f) => f.round === d.round));
  return [...funding, ...objects, ...acquisitions, ...dated].filter((a) => {
    if (a.money && seen.has(a.money.index) && !a.split) return false;
    seen.add(a.money?.index);
    if (a.money?.text && (moneyRole(sentence, a.money) === 'past' || toldAsHistory(sentence, a.money.index))) a.background = true;
    // "bought Instagram last year for …": history even when the price has no time cue of its own.
    if (
      a.round === 'acquisition' &&
      a.isObject &&
      /^[^,.;]{0,40}?\b(?:last (?:year|month)|(?:a|one|two|three|\d+) (?:years?|months?) ago|in (?:19|20)\d\d)\b/.test(
        sentence.slice(a.companyAt),
      )
    )
      a.background = true;
    return true;
  });
}
