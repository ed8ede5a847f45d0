/**
 * The deterministic offline extraction engine: sentence-level rules over the parsed text that
 * return the same RawDeal shape as the LLM engine (figures as written, quotes as evidence).
 */
import { performance } from 'node:perf_hooks';
import { type RawDeal, type RawExtraction, type Round, type Status, VAGUE_ROUNDS } from '../../deal/schema.js';
import { companyKey } from '../../normalise/company.js';
import { articleCurrency } from '../../normalise/index.js';
import type { ArticleInput, Extractor } from '../types.js';
import type { MoneyMatch } from '../../normalise/money.js';
import { findAnchors, openingSubject, titleSubject, type Anchor } from './anchors.js';
import { confidenceFrom, type DealFeatures } from './confidence.js';
import { backedLede, investorsIn, mergeInvestorMentions, type Investor } from './investors.js';
import { amountsIn, COMPANY_HEAD, moneyRole, roundNear, statusOf } from './lexicon.js';
import { isPersonIn, leadingName } from './names.js';
import { articleScope } from './home.js';
import { leavesDeal, otherCompanysRound, otherRaiseAt, possessiveBackers } from './attribution.js';
import { isPlaceName } from './places.js';
import { countryFor } from './country.js';
import { type Draft, mergeDrafts, tableDraft } from './drafts.js';
import { markEarlierStages } from './history.js';
import { coreOf, countOf, longerForm, usualForm } from './name-forms.js';
import { clauseEnd, whenStated } from './when.js';
import { tableRows, toUnits, type Unit } from './structure.js';

type Sentence = Unit;

export const OFFLINE_PROMPT_VERSION = 'offline-v1';

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
    const prev = prevText ? (backedLede(prevText)?.company ?? openingSubject(prevText) ?? introducedName(prevText)) : null;
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

const EARLIER_ROUND =
  /\b(?:that|those|(?:its|the|their) (?:previous|prior|earlier|last|first|seed-stage|past)) (?:[\w-]+ )?(?:round|raise|funding|financing|investment)s?\b/i;

/** How far a sentence that names "the round" may still be from a sole deal's own sentence. */
const REFERENCE_SENTENCES = 12;
// "Corvane Capital led the round": a later paragraph naming the deal back, not an earlier round.
const ROUND_REFERENCE = /\b(?:the|this)\s+(?:[\w-]+\s+)?(?:round|funding|raise|fundraise|financing|investment)\b/i;
const EARLIER = /\b(?:previous|previously|prior|earlier|first|last|past|former|(?:19|20)\d\d)\b/i;

function contextOf(located: Located[], k: number, sentences: Sentence[], allText: string): number[] {
  const l = located[k]!;
  const key = companyKey(l.company);
  const out = [l.sentence];
  // In an article about one deal, a sentence well after it that names "the round" still describes it.
  // A same-company history sentence ("It raised $2M in 2023") interrupts the story without ending it.
  const history = (o: Located): boolean => o.anchor.background === true && l.anchor.background !== true && companyKey(o.company) === key;
  const sameDeal = (o: Located): boolean => companyKey(o.company) === key && o.anchor.round === l.anchor.round && !otherAmount(o, l);
  const sole = located.length > 0 && located.every((o) => sameDeal(o) || history(o));
  let afterHistory = false;
  const namesRound = (text: string): boolean => ROUND_REFERENCE.test(text) && !EARLIER.test(text);
  for (let i = l.sentence + 1; i < sentences.length && i - l.sentence <= REFERENCE_SENTENCES; i++) {
    if (leavesDeal(sentences, sentences[l.sentence]!.block, i, key, allText)) break;
    // A sub-heading ("Funding details") ends a roundup's item, not a one-deal article's story.
    if (sentences[i]!.headline) {
      if (sole && !located.some((o) => o.sentence === i)) continue;
      break;
    }
    const others = located.filter((o) => o.sentence === i);
    if (others.length && others.every(history)) {
      afterHistory = true;
      continue;
    }
    // "The first close of €45m, led by …" after an extension's sentence: another round's details.
    if (others.some((o) => !sameDeal(o))) break;
    if (out.length <= CONTEXT_SENTENCES && !afterHistory) out.push(i);
    else if (!sole && !afterHistory) break;
    else if (namesRound(sentences[i]!.text)) out.push(i);
    else if (!sole && out.length > CONTEXT_SENTENCES) break;
  }
  return out;
}

/** Two amounts in one currency that differ beyond rounding are two rounds. */
function otherAmount(a: Located, b: Located): boolean {
  const [x, y] = [a.anchor.money, b.anchor.money];
  return !!x?.text && !!y?.text && x.currency === y.currency && Math.abs(x.value - y.value) > 0.15 * Math.max(x.value, y.value);
}

/**
 * The words that may date anchor `k`: its segment, from the amount before it (a date belongs to the
 * amount it follows: "extends the $40m Series B it announced in March with $10m") to the end of its
 * clause ("… in seed funding and plans to open an office in May").
 */
function timeScope(located: Located[], k: number, text: string, segFrom: number): [string, number] {
  const l = located[k]!;
  // Without a figure, the round's words start where its construction does ("… which closed its Series A in May").
  const at = l.anchor.money?.text ? l.anchor.money.index : Math.max(l.anchor.companyAt, l.anchor.describedUntil);
  // Every amount bounds it ("raised $12M, up from $6M in 2024"), but not a conversion in brackets.
  const amounts = amountsIn(text).filter((m) => m.index !== at && moneyRole(text, m) !== 'conversion');
  const from = amounts.some((m) => m.index < at) ? at : Math.min(segFrom, at);
  const next = Math.min(text.length, ...amounts.filter((m) => m.index > at).map((m) => m.index));
  const end = clauseEnd(text, l.anchor.money?.text ? l.anchor.money.end : at, next);
  return [text.slice(from, end), at - from];
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
function statusFor(l: Located, background: boolean, clause: string): Status {
  const status = statusOf(clause);
  if (status === 'announced' && l.anchor.status) return l.anchor.status;
  if (!background) return status;
  if (status === 'rumored') return 'announced';
  // "secured a loan last year and is now seeking another …": the later clause's talks are not the history's.
  const upTo = l.anchor.money ? clause.indexOf(l.anchor.money.text) + l.anchor.money.text.length : -1;
  return status === 'in_talks' && upTo > 0 && statusOf(clause.slice(0, upTo)) === 'announced' ? 'announced' : status;
}

function draftOf(located: Located[], k: number, sentences: Sentence[], title: string | null, day: string | null): Draft {
  const l = located[k]!;
  const anchorText = sentences[l.sentence]!.text;
  const allText = sentences.map((x) => x.text).join('\n');
  const context = contextOf(located, k, sentences, allText);
  const shared = located.filter((o) => o.sentence === l.sentence).length > 1;
  const evidence: RawDeal['evidence'] = [
    { field: 'company', quote: anchorText },
    { field: 'round', quote: anchorText },
    { field: 'status', quote: anchorText },
  ];
  if (l.anchor.money) evidence.push({ field: 'amount', quote: anchorText });

  const investors: Investor[] = l.anchor.investor ? [l.anchor.investor] : [];
  // "A has backed Osterly. The startup raised …": the lede just before names the backers.
  const ledes = shared ? [] : [...new Set([l.sentence - 1, sentences[0]?.block === -1 ? 0 : -1])].filter((i) => i >= 0 && i !== l.sentence);
  for (const i of ledes) {
    const lede = backedLede(sentences[i]!.text);
    if (lede && companyKey(lede.company) === companyKey(l.company)) {
      investors.push(...lede.investors);
      evidence.push({ field: 'investors', quote: sentences[i]!.text });
    }
  }
  let valuationText: string | null = null;
  let valuationInAnchor: MoneyMatch | null = null;
  const [segFrom, segTo] = shared
    ? segmentOf(located, k, anchorText)
    : [0, otherRaiseAt(anchorText, l.anchor.money?.end ?? l.anchor.companyAt, l.company)];
  // "X led Acme's round" names its company outright, wherever in the deal's scope it stands.
  const possessive = (text: string): void => {
    const named = possessiveBackers(text, l.company);
    if (!named.length) return;
    investors.push(...named);
    evidence.push({ field: 'investors', quote: text });
  };
  possessive(anchorText);
  const [scope, at] = timeScope(located, k, anchorText, segFrom);
  const when = whenStated(scope, day, at);
  // A raise named without a figure or round ("was in talks to raise the money") is too vague to be
  // told apart from the news by a time phrase of its sentence ("reported last month").
  const vague = !l.anchor.money?.text && VAGUE_ROUNDS.has(l.anchor.round);
  const background = l.anchor.background === true || (when.past && !vague);
  for (const i of context) {
    // In "A raised …, while B picked up …" only A's clause, from A's amount on, describes A's round.
    const text = i === l.sentence ? anchorText.slice(0, segTo) : sentences[i]!.text;
    const from = shared && i === l.sentence ? Math.max(segFrom, l.anchor.money?.index ?? 0) : 0;
    // "It has raised $45M to date from A and B": a later sentence's running total names the cap table.
    const total = i === l.sentence ? undefined : amountsIn(text).find((m) => moneyRole(text, m) === 'total');
    // "That round was led by …": a later sentence about an earlier round.
    // Not "A, which led its previous round, also joined": the relative clause only describes A.
    const earlier = i !== l.sentence && !background && EARLIER_ROUND.test(text.replace(/,\s+(?:which|who)\b[^,]*,/g, ','));
    if (i !== l.sentence) possessive(text);
    const found =
      earlier || (i !== l.sentence && otherCompanysRound(text, l.company, allText))
        ? []
        : investorsIn(text.slice(from, total?.index), {
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
  const country = countryFor(
    l,
    sentences.map((x) => x.text),
    context,
    title,
    sole,
  );
  if (country) evidence.push({ field: 'country', quote: anchorText });
  return {
    company: l.company,
    round: l.anchor.round === 'series_unknown' ? (leadInRound(located, l, sentences) ?? 'series_unknown') : l.anchor.round,
    status: statusFor(l, background, anchorText.slice(segFrom, segTo)),
    amountText: money?.text ?? null,
    amountValue: money?.value ?? null,
    amountCurrency: money?.currency ?? null,
    valuationText,
    investors: mergeInvestorMentions(investors, [l.company]),
    country,
    evidence,
    background,
    // A weekday dates history ("after a round for Acme on Monday"), not news ("said on Monday").
    statedOn: when.on ?? (background ? when.weekday : null),
    statedDay: when.on ? when.precise : when.weekday !== null,
    sentence: l.sentence,
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

/** A past round's own date, never the article's (storage would take that for an undated report). */
const historyDate = (on: string | null, day: string | null): string | null => (on && (!day || on < day) ? on : null);

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
      ? [{ text: article.title, block: -1, headline: true, topic: null, item: false }]
      : [];
  const sentences = [...titleUnit, ...toUnits(article.text)];
  // An article told in one currency lends it to bare figures ("2.5 million each"), as normalisation does.
  const located = locateAnchors(sentences, article.title, articleCurrency(article.text));
  const day = /^\d{4}-\d{2}-\d{2}/.exec(article.publishedAt ?? '')?.[0] ?? null;
  // Full sentences first: a heading's wording only fills gaps in the deal its body describes.
  const drafts = located
    .map((l, k) => ({ l, d: draftOf(located, k, sentences, article.title, day) }))
    .sort((a, b) => Number(sentences[a.l.sentence]!.headline) - Number(sentences[b.l.sentence]!.headline))
    .map((x) => x.d);
  drafts.push(...tableRows(article.text).flatMap((r) => tableDraft(r) ?? []));
  // Companies the article lists without a home of their own share the one its opening is about.
  const scope = articleScope(sentences.filter((x) => x.headline || x.block <= 1).map((x) => x.text));
  markEarlierStages(drafts, (d) => companyKey(d.company));
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
        announcedOn: d.background
          ? historyDate(d.statedOn, day)
          : d.status === 'announced'
            ? ((d.statedDay ? d.statedOn : null) ?? day)
            : null,
        evidence: d.evidence,
        confidence: confidenceFrom(features),
        ...(d.background ? { background: true } : {}),
      },
    };
  });
}

export { mayContainDeal } from './prefilter.js';

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
