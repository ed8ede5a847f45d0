/**
 * Corporate deal constructions: acquisitions (active, passive, "sold to", a target described by
 * the buyer's relative clause), SPAC mergers, tender offers, listings, take-privates and bids.
 */
import type { MoneyMatch } from '../../normalise/money.js';
import type { Anchor } from './deal-anchor.js';
import { isDealRole, moneyRole } from './lexicon.js';
import { trailingName } from './names.js';
import { objectName, subjectBefore } from './subjects.js';

const ACQUIRE_ACTIVE =
  /\b(?:snapped up|snaps up|scooped up|scoops up|gobbled up|swallowed|takes over|took over|take over|acquire|acquires|acquired|acquiring|buy|buys|bought|buying|purchase|purchases|purchased|purchasing|takeover of|acquisition of|purchase of|merger with)\s+/g;
const ACQUIRE_PASSIVE =
  /\b(?:(?:has been|have been|was|were|agreed to be|agrees to be|is to be|will be|to be|is being|is set to be)\s+(?:acquired|bought|purchased|taken over)\s+by|(?:agreed to |agrees to |will |to )?(?:sell|sells|sold|selling)\s+itself\s+to|(?:has been|was|is being|will be|agreed to be)\s+sold\s+to)\b/g;
const SOLD_TO = /\b(?:(?:has|have|had)\s+)?sold\s+to(?=\s+(?:the\s+)?(?:[\p{Ll}-]+\s+){0,3}?\p{Lu})/gu;
const FOR_MONEY =
  /\b(?:for|in a|in an|shelling out|paying|paid|(?:deal|transaction|takeover|acquisition)\s+(?:worth|valued\s+at))\s+(?:about|around|roughly|approximately|nearly|some|more than|over|close to|up to|an estimated|a reported)?\s*$/i;

export function acquisitionAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
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

// "Sandbar Acquisition Corp, a blank-check company, agreed to merge with truck maker Haulix": the
// SPAC's target goes public.
const MERGE_WITH = /\b(?:merge|merges|merged|merging|combine|combines|combined|combining|combination|merger)\s+with\s+/g;
const SPAC_CUE = /\b(?:blank[- ]check|SPAC|special[- ]purpose acquisition)\b/i;

export function spacAnchors(sentence: string): Anchor[] {
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

// "Telvio launched a tender offer for employee shares at an $8 billion valuation": a secondary.
const TENDER =
  /\b(?:launch|launched|launches|launching|offer|offered|offers|offering|conduct|conducted|conducts|complete|completed|completes|announce|announced|announces|plans?|planning|open|opened|opens|run|ran|runs|organi[sz]ed|kicked off|allow|allowed|allows)\b[^.;]{0,80}?\b(?:tender offer|secondary (?:share )?sale|employee share sale)\b/g;

export function tenderAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
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

export function corporateAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
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

export function gappedTargets(sentence: string, money: MoneyMatch[]): Anchor[] {
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
