/** Investors named around a deal, with who led: "led by A, with participation from B and C". */
import { investorKey } from '../../normalise/company.js';
import { nameList, trailingName } from './names.js';

export interface Investor {
  name: string;
  lead: boolean;
}

const LED_BY = /\b(?:co-led|led|headed|spearheaded|anchored)\s+by\s+/g;
const JOINED_BY =
  /\b(?:with (?:additional )?participation (?:from|of|by)|participation from|alongside|joined by|along with|(?:round|financing|investment|note|facility)(?: also)? included|also included|(?:investors|backers|participants),? (?:include|included|including|were|are)|(?:(?:other|new|existing) )?(?:investors|backers|participants) (?:in|of) (?:the|this) (?:[\w-]+ ){0,2}(?:round|raise|financing|investment)(?: also)? (?:include|included|includes|were|are)|(?:investors|backers|names) (?:such as|like)|subscribed (?:to )?by|backed by|(?:raised|secured|received|got) (?:this|the|these) (?:capital|money|funding|funds|amount) from|(?:also )?(?:comes|came) from|featured participation from|(?:third-party )?(?:allotment|allocation|issuance|issue|placement) of (?:new )?shares to|others joining were)\s+/gi;
// "Leading the round is London VC Playfair Capital": an inverted lead.
const LEADING_IS = /\b(?:Leading|Co-leading) (?:the|this) (?:round|investment|financing|raise) (?:is|was|are|were)\s+/g;
const WITH_PARTICIPATING = /\bwith\s+(.+?)\s+(?:also\s+)?(?:participating|taking part|joining|investing|co-investing|contributing)\b/g;
const SUBJECT_JOINED =
  /^(.+?)\s+(?:(?:will|would|are set to|are expected to)\s+)?(?:also\s+)?(?:joined|participated|took part|followed on|co-invested|invested|put money|chipped in|contributed|participate|join|take part|co-invest|(?:each )?put in)\b/;
const WILL_LEAD =
  /\s+(?:is|was|are|were|will)\s+(?:said to be |expected to |set to |poised to |likely to |reportedly )?(lead(?:ing)?|co-lead(?:ing)?|participate|participating|take part|taking part|join|joining|invest|investing)\b/g;
const HAS_LED = /^(.+?)\s+(?:has |have )?(?:led|co-led)\s+(?:a|an|the)\b/;
// "from A", "from high-profile investors A, B and C", "a seed round of $2 million by A and B".
const LENT_BY =
  /(?<!\b(?:merg\w*|combin\w*|talks|agreement|partnership|partnering|deal)\s)\b(?:from|with|(?<=(?:million|billion|crore|lakh|mn|bn|\d[mMbBkK]?)\s)by)\s+(?=(?:the\s+)?[\p{Lu}]|(?:[\p{Ll}-]+\s+){0,2}?(?:investors|backers)\s+[\p{Lu}])/gu;

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
  for (const m of sentence.matchAll(LEADING_IS)) add(nameList(sentence.slice(m.index + m[0].length)), true);
  for (const m of sentence.matchAll(JOINED_BY)) add(nameList(sentence.slice(m.index + m[0].length)), false);
  for (const m of sentence.matchAll(WITH_PARTICIPATING)) add(nameList(m[1]!), false);
  const joined = SUBJECT_JOINED.exec(sentence);
  if (joined && !/\b(?:which|who)\b/.test(joined[1]!)) add(nameList(joined[1]!), false);
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
      return k === n || k.startsWith(`${n} `) || n.startsWith(`${k} `);
    });
    if (!same) out.push({ ...inv });
    else {
      if (inv.name.length > same.name.length) same.name = inv.name;
      same.lead ||= inv.lead;
    }
  }
  return out;
}
