/** Investors named around a deal, with who led: "led by A, with participation from B and C". */
import { investorKey } from '../../normalise/company.js';
import { leadingName, nameList, trailingName } from './names.js';

export interface Investor {
  name: string;
  lead: boolean;
}

const LED_BY = /\b(?:co-led|led|headed|spearheaded|anchored)\s+by\s+/g;
const JOINED_BY =
  /\b(?:with (?:additional )?participation (?:from|of|by)|participation from|alongside|joined by|along with|(?:round|financing|investment|note|facility)(?: also)? included|also included|(?<!\b(?:earlier|previous|prior|past|former|early)\s)(?:investors|backers|participants),? (?:include|included|including|were|are)|(?:round|raise|financing|investment) (?:that|which) (?:also )?(?:included|featured|saw participation from)|(?:and )?featuring|(?:consortium|syndicate|group) (?:of (?:investors|backers) )?including|, as did|(?:(?:other|new|existing) )?(?:investors|backers|participants) (?:in|of) (?:the|this) (?:[\w-]+ ){0,2}(?:round|raise|financing|investment)(?: also)? (?:include|included|includes|were|are)|(?:investors|backers|names) (?:such as|like)|subscribed (?:to )?by|(?<!\b(?:is|are|been|already)\s(?:also\s)?)backed by|(?:raised|secured|received|got) (?:this|the|these) (?:capital|money|funding|funds|amount) from|(?:also )?(?:comes|came) from|featured participation from|(?:third-party )?(?:allotment|allocation|issuance|issue|placement) of (?:new )?shares to|others joining were|(?:(?:new|existing|other|participating) )?(?:investors?|backers?|participants?|co-investors?)\s*(?::|[–—]\s)|followed by|(?:co-invested|jointly (?:invested|funded|financed)|exclusively invested|solely invested) by|(?:was|were|is|are|being) (?:also )?(?:made|provided|financed|funded|supplied|contributed|underwritten|put up|injected|supported) by|(?:round|raise|financing|investment|deal)(?: also)? (?:brought in|welcomed|added|drew|attracted)(?: (?:investment|money|capital|backing|participation) from)?|with (?:additional |further |follow-on |continued |strategic )?(?:backing|support|funding|funds|money|financing|investment|capital|commitments?) (?:from|by))\s+/gi;
// "a Corvane Capital-led Series B": the lead written as a compound adjective.
const NAME_LED = /-(?:co-)?led\s+(?:[\p{Ll}$€£\d.-]+\s+){0,3}?(?:round|funding|financing|investment|raise|seed|pre-seed|Series)\b/gu;
// "Corvane Capital provided the funding": the subject supplied the money (not advice or services).
const SUBJECT_PROVIDED =
  /^(.+?)\s+(?:also\s+)?(?:provided|supplied|put up|injected|contributed|extended)\s+(?:the|this|its|a|an)\s+(?:[\w-]+\s+){0,2}?(?:funding|funds|capital|financing|money|loan|investment|cash|debt|facility|credit)\b/;
// "Mastercard was among the investors": a participant named before its role.
const AMONG =
  /^(.+?)\s+(?:was|were|is|are)\s+(?:also\s+)?among\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:investors|backers|participants|contributors|lenders)\b/;
// "A co-led the round with B": the partner after "with" co-leads too.
const CO_LED_WITH = /\bco-led\s+(?!by\b)[^.;]{0,80}?\bwith\s+(?=\p{Lu})/gu;
// "Leading the round is London VC Playfair Capital": an inverted lead.
const LEADING_IS =
  /\b(?:(?:Led by|Lead investors?|Lead backers?|Lead)\s*:|(?:Leading|Co-leading) (?:the|this) (?:round|investment|financing|raise)|(?:[Tt]he )?(?:round's )?(?:lead|anchor) investors?(?: in the round)?)\s+(?:is|was|are|were)\s+/g;
// "with Corvane Capital as the lead investor", "Corvane Capital acted as lead investor".
const AS_LEAD = /\s+(?:as|acting as|acted as|served as|serving as)\s+(?:the\s+)?(?:round's\s+)?(?:lead|anchor)\s+investor\b/g;
// "Participating in the round were A and B", "Also joining were …": an inverted participant list.
const PARTICIPATING_WERE =
  /\b(?:participating|joining|investing|taking part|co-investing)(?: (?:in |on )?(?:the|this) (?:[\w-]+ ){0,2}(?:round|raise|financing|investment|deal))? (?:were|are|was|is)\s+(?=(?:[\p{Ll}-]+\s+){0,2}\p{Lu})/giu;
// "…, while A also participated", "…; A and B also took part": a later clause's own participants.
const CLAUSE_JOINED =
  /(?:,\s+(?:while|and|whereas)|;)\s+([^;]+?)\s+(?:also\s+)?(?:participated|joined|took part|invested|co-invested|chipped in|contributed|followed on)\b/g;
const WITH_PARTICIPATING =
  /\bwith\s+(.+?)\s+(?:also\s+)?(?:participating|taking part|joining|investing|co-investing|contributing|chipping in|pitching in|coming in|following on)\b/g;
const SUBJECT_JOINED =
  /^(.+?)\s+(?:(?:will|would|are set to|are expected to)\s+)?(?:also\s+)?(?:joined|participated|took part|followed on|co-invested|invested|put money|chipped in|contributed|participate|join|take part|co-invest|(?:each )?put in|rounded out|filled out|returned|came on board|came aboard|signed on|(?:also )?backed the (?:round|raise|financing)|(?:were|was) (?:also )?part of the (?:round|syndicate|financing)|re-upped|reinvested|re-invested|doubled down)\b/;
const WILL_LEAD =
  /\s+(?:is|was|are|were|will)\s+(?:said to be |expected to |set to |poised to |likely to |reportedly )?(lead(?:ing)?|co-lead(?:ing)?|participate|participating|take part|taking part|join|joining|invest|investing)\b/g;
const HAS_LED = /^(.+?)\s+(?:has |have )?(?:led|co-led)\s+(?:a|an|the|that|this)\b/;
// "from A", "from high-profile investors A, B and C", "a seed round of $2 million by A and B".
const LENT_BY =
  /(?<!\b(?:merg\w*|combin\w*|talks|partnership|partnering|deal)\s)(?<!(?<!\b(?:loan|credit|financing|funding|investment|facility|subscription)\s)\bagreement\s)\b(?:from|with|(?<=(?:million|billion|crore|lakh|mn|bn|\d[mMbBkK]?)\s)by)\s+(?=(?:the\s+(?:likes\s+of\s+)?)?[\p{Lu}]|(?:former\s+|ex-|(?:actor|actress|singer|entrepreneur|cricketer|footballer|athlete)s?\s+)[\p{Lu}]|(?:[\p{Ll}-]+\s+){0,2}?(?:investors|backers|shareholders|lenders|angels|partners|institutions|(?:family|single-family) offices)\s+(?:(?:such as|like|including)\s+)?[\p{Lu}])/gu;

const PURPOSE = /(?<!\bup\s)\bto\s+(?!date\b)\p{Ll}+|\b(?:will|plans?|aims?|intends?|hopes?)\b/u;

const ITEM_BACKERS =
  /(?:[–—:|]|\s-)\s*\S*\d[^\s,]*(?:\s+(?:million|billion|mn|bn|m|crore|lakh|euros?|dollars|pounds))?\s+(?:pre-seed|seed|Series [A-J]\+?|(?:[\w-]+\s+)?(?:round|funding|grant|debt|financing))(?:\s+(?:round|funding|extension))?,\s+(?!led\b|co-led\b|from\b|with\b|by\b|which\b|a\b|an\b|the\b)([\p{Lu}].*)$/u;

/**
 * Investors stated in one sentence. With `from`, names after "from"/"with" past offset `after`
 * count too: "a $7M Series A from X and Y", "a credit facility from X" (the deal's own sentence).
 */
export function investorsIn(sentence: string, opts: { from: boolean; after?: number }): Investor[] {
  const out: Investor[] = [];
  const add = (names: string[], lead: boolean): void => {
    for (const name of names) out.push({ name, lead });
  };
  for (const m of sentence.matchAll(LED_BY)) add(nameList(sentence.slice(m.index + m[0].length)), true);
  for (const m of sentence.matchAll(NAME_LED)) {
    const name = trailingName(sentence.slice(0, m.index));
    if (name) add([name], true);
  }
  for (const m of sentence.matchAll(AS_LEAD)) {
    const name = trailingName(sentence.slice(0, m.index));
    if (name) add([name], true);
  }
  for (const m of sentence.matchAll(CO_LED_WITH)) add(nameList(sentence.slice(m.index + m[0].length)), true);
  const provided = SUBJECT_PROVIDED.exec(sentence);
  if (provided && !/\b(?:which|who)\b/.test(provided[1]!)) add(nameList(provided[1]!), false);
  const among = AMONG.exec(sentence);
  if (among && !/\b(?:which|who)\b/.test(among[1]!)) add(nameList(among[1]!), false);
  for (const m of sentence.matchAll(LEADING_IS)) add(nameList(sentence.slice(m.index + m[0].length)), true);
  for (const m of sentence.matchAll(JOINED_BY)) add(nameList(sentence.slice(m.index + m[0].length)), false);
  for (const m of sentence.matchAll(WITH_PARTICIPATING)) add(nameList(m[1]!), false);
  for (const m of sentence.matchAll(PARTICIPATING_WERE)) add(nameList(sentence.slice(m.index + m[0].length)), false);
  for (const m of sentence.matchAll(CLAUSE_JOINED)) if (!/\b(?:which|who|it|they)\b/.test(m[1]!)) add(nameList(m[1]!), false);
  const joined = SUBJECT_JOINED.exec(sentence);
  // "A, which led the seed round, also joined": the relative clause describes A.
  const subject = joined?.[1]?.replace(/,\s+(?:which|who)\b[^,]*,?\s*$/, '');
  if (subject && !/\b(?:which|who)\b/.test(subject)) add(nameList(subject), false);
  for (const m of sentence.matchAll(WILL_LEAD)) {
    const name = trailingName(sentence.slice(0, m.index));
    if (name) add([name], /lead/.test(m[1]!));
  }
  const led = HAS_LED.exec(sentence);
  if (led && !/\b(?:which|who)\s*$/.test(led[1]!)) {
    const name = trailingName(led[1]!);
    if (name) add([name], true);
  }
  if (opts.from) {
    // A roundup entry's backers follow its round after a comma: "– $2.5M seed, Brightfield Ventures".
    const item = ITEM_BACKERS.exec(sentence);
    if (item) add(nameList(item[1]!), false);
    for (const m of sentence.matchAll(LENT_BY)) {
      if (m.index < (opts.after ?? 0)) continue;
      // "raised $5M to work with A": a purpose clause's partner lends nothing.
      if (PURPOSE.test(sentence.slice(opts.after ?? 0, m.index))) continue;
      add(nameList(sentence.slice(m.index + m[0].length)), false);
    }
  }
  return out;
}

/** Merges mentions: "Calderwood" and "Calderwood Partners" are one investor; lead wins. */
export function mergeInvestorMentions(list: Investor[], exclude: string[]): Investor[] {
  const out: Investor[] = [];
  const norm = investorKey;
  const excluded = exclude.map(norm);
  for (const inv of list) {
    const n = norm(inv.name);
    if (excluded.some((e) => e === n || e.startsWith(`${n} `) || n.startsWith(`${e} `))) continue;
    const same = out.find((o) => {
      const k = norm(o.name);
      return k === n || k.startsWith(`${n} `) || n.startsWith(`${k} `) || acronymOf(o.name, inv.name) || acronymOf(inv.name, o.name);
    });
    if (!same) out.push({ ...inv });
    else {
      if (inv.name.length > same.name.length) same.name = inv.name;
      same.lead ||= inv.lead;
    }
  }
  return out;
}

/** "EIB" for "European Investment Bank": an all-capitals short form made of the name's initials. */
function acronymOf(short: string, long: string): boolean {
  if (!/^[A-Z]{2,6}$/.test(short)) return false;
  const initials = long
    .split(/[\s-]+/)
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('');
  return initials === short;
}

// "Corvane Capital has backed Osterly.", headline "Corvane backs Osterly": backers named before the round's own sentence.
const BACKED_LEDE =
  /^(.+?)\s+(?:(?:has|have)\s+(?:also\s+|jointly\s+)?(backed|invested in|funded|financed|(?:co-)?led (?:a|an|the) [^.;]{0,40}?(?:round|investment) (?:in|into|for))|(backs|invests in|funds|bets on|(?:co-)?leads (?:a|an|the)?\s*[^.;]{0,40}?(?:round|investment) (?:in|into|for)))\s+(?=\p{Lu})/u;

/** The company and backers of a lede like "A and B have backed Osterly", or null. */
export function backedLede(sentence: string): { company: string; investors: Investor[] } | null {
  const m = BACKED_LEDE.exec(sentence);
  if (!m || /\b(?:which|who|that)\b/.test(m[1]!)) return null;
  const company = leadingName(sentence.slice(m[0].length), false);
  const lead = /led|leads/.test(m[2] ?? m[3]!);
  const investors = nameList(m[1]!).map((name) => ({ name, lead }));
  return company && investors.length ? { company, investors } : null;
}
