/**
 * Deal anchors: the clause in a sentence that states a deal — who receives money (or is bought),
 * how much, and by which construction. Three constructions cover funding news:
 *   subject + verb + amount      "Acme, a Paris-based startup, has raised €5m in a seed round"
 *   amount + noun + object       "Nvidia made a $80m strategic investment in Acme"
 *   acquisition                  "Bigco agreed to acquire Acme for $1bn" / "Acme was acquired by …"
 */
import type { MoneyMatch } from '../../normalise/money.js';
import type { Round } from '../../deal/schema.js';
import { amountsIn, COMPANY_HEAD, DEAL_NOUN, isDealRole, isWeakVerb, moneyRole, RAISE_VERB, roundNear } from './lexicon.js';
import { isPersonIn, leadingName, trailingName } from './names.js';
import { isPlaceName } from './places.js';

export interface Anchor {
  /** Company name, or null when the sentence says "the company"/"it" (resolved by the caller). */
  company: string | null;
  /** Offset of the company name in the sentence (or of the verb when it is a pronoun). */
  companyAt: number;
  /** End of the span describing the company (its appositive), for locating its home country. */
  describedUntil: number;
  /** Object companies ("… invested in Acme") are described after the name, never before it. */
  isObject: boolean;
  money: MoneyMatch | null;
  round: Round;
  /** An investor stated by the construction itself ("Nvidia made … investment in Acme"). */
  investor: { name: string; lead: boolean } | null;
  /** An earlier deal told as history ("raised $5M last year"), not this article's news. */
  background?: boolean;
  /** One sum for each of several subjects ("A and B got €2m each"): the amount is not shared out. */
  split?: boolean;
  /** A roundup entry without a verb ("Acme – builds looms – $2.5M seed, Brightfield"). */
  item?: boolean;
  /** Status the construction itself implies ("received a takeover bid" is an offer, not a deal). */
  status?: 'in_talks';
}

const NOT_CAPITAL =
  /\b(?:ESOPs?(?![^.]{0,60}buyback)|stock options|options|bonus(?:es)?|guidance|forecast|outlook|prices?|target|dividend|wages?|salar(?:y|ies)|limit|cap|stake in)\b/i;
// After an object company's name: punctuation or a function word, not a noun ("into AI startups").
const AFTER_OBJECT =
  /^(?:\s*[,.;:)]|\s+(?:for|in|to|as|at|which|that|and|the|a|an|on|with|from|through|by|after|before|under|over|amid|following|its|their|said|was|is|has|had|will|would|last|this|earlier|recently|yesterday|today)\b|\s*$)/;

// A description before an object's name: "acquire data management company Cloudbase",
// "in Israeli security startup Wiz", "the assets of US chipmaker TSI", "in online publisher X":
// articles, lowercase words, demonyms and places, up to the first capitalised word.
const LEAD_IN =
  /^(?:(?:the|a|an)\s+)?(?:(?:assets|business|unit|units|division|operations|stake|shares|parts?|control|rest|remainder|owner|operator|maker|parent)\s+of\s+(?:the\s+)?)?/;

/** The company name opening `text` (after any description), if it stands as a name (not an adjective before a noun). */
function objectName(text: string): string | null {
  let rest = text
    .replace(LEAD_IN, '')
    // "WM Motor's rival Nio": the possessive names another company.
    .replace(/^(?:[\p{Lu}][\p{L}\d&.-]*\s+){0,3}[\p{Lu}][\p{L}\d&.-]*(?:['’]s|s['’])\s+(?=\p{Ll})/u, '');
  // Skip up to six description words: lowercase, "-based"/"-backed" words, demonyms/places, acronyms before a lowercase word.
  for (let k = 0; k < 6; k++) {
    const w = /^(\S+)\s+/.exec(rest);
    if (!w) break;
    const word = w[1]!;
    const next = rest.slice(w[0].length);
    const lower = /^[\p{Ll}][\p{Ll}\p{N}'’&-]*$/u.test(word) && !/^[a-z]+[\p{Lu}]/u.test(word);
    const described = /-(?:based|backed|headquartered|focused|owned|founded)$/i.test(word);
    const adjective = (isPlaceName(word.replace(/['’]s$/, '')) || /^[A-Z]{2,4}$/.test(word)) && /^[\p{Ll}]/u.test(next);
    if (!lower && !described && !adjective) break;
    if (
      lower &&
      /^(?:for|in|into|to|at|by|with|from|which|that|who|after|on|as|across|over|under|its|their|his|her|our|this|these|those|is|was|are|were|has|have|had|will|would)$/.test(
        word,
      )
    )
      return null;
    rest = next;
  }
  const name = leadingName(rest, false);
  return name && AFTER_OBJECT.test(rest.slice(rest.indexOf(name) + name.length)) ? name : null;
}

const AUX_TAIL =
  /(?:[\s,]|\b(?:has|have|had|is|are|was|were|been|be|being|now|also|just|recently|reportedly|finally|officially|will|would|could|may|might|shall|successfully|today|previously|earlier|already|initially|first|once|quietly|last|it|which|who|to|in (?:advanced |early |preliminary |final )?(?:talks|discussions|negotiations)|seeking|looking|plans|planning|aims|aiming|set|expected|discussing|considering|exploring|weighing|hoping|trying|working|preparing|wants|intends|said|says|announced|announces|confirmed|revealed|(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|this week|last week|that|agreed|agrees|reported|has since))+$/i;
// "the company", "The San Francisco, California-based company", "the internet bank", "It": the
// name is in an earlier sentence.
const PRONOUN = new RegExp(String.raw`(?:\b(?:the|this|that)\s+(?:[\p{L}\d,.'’-]+\s+){0,4}?(?:${COMPANY_HEAD})|\b(?:it|they))$`, 'iu');
// "Acme said last month that it had secured …": the subject of the reporting verb.
const SAID_THAT =
  /\b(?:said|says|announced|announces|confirmed|confirms|revealed|disclosed|told\s+\S+)\b(?:\s+[^\s,;]+){0,4}?\s+(?:that\s+)?(?:it|the company|the startup|the firm)\s+(?:(?:has|had|have|would|will|is|was|also|now|recently|just)\s+)*$/;
// "… attained unicorn status by raising": a participle's clause starts at its "by".
const CLAUSE_START = /(?:,\s+(?:while|and|but|as|whereas|after|when)\s+|;\s+|:\s+|\b(?:after|while|when|because|whereas)\s+|\bby\s+$)/g;

const VERB_PHRASE = /^\s*(?:is|are|was|were|has|have|had|said|says|will|would|could|plans|also|now|recently|today)\b[\s\p{Ll}'’-]*$/u;

interface Subject {
  name: string | null;
  at: number;
  /** "she raised …": a person, whose company is named elsewhere ("for Acme", the article's company). */
  person?: boolean;
}

const TALKS_WITH =
  /\s+(?:is|are|was|were|has been|have been)\s+(?:now\s+|reportedly\s+|(?:believed|said|understood|thought|reported)\s+to\s+be\s+)?in\s+(?:\w+\s+)?(?:talks|discussions|negotiations)\s+with\b[^,;]*$/;

/** The grammatical subject before a verb at `verbAt`: a name, a pronoun (name null), or none. */
export function subjectBefore(sentence: string, verbAt: number): Subject | undefined {
  // Parentheticals ("Acme (YC W21) raised") are blanked, not cut, so offsets stay valid.
  const raw = sentence.slice(0, verbAt).replace(/\([^()]*\)/g, (m) => ' '.repeat(m.length));
  // "Acme is in talks with investors including Temasek to raise": the counterparty is not the subject.
  const talks = TALKS_WITH.exec(raw);
  if (talks) return subjectBefore(sentence, talks.index);
  const said = SAID_THAT.exec(raw);
  if (said) return subjectBefore(sentence, said.index);
  const head = raw.replace(AUX_TAIL, '');
  if (/(?:^|[\s,])(?:she|he)\s*$/i.test(head)) return { name: null, at: verbAt, person: true };
  // "Acme raised $5M and is now seeking another $50M": the second verb shares the clause's subject.
  const conjoined = /\s+and\s*$/.exec(head);
  if (conjoined && /\p{Ll}/u.test(head.slice(0, conjoined.index))) {
    const start = lastClauseStart(head.slice(0, conjoined.index));
    const main = sentenceSubject(head.slice(start, conjoined.index));
    if (main) return { name: main.name, at: main.name === null ? verbAt : start + main.at };
  }
  // "It has raised …" opening the sentence: a pronoun (AUX_TAIL ate it with the auxiliaries).
  if (!head.trim() && /^\s*(?:it|they)\b/i.test(raw)) return { name: null, at: verbAt };
  if (/,\s*$/.test(raw.slice(0, head.length + 2)) || /,$/.test(head)) {
    // "Acme, a … startup that …, has raised": the subject is the chunk before the appositive.
    const start = lastClauseStart(head.slice(0, head.indexOf(',')));
    const chunks = head.slice(start).split(',');
    // "The Sequoia-backed startup, which …, raised": a back-reference with an appositive.
    if (PRONOUN.test(chunks[0]!.trim()) && /^\s*(?:the|this|that)\s/i.test(chunks[0]!)) return { name: null, at: verbAt };
    for (const [k, chunk] of chunks.slice(0, 2).entries()) {
      // "Mexican challenger bank, albo, has raised": a lower-case brand set off after its kind.
      const brand = k === 1 && HEAD_END.test(chunks[0]!) && /^\s*\p{Ll}[\p{L}\d]+\s*$/u.test(chunk) ? chunk.trim() : null;
      const name = trailingName(chunk) ?? brand;
      if (name) return { name, at: raw.indexOf(name, start) };
    }
    return undefined;
  }
  const start = Math.min(head.length, lastClauseStart(`${head} `));
  const tail = head.slice(start).trim();
  if (PRONOUN.test(tail)) return { name: null, at: verbAt };
  // "… last year when it had raised $60M": AUX_TAIL ate the clause's pronoun with its auxiliaries.
  if (!tail && start > 0 && /^\s*(?:it|they)\b/i.test(raw.slice(lastClauseStart(raw)))) return { name: null, at: verbAt };
  // "Globex Ltd, the UK-based provider received …": an appositive the writer never closed.
  const open = /^((?:\p{Ll}[\p{L}-]*\s+){0,3}[\p{Lu}][^,]{0,60}),\s+(?:the|a|an)\s+[^,;]{3,90}$/u.exec(tail);
  const openName = open ? trailingName(open[1]!) : null;
  if (
    openName &&
    open![1]!.endsWith(openName) &&
    !/\s(?:and|or)\s+\p{Lu}|\s(?:but|while|which|who|that)\s/u.test(tail.slice(open![1]!.length))
  ) {
    return { name: openName, at: start + head.slice(start).indexOf(openName) };
  }
  if (!tail && start > 0) {
    // "Acme will list on Nasdaq after raising $500M": the participle shares the main subject.
    const main = leadingName(head, false);
    return main && /^\s+\p{Ll}/u.test(head.slice(head.indexOf(main) + main.length)) ? { name: main, at: head.indexOf(main) } : undefined;
  }
  const name = trailingName(tail) ?? lowercaseBrand(tail);
  if (name) return { name, at: head.lastIndexOf(name) };
  // "Acme is in early discussions with investors to raise": a name opening the clause, then
  // only a lowercase verb phrase up to the verb.
  const opening = leadingName(tail, false);
  const rest = opening ? tail.slice(tail.indexOf(opening) + opening.length).replace(/^,[^,]*,/, '') : '';
  if (opening && VERB_PHRASE.test(rest) && rest.split(/\s+/).length <= 12) {
    return { name: opening, at: start + head.slice(start).indexOf(opening) };
  }
  return undefined;
}

const HEAD_END = new RegExp(String.raw`\b(?:${COMPANY_HEAD})\s*$`, 'i');
const NOT_BRANDS =
  /^(?:the|a|an|it|has|have|had|is|was|and|or|which|who|that|also|now|today|its|this|last|first|previously|recently|just|already|once|then|earlier|later|still|again|finally|quietly|reportedly)$/;

/** "challenger albo": a lower-case word right after a company kind noun is its brand. */
function lowercaseBrand(tail: string): string | null {
  if (tail.split(/\s+/).length > 5 || !/^\p{Lu}/u.test(tail)) return null;
  const m = new RegExp(String.raw`\b(?:${COMPANY_HEAD})\s+(\p{Ll}[\p{L}\d]{2,})$`, 'iu').exec(tail);
  return m && !NOT_BRANDS.test(m[1]!) ? m[1]! : null;
}

function lastClauseStart(text: string): number {
  let start = 0;
  for (const m of text.matchAll(CLAUSE_START)) start = m.index + m[0].length;
  return start;
}

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
    if (found) out.push(...gappedAnchors(sentence, money, found));
  }
  return out;
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
  /\b(?:(strategic|growth|minority|equity)\s+)?(investment|stake|grant|contribution|award|subsidy|round|funding|financing)(?:\s+of\s+([^,;]{1,40}?))??\s+(?:in|into|to|of)\s+(?=[\p{L}])/gu;

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

const ACQUIRE_ACTIVE =
  /\b(?:snapped up|snaps up|scooped up|scoops up|gobbled up|swallowed|takes over|took over|take over|acquire|acquires|acquired|acquiring|buy|buys|bought|buying|purchase|purchases|purchased|purchasing|takeover of|acquisition of|purchase of|merger with)\s+/g;
const ACQUIRE_PASSIVE =
  /\b(?:(?:has been|have been|was|were|agreed to be|agrees to be|is to be|will be|to be|is being|is set to be)\s+(?:acquired|bought|purchased|taken over)\s+by|(?:agreed to |agrees to |will |to )?(?:sell|sells|sold|selling)\s+itself\s+to|(?:has been|was|is being|will be|agreed to be)\s+sold\s+to)\b/g;
const SOLD_TO = /\b(?:(?:has|have|had)\s+)?sold\s+to(?=\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,3}?\p{Lu})/gu;
const FOR_MONEY =
  /\b(?:for|in a|in an|shelling out|paying|paid|(?:deal|transaction|takeover|acquisition)\s+(?:worth|valued\s+at))\s+(?:about|around|roughly|approximately|nearly|some|more than|over|close to|up to|an estimated|a reported)?\s*$/i;

function acquisitionAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  const priceAfter = (from: number): MoneyMatch | null =>
    money.find((m) => m.index >= from && FOR_MONEY.test(sentence.slice(Math.max(0, m.index - 30), m.index))) ?? null;
  // "Mossfield sold to Cardeno Group for $120M": an intransitive "sold to" is the seller's exit,
  // when a price or deal word says it is one ("sold to Walmart" alone may be a sale of goods).
  for (const p of sentence.matchAll(SOLD_TO)) {
    const subject = subjectBefore(sentence, p.index);
    const price = priceAfter(p.index);
    if (!subject || (!price && !/\b(?:deal|acquisition|transaction|undisclosed (?:sum|amount|price))\b/.test(sentence))) continue;
    out.push({
      company: subject.name,
      companyAt: subject.at,
      describedUntil: p.index,
      isObject: false,
      money: price,
      round: 'acquisition',
      investor: null,
    });
  }
  for (const p of sentence.matchAll(ACQUIRE_PASSIVE)) {
    const subject = subjectBefore(sentence, p.index);
    if (!subject) continue;
    out.push({
      company: subject.name,
      companyAt: subject.at,
      describedUntil: p.index,
      isObject: false,
      money: priceAfter(p.index),
      round: 'acquisition',
      investor: null,
    });
  }
  for (const a of sentence.matchAll(ACQUIRE_ACTIVE)) {
    const end = a.index + a[0].length;
    // A merger with a SPAC is the target's listing (spacAnchors).
    if (/^merger/.test(a[0]) && SPAC_CUE.test(sentence)) continue;
    if (/^by\b/.test(sentence.slice(end)) || /\b(?:been|be|was|were|being)\s+$/.test(sentence.slice(0, a.index))) continue;
    const name = objectName(sentence.slice(end));
    if (!name) continue;
    out.push({
      company: name,
      companyAt: end,
      describedUntil: Math.min(sentence.length, end + 160),
      isObject: true,
      money: priceAfter(end),
      round: 'acquisition',
      investor: null,
    });
    // "to acquire Dutch scheme iDeal and Payconiq, the payments app": two targets.
    const nameEnd = sentence.indexOf(name, end) + name.length;
    const and = /^\s+and\s+/.exec(sentence.slice(nameEnd));
    const second = and ? objectName(sentence.slice(nameEnd + and[0].length)) : null;
    if (second) {
      const at = nameEnd + and![0].length;
      out.push({
        company: second,
        companyAt: at,
        describedUntil: Math.min(sentence.length, at + 160),
        isObject: true,
        money: null,
        round: 'acquisition',
        investor: null,
      });
    }
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
    if (opening === undefined) continue;
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

/** "Glint, the Jakarta-based lender, reached …": a named subject set off by an appositive. */
function openingName(text: string): Subject | undefined {
  const name = openingSubject(text);
  return name ? { name, at: text.indexOf(name) } : undefined;
}

const LEADING_ADVERBIAL =
  /^(?:(?:Today|Now|Meanwhile|Separately|Earlier|Also|Last week|This week|On (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|In (?:a|an) \w+),?\s+)/;

/** The company a sentence opens with, after its description: "Paris-based biotech Woodoo is …" → "Woodoo". */
export function openingSubject(sentence: string): string | null {
  const rest = sentence.replace(LEADING_ADVERBIAL, '');
  const name =
    leadingName(rest, false) && /^\p{Lu}/u.test(rest) && !/^\S+\s+\p{Ll}/u.test(rest) ? leadingName(rest, false) : objectName(rest);
  if (!name) return null;
  const after = rest.slice(rest.indexOf(name) + name.length);
  return /^(?:,|\s+(?:is|was|has|had|will|makes|builds|develops|uses|helps|offers|provides|runs|operates|said|says)\b)/.test(after)
    ? name
    : null;
}

// Title-case headlines capitalise their verbs: "Moped Raises Capital from US Investors".
const TITLE_VERB = /\b(?:Raises|Raised|Secures|Lands|Bags|Nets|Gets|Closes|Snags|Scores|Receives|Pulls In|Picks Up)\b/;

/** The company a title-case headline is about, when its verb is a raise verb. */
export function titleSubject(title: string): string | null {
  const v = TITLE_VERB.exec(title);
  return v ? (subjectBefore(title, v.index)?.name ?? null) : null;
}

/** The subject opening a clause: a name, a back-reference (name null), or undefined if neither. */
function sentenceSubject(text: string): Subject | null | undefined {
  const rest = text.replace(LEADING_ADVERBIAL, '');
  const skipped = text.length - rest.length;
  if (/^(?:the|this|its|their)\s/i.test(rest)) {
    const np = /^(?:the|this|its|their)\s+(?:[\p{L}\d,.'’-]+\s+){0,4}?/iu.exec(rest);
    return np ? { name: null, at: skipped } : undefined;
  }
  if (/^(?:it|they)\s/i.test(rest)) return { name: null, at: skipped };
  const name = leadingName(rest, false);
  return name && /^\s+\p{Ll}/u.test(rest.slice(rest.indexOf(name) + name.length)) ? { name, at: skipped + rest.indexOf(name) } : undefined;
}

// "Sandbar Acquisition Corp, a blank-check company, agreed to merge with truck maker Haulix": the
// SPAC's target goes public.
const MERGE_WITH = /\b(?:merge|merges|merged|merging|combine|combines|combined|combining|combination|merger)\s+with\s+/g;
const SPAC_CUE = /\b(?:blank[- ]check|SPAC|special[- ]purpose acquisition)\b/i;

function spacAnchors(sentence: string): Anchor[] {
  if (!SPAC_CUE.test(sentence)) return [];
  const out: Anchor[] = [];
  for (const g of sentence.matchAll(MERGE_WITH)) {
    const end = g.index + g[0].length;
    const name = objectName(sentence.slice(end));
    if (!name || /\b(?:Acquisition|SPAC|Capital)\b/.test(name)) continue;
    const after = sentence.slice(sentence.indexOf(name, end) + name.length);
    if (/^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:blank[- ]check|SPAC|special[- ]purpose)/i.test(after)) continue;
    out.push({
      company: name,
      companyAt: end,
      describedUntil: Math.min(sentence.length, end + 160),
      isObject: true,
      money: null,
      round: 'ipo',
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

// "Telvio launched a tender offer for employee shares at an $8 billion valuation": a secondary.
const TENDER =
  /\b(?:launch|launched|launches|launching|offer|offered|offers|offering|conduct|conducted|conducts|complete|completed|completes|announce|announced|announces|plans?|planning|open|opened|opens|run|ran|runs|organi[sz]ed|kicked off|allow|allowed|allows)\b[^.;]{0,80}?\b(?:tender offer|secondary (?:share )?sale|employee share sale)\b/g;

function tenderAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  for (const t of sentence.matchAll(TENDER)) {
    const subject = subjectBefore(sentence, t.index);
    if (!subject) continue;
    const end = t.index + t[0].length;
    // "a $1.5 billion tender offer", "a tender offer for up to $1.5 billion of shares".
    const m =
      money.find(
        (x) =>
          (x.end <= end && x.index > t.index) ||
          (x.index >= end && x.index - end < 30 && /^\s*(?:of|for|worth)\s+(?:up to\s+)?$/.test(sentence.slice(end, x.index))),
      ) ?? null;
    out.push({
      company: subject.name,
      companyAt: subject.at,
      describedUntil: t.index,
      isObject: false,
      money: m && isDealRole(moneyRole(sentence, m)) ? m : null,
      round: 'secondary',
      investor: null,
    });
  }
  return out;
}

// "Fisker will go public through a merger with a SPAC", "Nikola, which went public last month".
const GO_PUBLIC = /\b(?:go|goes|going|went|gone)\s+public\b/g;
// "THL plans to take medical products company Agiliti private".
const TAKE_PRIVATE = /\b(?:take|takes|taking|took)\s+(?=.{2,80}?\s+private\b)/g;
// "Actelion received a revised takeover bid from J&J".
const TAKEOVER_BID =
  /\b(?:received|receives|got|gets|rejected|rejects|weighs|weighing|considering)\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?(?:takeover|buyout|acquisition)\s+(?:bid|offer|approach|proposal)s?\b/g;

function corporateAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  for (const g of sentence.matchAll(GO_PUBLIC)) {
    const subject = subjectBefore(sentence, g.index);
    if (!subject) continue;
    const m =
      money.find(
        (x) =>
          x.index > g.index &&
          isDealRole(moneyRole(sentence, x)) &&
          /\b(?:raise|raising|proceeds)\b/.test(sentence.slice(g.index, x.index)),
      ) ?? null;
    out.push({
      company: subject.name,
      companyAt: subject.at,
      describedUntil: g.index,
      isObject: false,
      money: m,
      round: 'ipo',
      investor: null,
      background: /\bwent\s+public\b/.test(g[0]) && /\b(?:last|ago|in (?:19|20)\d\d)\b/.test(sentence.slice(g.index, g.index + 40)),
    });
  }
  for (const t of sentence.matchAll(TAKE_PRIVATE)) {
    const end = t.index + t[0].length;
    // The object stands before "private", which ends it like a preposition would.
    const name = objectName(sentence.slice(end).replace(/\s+private\b/, ',       '));
    if (!name || !/^\s+private\b/.test(sentence.slice(sentence.indexOf(name, end) + name.length))) continue;
    const backer = subjectBefore(sentence, t.index);
    // "… private in a deal valued at $3.1 billion": the price paid.
    const price = money.find((x) => x.index > end && FOR_MONEY.test(sentence.slice(Math.max(0, x.index - 30), x.index))) ?? null;
    out.push({
      company: name,
      companyAt: end,
      describedUntil: Math.min(sentence.length, end + 160),
      isObject: true,
      money: price,
      round: 'private_equity',
      investor: backer?.name ? { name: backer.name, lead: false } : null,
    });
  }
  for (const b of sentence.matchAll(TAKEOVER_BID)) {
    const subject = subjectBefore(sentence, b.index);
    if (!subject) continue;
    const m =
      money.find(
        (x) =>
          x.index > b.index && FOR_MONEY.test(sentence.slice(Math.max(0, x.index - 30), x.index)) && moneyRole(sentence, x) !== 'per_share',
      ) ?? null;
    out.push({
      company: subject.name,
      companyAt: subject.at,
      describedUntil: b.index,
      isObject: false,
      money: m && m.value >= 1e6 ? m : null,
      round: 'acquisition',
      investor: null,
      status: 'in_talks',
    });
  }
  return out;
}

// "Atlaspine, the Taiwanese site Bravado snapped up, …", "Vantor, which Bravado bought in 2019,":
// the buyer's verb has no object; the target is the name the relative clause describes.
const TARGET_BEFORE = new RegExp(
  String.raw`((?:[\p{Lu}\d][\p{L}\d&.'’-]*\s+){0,3}[\p{Lu}\d][\p{L}\d&'’-]*),\s+(?:which|that|(?:the|a|an)\s+[^,;]{0,60}?)\s+` +
    String.raw`(?:[\p{Lu}][\p{L}\d&.-]*\s+){1,3}(?:has\s+|had\s+|have\s+)?(?:snapped up|acquired|bought|purchased|took over|swallowed)` +
    String.raw`(?=\s*[,.;]|\s+(?:in|last|earlier|for|back|this|a|two|three)\b)`,
  'gu',
);

function gappedTargets(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  for (const t of sentence.matchAll(TARGET_BEFORE)) {
    const name = trailingName(t[1]!);
    if (!name) continue;
    const end = t.index + t[0].length;
    const m =
      money.find((x) => x.index >= end && x.index - end < 30 && FOR_MONEY.test(sentence.slice(Math.max(0, x.index - 30), x.index))) ?? null;
    out.push({
      company: name,
      companyAt: sentence.indexOf(name, t.index),
      describedUntil: end,
      isObject: true,
      money: m,
      round: 'acquisition',
      investor: null,
      background: /^\s+(?:in (?:19|20)\d\d|last (?:year|month)|back in|(?:a|two|three|\d+) (?:years?|months?) ago)\b/.test(
        sentence.slice(end),
      ),
    });
  }
  return out;
}

// "Leonard led Agiliti through its 2021 IPO", "Acme's 2019 Series A": an earlier round by its year.
const DATED_ROUND =
  /\b(?:its|their|((?:[\p{Lu}][\p{L}\d&.-]*\s+){0,2}[\p{L}][\p{L}\d&-]*)['’]s?)\s+(?:(?:19|20)\d\d\s+(?:initial public offering|IPO|Series [A-J]\b(?:\s+round)?|seed round|pre-seed round|listing)|(?:Series [A-J]|seed|pre-seed)\s+(?:round|funding|financing)\s+(?:last year|in (?:19|20)\d\d|(?:a|two|three) years? ago)\b)/gu;

function datedRoundAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
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
  const objects = [...objectAnchors(sentence, money), ...fundedAnchors(sentence, money)];
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
    if (a.money && moneyRole(sentence, a.money) === 'past') a.background = true;
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
