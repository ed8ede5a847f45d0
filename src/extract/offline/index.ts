/**
 * The deterministic offline extraction engine: sentence-level rules over the parsed text that
 * return the same RawDeal shape as the LLM engine (figures as written, quotes as evidence).
 */
import { performance } from 'node:perf_hooks';
import { type RawDeal, type RawExtraction, type Round, type Status, VAGUE_ROUNDS } from '../../deal/schema.js';
import { companyKey } from '../../normalise/company.js';
import { type DealFacts, sameDeal as sameDealRule } from '../../dedupe/match.js';
import { articleCurrency } from '../../normalise/index.js';
import type { ArticleInput, Extractor } from '../types.js';
import type { MoneyMatch } from '../../normalise/money.js';
import { findAnchors, openingSubject, titleSubject, type Anchor } from './anchors.js';
import { confidenceFrom, type DealFeatures } from './confidence.js';
import { investorsIn, mergeInvestorMentions, type Investor } from './investors.js';
import { amountsIn, COMPANY_HEAD, moneyRole, roundNear, statusOf } from './lexicon.js';
import { isPersonIn, leadingName, validName } from './names.js';
import { articleScope, describedHome, listingHome, marketOf, namelessHome } from './home.js';
import { findPlaces, isPlaceName } from './places.js';
import { tableRows, toUnits, type TableRow, type Unit } from './structure.js';
import { leadingName as nameAt } from './names.js';

type Sentence = Unit;

export const OFFLINE_PROMPT_VERSION = 'offline-v1';

interface Draft {
  company: string;
  round: Round;
  status: Status;
  amountText: string | null;
  amountValue: number | null;
  amountCurrency: string | null;
  valuationText: string | null;
  investors: Investor[];
  country: string | null;
  evidence: RawDeal['evidence'];
  background: boolean;
  /** A background deal's own date when the text states its month ("in August 2025"), else null. */
  statedOn: string | null;
  /** Features for the confidence model. */
  resolved: boolean;
  mentions: number;
  headingOnly: boolean;
  corporate: boolean;
  objectName: boolean;
}

interface Located {
  anchor: Anchor;
  sentence: number;
  company: string;
  resolved: boolean;
}

/** How many following sentences may still describe a deal ("The round was led by …"). */
const CONTEXT_SENTENCES = 4;

/** Names the article uses for deal companies, resolving "the company" and short forms. */
function locateAnchors(sentences: Sentence[], title: string | null, currency: string | null): Located[] {
  const located: Located[] = [];
  let last: string | null = null;
  let lastBlock = -2;
  // "The startup raised …" before any company is named: the headline's deal company, else the
  // name opening the article.
  const firstBody = sentences.find((s) => !s.headline);
  const fallback =
    (title ? (findAnchors(title).find((a) => a.company)?.company ?? titleSubject(title)) : null) ??
    (firstBody && !PLACE_OPENING(firstBody.text) ? leadingName(firstBody.text, false) : null);
  // Headings and bullets count (digests without full stops), except trailing lists after the
  // last full sentence: related links, newsletter promos, footers.
  const lastProse = sentences.findLastIndex((s) => !s.headline);
  const allText = sentences.map((s) => s.text).join('\n');
  sentences.forEach((s, i) => {
    // A trailing roundup entry ("Acme – … – $2M seed, Globex") still counts: its shape is no link's.
    const trailing = s.headline && i > lastProse;
    if (trailing && !s.topic) return;
    // A list item starts a new topic: its "the startup" is the item's company.
    if (s.topic && (i === 0 || sentences[i - 1]!.block !== s.block)) {
      last = s.topic;
      lastBlock = s.block;
    }
    // "Paris-based Acme is … . It has raised …": within a paragraph, its own subject beats a
    // company from an earlier paragraph.
    const prevText = i > 0 && sentences[i - 1]!.block === s.block && lastBlock !== s.block ? sentences[i - 1]!.text : null;
    const prev = prevText ? (openingSubject(prevText) ?? introducedName(prevText)) : null;
    for (const anchor of findAnchors(s.text, s.topic, currency)) {
      if (trailing && !anchor.item) continue;
      const opening = leadingName(s.text, false);
      const openingOk = opening !== null && s.text.indexOf(opening) < anchor.companyAt && !CURRENCY_WORD.test(opening);
      // "Acme, which …, was valued … when it had raised …": a clause's "it" is the sentence's subject.
      const subject = anchor.company === null && anchor.companyAt > 0 ? openingSubject(s.text) : null;
      const ownSubject = subject && s.text.indexOf(subject) < anchor.companyAt ? subject : null;
      // People ("Founder Maya Lind said she raised …") are never the company.
      const firm = (n: string | null): string | null => (n && !isPersonIn(n, allText) ? n : null);
      const company =
        firm(anchor.company) ??
        firm(ownSubject) ??
        firm(prev) ??
        firm(last) ??
        (openingOk ? firm(opening) : null) ??
        firm(fallback) ??
        // "The Series B, which closed at $45M, … . Orrel Health will use it to …": named only after.
        firm(nextSubject(sentences, i));
      if (!company) continue;
      const named = company === anchor.company;
      if (!named) {
        const at = s.text.indexOf(company);
        if (at >= 0) anchor.companyAt = at;
      }
      located.push({ anchor, sentence: i, company, resolved: !named || s.block < 0 });
      last = company;
      lastBlock = s.block;
    }
  });
  // "Cadence" after "Cadence Pay": a short form takes the full name used elsewhere, among the
  // deal names or written out in the text ("Jain Resource" → "Jain Resource Recycling").
  const names = [...new Set(located.map((l) => l.company))];
  // Prose only: title-case headings run names into other words ("Acme Acquisition Closes").
  const prose = sentences
    .filter((s) => !s.headline)
    .map((s) => s.text)
    .join('\n');
  for (const l of located) {
    // A full name found only in passing must recur to replace the short form the article uses.
    const written = longerForm(l.company, prose);
    const full =
      names.find((n) => n.length > l.company.length && coreOf(n).startsWith(`${coreOf(l.company)} `)) ??
      (written && countOf(written, allText) >= 2 ? written : null);
    if (full) l.company = full;
  }
  // "Market Kurly … Kurly said … Kurly said", "Opus Energy … Opus Energy Group Ltd": of a
  // name's long and short forms, the one the article writes most on its own (ties: the first).
  for (const l of located) l.company = usualForm(l.company, allText);
  return located;
}

// Trailing words a company is often named without: "Opus Energy Group" is "Opus Energy".
const GENERIC_TAIL = /\s+(?:Group|Holdings?|Ltd|Limited|Inc|Corp|Corporation|Co|Plc|PLC|LLC|GmbH|AG|SA|NV|BV|Pvt|Pte)\.?$/;

/** "Norrskär Recycling AB" → "Norrskär Recycling": the words the company key ignores. */
function withoutLegalTail(name: string): string {
  const words = name.split(' ');
  while (words.length > 1 && companyKey(words.slice(0, -1).join(' ')) === companyKey(words.join(' '))) words.pop();
  return words.join(' ');
}

function usualForm(name: string, text: string): string {
  const words = name.split(' ');
  const forms = new Set([name]);
  let bare = name;
  while (GENERIC_TAIL.test(bare)) forms.add((bare = bare.replace(GENERIC_TAIL, '')));
  // "Market Kurly" → "Kurly" only where "Kurly" stands alone, not inside another name ("Department of Energy").
  const tail = words.length === 2 && /^\p{Lu}[\p{L}\d]{3,}$/u.test(words[1]!) && validName(words[1]!) ? words[1]! : null;
  if (tail) forms.add(tail);
  // "Shanghai Biren Intelligent Technology Co." … "Biren" ×5: a long legal name's leading words.
  const core = withoutLegalTail(coreOf(bare)).split(' ');
  const prefixes = core.length >= 3 ? core.slice(0, -1).map((_, k) => core.slice(0, k + 1).join(' ')) : [];
  for (const p of prefixes) if (/^\p{Lu}[\p{L}\d]{3,}/u.test(p)) forms.add(p);
  const candidates = [...forms].filter((f) => f.split(' ').length >= 1 && validName(f));
  if (candidates.length < 2) return name;
  const at = (f: string): number[] => {
    const esc = f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return [...text.matchAll(new RegExp(`(?<![\\p{L}\\d])${esc}(?![\\p{L}\\d])`, 'gu'))]
      .map((m) => m.index)
      .filter((i) => f !== tail || !/(?:\p{Lu}[\p{L}.]*|\b(?:of|de|&|the))\s+$/u.test(text.slice(Math.max(0, i - 30), i)));
  };
  // Standalone uses: those not inside a longer candidate's occurrence.
  const spans = candidates.map((f) => ({ f, hits: at(f) }));
  const own = spans.map(({ f, hits }) => ({
    f,
    hits: hits.filter(
      (i) => !spans.some((o) => o.f.length > f.length && o.f.includes(f) && o.hits.some((j) => j <= i && i + f.length <= j + o.f.length)),
    ),
  }));
  const fullUses = own.filter((o) => !prefixes.includes(o.f)).reduce((n, o) => n + o.hits.length, 0);
  const best = own
    // A leading-words form must be the article's habit, not a chance match.
    .filter((o) => o.hits.length > 0 && (!prefixes.includes(o.f) || (o.hits.length >= 2 && o.hits.length > fullUses)))
    .sort((a, b) => b.hits.length - a.hits.length || Math.min(...a.hits) - Math.min(...b.hits))[0];
  // Legal suffixes aside, the name is the same: keep it as written at the deal.
  return best && companyKey(best.f) !== companyKey(name) ? best.f : name;
}

/** The subject opening the next sentence of the same paragraph. */
function nextSubject(sentences: Sentence[], i: number): string | null {
  const next = sentences[i + 1];
  return next && next.block === sentences[i]!.block ? openingSubject(next.text) : null;
}

// "… with names like Acme, which …": a company the previous sentence introduces, not as its subject.
const INTRODUCED = new RegExp(
  String.raw`(?:\b(?:names like|such as|named|called|including|(?:${COMPANY_HEAD}))\s+|^)((?:[\p{Lu}\d][\p{L}\d&.'’-]*\s?){1,4}?)(?=,\s+(?:which|a|an|the|who)\b)`,
  'gu',
);

function introducedName(sentence: string): string | null {
  const found = [...sentence.matchAll(INTRODUCED)].map((m) => leadingName(m[1]!, false)).filter((n): n is string => n !== null);
  return found.length === 1 ? found[0]! : null;
}

const CURRENCY_WORD = /^(?:Rs|INR|USD|US|EUR|GBP|JPY|CNY|RMB|HK|S|A|NZ|C|R|KRW|SAR|AED|Sh|KSh|NIS)\b/;

/** "South Africa's outlook …": an article opening on a place names no company. */
const PLACE_OPENING = (text: string): boolean => {
  const m = /^((?:\p{Lu}[\p{L}.]*\s+){0,2}\p{Lu}[\p{L}.]*)['’]s?\s/u.exec(text);
  return m !== null && isPlaceName(m[1]!);
};

const countOf = (needle: string, hay: string): number => hay.split(needle).length - 1;

/** A name without a leading place: "Beijing Jinying" → "Jinying". */
function coreOf(name: string): string {
  const tokens = name.split(' ');
  return tokens.length > 1 && isPlaceName(tokens[0]!) ? tokens.slice(1).join(' ') : name;
}

/** The longest capitalised extension of `name` written in the text (up to two more words). */
function longerForm(name: string, text: string): string | null {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let best: string | null = null;
  // Not after "the": "the Fisker Ocean" is a product of Fisker.
  for (const m of text.matchAll(new RegExp(`(?<![\\p{L}]|\\b[Tt]he\\s)${esc}((?:\\s+[\\p{Lu}][\\p{L}&-]+){1,2})`, 'gu'))) {
    const words = m[1]!.trim().split(/\s+/);
    const bad = words.findIndex((w) => !validName(w) || isPlaceName(w) || /^(?:Series|CEO|IPO|Shares?|Group)$/.test(w));
    const extra = bad < 0 ? words : words.slice(0, bad);
    if (!extra.length) continue;
    const full = `${name} ${extra.join(' ')}`;
    if (!best || full.length > best.length) best = full;
  }
  return best;
}

const BASED = /^(?:,\s*[\p{L}.]+)?-based|^['’]s\b/u;
// "the Austin, Texas-based company": a later sentence naming the company by its home.
const COMPANY_BASED =
  /^(?:,\s*[\p{L}.]+)?-based (?:company|startup|start-up|firm|business|group|maker|developer|provider|operator|platform|lender)\b/u;
const BASED_IN = /\b(?:based|headquartered|founded) in\s+(?:the\s+)?$/i;

const DATELINE_END = /^\s+[–—-]\s/;

/** Home country of the company described in `text[from, until)`: "-based", "based in", demonyms. */
function countryIn(text: string, from: number, until: number, exclude?: [number, number]): string | null {
  const places = findPlaces(text).filter(
    (p) =>
      p.index >= from &&
      p.end <= until &&
      !(exclude && p.index >= exclude[0] && p.end <= exclude[1]) &&
      // A dateline's city ("Frankfurt – Acme received …") is where the story was filed.
      !DATELINE_END.test(text.slice(p.end)),
  );
  const based = places.find((p) => BASED.test(text.slice(p.end)) || BASED_IN.test(text.slice(0, p.index)));
  return (based ?? places[0])?.code ?? null;
}

function countryFor(l: Located, sentences: Sentence[], context: number[], title: string | null, sole: boolean): string | null {
  const s = sentences[l.sentence]!.text;
  const at = l.anchor.companyAt;
  // The name itself ("Beijing Jinying", "Dutch scheme iDeal") is excluded, its description is not.
  const nameAt = Math.max(at, s.indexOf(l.company, at));
  // A possessive place right before an object still counts ("takeover of Manchester's Acme").
  // A subject's description runs back to its clause start, never into another clause's company.
  const clause = [...s.slice(0, at).matchAll(/,\s+(?:while|whereas|and|but)\s+|;\s+/g)].pop();
  const clauseStart = clause ? clause.index + clause[0].length : 0;
  const from = l.anchor.isObject ? Math.max(0, at - 20) : Math.max(clauseStart, at - 100);
  const until = Math.max(nameAt + l.company.length, l.anchor.describedUntil);
  const own = countryIn(s, from, until, [nameAt, nameAt + l.company.length]);
  if (own) return own;
  const market = l.anchor.money ? marketOf(s, l.anchor.money.end) : null;
  if (market) return market;
  for (const i of context) {
    const t = sentences[i]!.text;
    const based = findPlaces(t).find((p) => COMPANY_BASED.test(t.slice(p.end)) || BASED_IN.test(t.slice(0, p.index)));
    if (based) return based.code;
  }
  const described = describedHome(
    sentences.map((x) => x.text),
    l.company,
  );
  if (described) return described;
  const inTitle = title?.indexOf(l.company) ?? -1;
  const titled =
    title && inTitle >= 0
      ? countryIn(title, Math.max(0, inTitle - 40), inTitle + l.company.length + 60, [inTitle, inTitle + l.company.length])
      : null;
  if (titled) return titled;
  // Only when the article is about this one company can "the Berlin startup" be it.
  const nameless = sole ? namelessHome(sentences.map((x) => x.text)) : null;
  if (nameless) return nameless;
  // A listing on an exchange that lists almost only its own country's companies.
  return l.anchor.round === 'ipo' ? listingHome(sentences.map((x) => x.text)) : null;
}

function contextOf(located: Located[], k: number, sentences: Sentence[]): number[] {
  const l = located[k]!;
  const key = companyKey(l.company);
  const out = [l.sentence];
  for (let i = l.sentence + 1; i < sentences.length && out.length <= CONTEXT_SENTENCES; i++) {
    if (sentences[i]!.headline) break;
    const others = located.filter((o) => o.sentence === i);
    if (others.some((o) => companyKey(o.company) !== key || o.anchor.round !== l.anchor.round)) break;
    out.push(i);
  }
  return out;
}

const SEGMENT_BREAK = /,\s+(?:while|whereas|and|but)\s+|;\s+/g;

/** The part of a sentence holding several deals that belongs to anchor `k`: its clause. */
function segmentOf(located: Located[], k: number, text: string): [number, number] {
  const start = (l: Located): number => Math.min(l.anchor.companyAt, l.anchor.money?.index ?? Infinity);
  const here = located[k]!;
  const mates = located.filter((o) => o.sentence === here.sentence).sort((a, b) => start(a) - start(b));
  const at = mates.indexOf(here);
  const boundary = (a: Located, b: Located): number => {
    const lo = a.anchor.money?.end ?? start(a);
    const hi = start(b);
    const breaks = [...text.slice(0, Math.max(lo, hi)).matchAll(SEGMENT_BREAK)].filter((m) => m.index >= lo);
    return breaks.length ? breaks[breaks.length - 1]!.index : Math.max(lo, hi);
  };
  return [at > 0 ? boundary(mates[at - 1]!, here) : 0, at < mates.length - 1 ? boundary(here, mates[at + 1]!) : text.length];
}

/**
 * Status from the deal's own clause. History happened: an earlier round is announced unless it
 * was only talked about then ("was also in talks to raise $25M").
 */
function statusFor(l: Located, clause: string): Status {
  const status = statusOf(clause);
  if (status === 'announced' && l.anchor.status) return l.anchor.status;
  if (!l.anchor.background) return status;
  if (status === 'rumored') return 'announced';
  // "secured a loan last year and is now seeking another …": the later clause's talks are not the history's.
  const upTo = l.anchor.money ? clause.indexOf(l.anchor.money.text) + l.anchor.money.text.length : -1;
  return status === 'in_talks' && upTo > 0 && statusOf(clause.slice(0, upTo)) === 'announced' ? 'announced' : status;
}

function draftOf(located: Located[], k: number, sentences: Sentence[], title: string | null): Draft {
  const l = located[k]!;
  const anchorText = sentences[l.sentence]!.text;
  const context = contextOf(located, k, sentences);
  const shared = located.filter((o) => o.sentence === l.sentence).length > 1;
  const evidence: RawDeal['evidence'] = [
    { field: 'company', quote: anchorText },
    { field: 'round', quote: anchorText },
    { field: 'status', quote: anchorText },
  ];
  if (l.anchor.money) evidence.push({ field: 'amount', quote: anchorText });

  const investors: Investor[] = l.anchor.investor ? [l.anchor.investor] : [];
  let valuationText: string | null = null;
  let valuationInAnchor: MoneyMatch | null = null;
  const [segFrom, segTo] = shared ? segmentOf(located, k, anchorText) : [0, anchorText.length];
  for (const i of context) {
    // In "A raised …, while B picked up …" only A's clause, from A's amount on, describes A's round.
    const text = i === l.sentence ? anchorText.slice(0, segTo) : sentences[i]!.text;
    const from = shared && i === l.sentence ? Math.max(segFrom, l.anchor.money?.index ?? 0) : 0;
    const found = investorsIn(text.slice(from), {
      from: i === l.sentence,
      after: i === l.sentence ? (l.anchor.money?.end ?? 0) - from : 0,
    });
    if (found.length) {
      investors.push(...found);
      evidence.push({ field: 'investors', quote: text });
    }
    if (!valuationText) {
      // An earlier round's valuation belongs to that round when the deal itself is history.
      const wanted = (r: string): boolean =>
        r === 'valuation' || (r === 'past_valuation' && l.anchor.background === true && i === l.sentence);
      const v = amountsIn(text).find((m) => wanted(moneyRole(text, m)) && m.index !== l.anchor.money?.index);
      if (v) {
        valuationText = v.text;
        if (i === l.sentence) valuationInAnchor = v;
        evidence.push({ field: 'valuation', quote: text });
      }
    }
  }
  // "a takeover approach valued at €900 million": for a purchase, the value stated is its price.
  let money = l.anchor.money;
  // Not "at a $2.5 billion valuation", which the article gives as a valuation.
  const priced = (v: MoneyMatch): boolean =>
    /\b(?:valued|worth|priced)\s+(?:at\s+)?(?:about|around|roughly|approximately|nearly|some|more than|over|up to|close to)?\s*$/i.test(
      anchorText.slice(Math.max(0, v.index - 40), v.index),
    );
  if (
    !money &&
    valuationInAnchor &&
    priced(valuationInAnchor) &&
    (l.anchor.round === 'acquisition' || l.anchor.round === 'private_equity')
  ) {
    money = valuationInAnchor;
    valuationText = null;
    evidence.push({ field: 'amount', quote: anchorText });
  }
  const sole = located.every((o) => companyKey(o.company) === companyKey(l.company));
  const country = countryFor(l, sentences, context, title, sole);
  if (country) evidence.push({ field: 'country', quote: anchorText });
  return {
    company: l.company,
    round: l.anchor.round === 'series_unknown' ? (leadInRound(located, l, sentences) ?? 'series_unknown') : l.anchor.round,
    status: statusFor(l, anchorText.slice(segFrom, segTo)),
    amountText: money?.text ?? null,
    amountValue: money?.value ?? null,
    amountCurrency: money?.currency ?? null,
    valuationText,
    investors: mergeInvestorMentions(investors, [l.company]),
    country,
    evidence,
    background: l.anchor.background ?? false,
    statedOn: l.anchor.background ? statedDate(anchorText.slice(segFrom, segTo)) : null,
    resolved: l.resolved,
    mentions: 1,
    headingOnly: sentences[l.sentence]!.headline,
    corporate: l.anchor.round === 'acquisition' || l.anchor.round === 'ipo' || l.anchor.round === 'private_equity',
    objectName: l.anchor.isObject,
  };
}

/**
 * "The office awarded grants to three firms. Solvarta received €2 million, …": a deal whose own
 * sentence names no kind takes the kind its paragraph's lead-in sentence (itself no deal) names.
 */
function leadInRound(located: Located[], l: Located, sentences: Sentence[]): Round | null {
  const prev = sentences[l.sentence - 1];
  if (!prev || prev.block !== sentences[l.sentence]!.block || located.some((o) => o.sentence === l.sentence - 1)) return null;
  const round = roundNear(prev.text, prev.text.length);
  return round && !VAGUE_ROUNDS.has(round) && round !== 'acquisition' ? round : null;
}

// A fund's own raise ("India Fund I", "First close") is not a deal in a company.
const FUND_ROW = /\bfund\b|\bfirst close\b|\bfinal close\b/i;

/** A deal table's row as a draft: each cell is its own evidence quote. */
function tableDraft(row: TableRow): Draft | null {
  const company = nameAt(row.company, false);
  if (!company || FUND_ROW.test(row.company) || FUND_ROW.test(row.round ?? '')) return null;
  const money = row.amount ? (amountsIn(row.amount)[0] ?? null) : null;
  const evidence: RawDeal['evidence'] = [
    { field: 'company', quote: row.company },
    { field: 'status', quote: row.company },
  ];
  if (money) evidence.push({ field: 'amount', quote: row.amount! });
  const round = row.round ? roundNear(row.round, 0) : null;
  if (round) evidence.push({ field: 'round', quote: row.round! });
  const investors = (row.investors ?? '')
    .replace(/\([^()]*\)/g, ' ')
    .split(/;|,|\s+and\s+|\s+&\s+/)
    .map((x) => nameAt(x.replace(/^.*-(?:backed|powered|led|owned|based)\s+/i, ''), true, false))
    .filter((x): x is string => x !== null)
    .map((name) => ({ name, lead: false }));
  if (investors.length) evidence.push({ field: 'investors', quote: row.investors! });
  return {
    company,
    round: round ?? 'series_unknown',
    status: 'announced',
    amountText: money?.text ?? null,
    amountValue: money?.value ?? null,
    amountCurrency: money?.currency ?? null,
    valuationText: null,
    investors,
    country: null,
    evidence,
    background: false,
    statedOn: null,
    resolved: false,
    mentions: 1,
    headingOnly: true,
    corporate: false,
    objectName: false,
  };
}

/** A draft as the one same-deal rule (dedupe/match.ts) sees it. */
function factsOfDraft(d: Draft): DealFacts {
  const amount = d.amountValue !== null && d.amountCurrency ? { value: d.amountValue, currency: d.amountCurrency, usd: null } : null;
  return { companyKey: companyKey(d.company), round: d.round, status: d.status, amount, announcedOn: null, investorKeys: [] };
}

function sameDeal(a: Draft, b: Draft): boolean {
  // "is raising more funds … after it raised $100M last year": history is another deal.
  if (a.background !== b.background && (a.amountValue === null || b.amountValue === null)) return false;
  return sameDealRule(factsOfDraft(b), factsOfDraft(a), { sameArticle: true });
}

/** One deal mentioned several times is one deal: fill gaps from later mentions. */
function mergeDrafts(drafts: Draft[]): Draft[] {
  const out: Draft[] = [];
  for (const d of drafts) {
    const same = out.find((o) => sameDeal(o, d));
    if (!same) {
      out.push(d);
      continue;
    }
    if (VAGUE_ROUNDS.has(same.round)) same.round = d.round;
    if (same.amountText === null) {
      same.amountText = d.amountText;
      same.amountValue = d.amountValue;
      same.amountCurrency = d.amountCurrency;
    }
    same.valuationText ??= d.valuationText;
    // Told once as news, it is news.
    same.background &&= d.background;
    same.statedOn ??= d.statedOn;
    same.mentions++;
    same.resolved &&= d.resolved;
    same.headingOnly &&= d.headingOnly;
    same.objectName &&= d.objectName;
    same.country ??= d.country;
    same.investors = mergeInvestorMentions([...same.investors, ...d.investors], [same.company]);
    same.evidence.push(...d.evidence.filter((e) => !same.evidence.some((x) => x.field === e.field && x.quote === e.quote)));
  }
  // A company's home is the same in all its deals (a grant reported after its equity round).
  for (const d of out) d.country ??= out.find((o) => companyKey(o.company) === companyKey(d.company) && o.country)?.country ?? null;
  return out;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const STATED_DATE = new RegExp(
  String.raw`\b(${MONTHS.map((m) => `${m[0]!.toUpperCase()}${m.slice(1, 3)}(?:${m.slice(3)})?`).join('|')})\.?\s+(?:(\d{1,2}),?\s+)?((?:19|20)\d\d)\b`,
);

/** "in August 2025" → 2025-08-01, "on March 3, 2024" → 2024-03-03; a year alone dates nothing. */
export function statedDate(text: string): string | null {
  const m = STATED_DATE.exec(text);
  if (!m) return null;
  const month = MONTHS.findIndex((x) => x.startsWith(m[1]!.toLowerCase().slice(0, 3))) + 1;
  const day = m[2] ? Number(m[2]) : 1;
  if (month < 1 || day > 31) return null;
  return `${m[3]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** What the article as a whole says about a draft's company. */
interface ArticleView {
  text: string;
  title: string | null;
  deals: number;
}

/** The confidence model's view of a draft. */
export function featuresOf(d: Draft, article: ArticleView): DealFeatures {
  const esc = d.company.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const uses = [...article.text.matchAll(new RegExp(`(?<![\\p{L}\\d])${esc}(?![\\p{L}\\d])`, 'gu'))].length;
  return {
    amount: d.amountText ? 1 : 0,
    namedRound: VAGUE_ROUNDS.has(d.round) ? 0 : 1,
    investors: d.investors.length ? 1 : 0,
    country: d.country ? 1 : 0,
    rumored: d.status === 'rumored' ? 1 : 0,
    inTalks: d.status === 'in_talks' ? 1 : 0,
    background: d.background ? 1 : 0,
    resolved: d.resolved ? 1 : 0,
    mentions: (Math.min(3, d.mentions) - 1) / 2,
    headingOnly: d.headingOnly ? 1 : 0,
    oddName: /^\p{Ll}/u.test(d.company) || /^[A-Z]{2,5}$/.test(d.company) ? 1 : 0,
    corporate: d.corporate ? 1 : 0,
    nameSeen: uses >= 2 ? 1 : 0,
    inTitle: article.title?.includes(d.company) ? 1 : 0,
    roundup: article.deals >= 4 ? 1 : 0,
    objectName: d.objectName ? 1 : 0,
    bare: !d.amountText && VAGUE_ROUNDS.has(d.round) ? 1 : 0,
  };
}

/** Deals stated in an article, by rules; `deals: []` when it reports none. */
export function extractOffline(article: ArticleInput): RawExtraction {
  return { deals: extractWithFeatures(article).map((x) => x.deal) };
}

/** The deals with the features their confidence was computed from (for fitting the model). */
export function extractWithFeatures(article: ArticleInput): Array<{ deal: RawDeal; features: DealFeatures }> {
  // The headline is a unit too ("Acme raises $5M seed"): it fills gaps in the body's deal.
  const titleUnit: Sentence[] =
    article.title && article.title.length < 200 && !article.text.includes(article.title)
      ? [{ text: article.title, block: -1, headline: true, topic: null }]
      : [];
  const sentences = [...titleUnit, ...toUnits(article.text)];
  // An article told in one currency lends it to bare figures ("2.5 million each"), as normalisation does.
  const located = locateAnchors(sentences, article.title, articleCurrency(article.text));
  // Full sentences first: a heading's wording only fills gaps in the deal its body describes.
  const drafts = located
    .map((l, k) => ({ l, d: draftOf(located, k, sentences, article.title) }))
    .sort((a, b) => Number(sentences[a.l.sentence]!.headline) - Number(sentences[b.l.sentence]!.headline))
    .map((x) => x.d);
  drafts.push(...tableRows(article.text).flatMap((r) => tableDraft(r) ?? []));
  // Companies the article lists without a home of their own share the one its opening is about.
  const scope = articleScope(sentences.filter((x) => x.headline || x.block <= 1).map((x) => x.text));
  const day = /^\d{4}-\d{2}-\d{2}/.exec(article.publishedAt ?? '')?.[0] ?? null;
  const merged = mergeDrafts(drafts);
  const view: ArticleView = { text: `${article.title ?? ''}\n${article.text}`, title: article.title, deals: merged.length };
  return merged.map((d) => {
    d.country ??= scope;
    const features = featuresOf(d, view);
    return {
      features,
      deal: {
        company: d.company,
        country: d.country,
        round: d.round,
        status: d.status,
        amountText: d.amountText,
        valuationText: d.valuationText,
        investors: d.investors,
        // History keeps its own date, never the article's: "in August 2025" dates it, "last year" does not.
        announcedOn: d.background ? d.statedOn : d.status === 'announced' ? day : null,
        evidence: d.evidence,
        confidence: confidenceFrom(features),
        ...(d.background ? { background: true } : {}),
      },
    };
  });
}

const DEAL_WORDS =
  /\b(?:rais(?:e|es|ed|ing)|secur(?:es|ed|ing)|clos(?:es|ed|ing)|lands?|landed|bag(?:s|ged)|nets|netted|fund(?:ing|ed)|financing|round|invest\w*|backed|acqui\w+|takeover|buy(?:s|ing|out)?|bought|merger|IPO|public offering|listing|grant|award(?:ed)?|loan|facility|bonds?|debentures?|notes?|valuation|valued|stake|tender)\b/i;
// Cheap stand-in for the money grammar: a currency next to a figure, or a figure with a scale.
const AMOUNT =
  /(?:[$€£¥₹₩₪]|\b(?:Rs\.?|[A-Z]{3}))\s?\d|\d\s?(?:million|billion|trillion|bn|mn|crore|lakh|[mMbB]\b)|\d\s(?:euros|dollars|pounds|yen|won|francs|kronor|kroner|rupees|reais|shekels)\b/;
const NO_AMOUNT_NEEDED =
  /\b(?:acqui\w+|takeover|merger|buyout|Series [A-J]|(?:seed|funding|financing) round|led by|undisclosed (?:sum|amount))\b/i;

/**
 * Cheap pre-filter for the LLM engine, tuned for recall: false only when the article has no deal
 * vocabulary, or has neither an amount nor wording that names a deal without one.
 */
export function mayContainDeal(article: ArticleInput): boolean {
  const text = `${article.title ?? ''}\n${article.text}`;
  return DEAL_WORDS.test(text) && (AMOUNT.test(text) || NO_AMOUNT_NEEDED.test(text));
}

export function createOfflineExtractor(): Extractor {
  return {
    engine: 'offline',
    async extract(article) {
      const started = performance.now();
      const raw = extractOffline(article);
      return {
        raw,
        engine: 'offline',
        model: null,
        promptVersion: OFFLINE_PROMPT_VERSION,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        cached: false,
        durationMs: performance.now() - started,
      };
    },
  };
}
