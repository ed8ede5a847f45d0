import { checkEvidence } from './evidence.js';
import { DEAL_FIELDS, Deal, Round, Status, type Money, type RawDeal } from '../deal/schema.js';
import type { DealCandidate, ReviewFlag } from '../deal/review.js';
import { cleanCompanyName, uniqueInvestors } from './company.js';
import { regionOf, toCountryCode } from './country.js';
import { convertInArticle } from './article-fx.js';
import { parseAllMoney, parseMoney, type ParsedMoney } from './money.js';
import { normaliseRound } from './round.js';

export { parseAllMoney, parseMoney, type MoneyMatch, type ParsedMoney } from './money.js';
export { toUsd, type UsdConversion } from './fx.js';
export { convertInArticle, statedRates, statedUsdAfter } from './article-fx.js';
export { regionOf, toCountryCode } from './country.js';
export { cleanCompanyName, companyKey, investorKey } from './company.js';
export { normaliseRound } from './round.js';

export interface NormaliseContext {
  /** The article text the deal was extracted from (for the evidence guard). */
  text: string;
  /** Article publication date or timestamp; the fallback deal date and FX date. */
  publishedAt: string | null;
  /** Deals below this confidence go to review (default 0.6). */
  reviewThreshold?: number;
}

export const DEFAULT_REVIEW_THRESHOLD = 0.6;
const UNKNOWN_COMPANY = '(unknown)';

/** YYYY-MM-DD for a real calendar date or ISO timestamp, else null. */
export function toIsoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const day = value.trim().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day ? day : null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/**
 * Turns an engine's RawDeal (figures as written) into a validated Deal plus review flags.
 * Never throws: anything odd is dropped or defaulted and reported as a flag.
 */
export function normaliseDeal(input: RawDeal, ctx: NormaliseContext): DealCandidate {
  // Engines can hand over anything; every field below is read defensively.
  const raw = (input !== null && typeof input === 'object' ? input : {}) as RawDeal;
  const flags: ReviewFlag[] = [];
  const flag = (kind: ReviewFlag['kind'], reason: string) => flags.push({ kind, reason });

  const rawCompany = text(raw.company);
  let name = rawCompany ? cleanCompanyName(rawCompany) : '';
  if (!name) {
    name = UNKNOWN_COMPANY;
    flag('extraction_error', 'company name is empty');
  }

  const rawCountry = text(raw.country);
  const country = toCountryCode(rawCountry);
  if (rawCountry && !country) flag('extraction_error', `country not recognised: "${rawCountry}"`);

  const round = readRound(raw.round, flag);
  const statusParsed = Status.safeParse(raw.status);
  if (!statusParsed.success) flag('extraction_error', `unknown status "${String(raw.status)}", assumed announced`);

  const rawDate = text(raw.announcedOn);
  const announcedOn = toIsoDate(rawDate);
  if (rawDate && !announcedOn) flag('extraction_error', `unreadable announcedOn "${rawDate}" dropped`);
  // A deal told as history is not dated by the article that mentions it; its money still
  // converts at the article's date when the text gives none.
  const dealDate = announcedOn ?? (raw.background === true ? null : toIsoDate(ctx.publishedAt));
  const fxDate = dealDate ?? toIsoDate(ctx.publishedAt);

  const amount = readMoney('amount', raw.amountText, ctx.text, fxDate, flag);
  const valuation = readMoney('valuation', raw.valuationText, ctx.text, fxDate, flag);

  const evidence: Deal['evidence'] = [];
  for (const e of Array.isArray(raw.evidence) ? raw.evidence : []) {
    const quote = text(e?.quote);
    if (quote && (DEAL_FIELDS as readonly string[]).includes(e.field)) evidence.push({ field: e.field, quote });
  }

  let confidence = Number(raw.confidence);
  if (!Number.isFinite(confidence)) {
    flag('extraction_error', 'confidence is not a number');
    confidence = 0;
  }
  confidence = Math.min(1, Math.max(0, confidence));
  const threshold = ctx.reviewThreshold ?? DEFAULT_REVIEW_THRESHOLD;
  if (confidence < threshold) flag('low_confidence', `confidence ${confidence} below ${threshold}`);

  flags.push(...checkEvidence(raw, ctx.text));

  const deal: Deal = {
    company: { name, country },
    round,
    status: statusParsed.success ? statusParsed.data : 'announced',
    amount,
    valuation,
    investors: readInvestors(raw.investors),
    region: regionOf(country),
    announcedOn: dealDate,
    evidence,
    confidence,
    ...(raw.background === true ? { background: true } : {}),
  };
  const checked = Deal.safeParse(deal);
  if (!checked.success) flag('extraction_error', `deal failed validation: ${checked.error.message}`);
  return { deal: checked.success ? checked.data : deal, flags };
}

type Flagger = (kind: ReviewFlag['kind'], reason: string) => void;

function readRound(value: unknown, flag: Flagger): Round {
  const parsed = Round.safeParse(value);
  if (parsed.success) return parsed.data;
  const repaired = typeof value === 'string' ? normaliseRound(value) : null;
  if (repaired) return repaired;
  flag('extraction_error', `unknown round "${String(value)}", stored as undisclosed`);
  return 'undisclosed';
}

function readMoney(label: string, value: unknown, article: string, date: string | null, flag: Flagger): Money | null {
  const written = text(value);
  if (!written) return null;
  const parsed = parseWritten(written, article);
  if (!parsed) {
    flag('extraction_error', `${label} "${written}" is not a single amount with a currency`);
    return null;
  }
  const fx = convertInArticle(parsed.value, parsed.currency, date, { article, written });
  return {
    value: parsed.value,
    currency: parsed.currency,
    usd: fx?.usd ?? null,
    ...(fx ? { fx: { rate: fx.rate, date: fx.rateDate || null, source: fx.source } } : {}),
  };
}

/** Characters around a currency-less figure searched for its currency ("US$ 25 million", "25 million Swiss francs"). */
const CURRENCY_CONTEXT = 20;

/**
 * The amount in `written`; when it lacks a currency ("25 million"), the amount at the same
 * place in the article, where the currency usually is; else the article's own currency when all
 * its other amounts agree on one ("receive 2.5 million each" in a story told in euros).
 * Ranges stay unparsed.
 */
function parseWritten(written: string, article: string): ParsedMoney | null {
  if (parseAllMoney(written).length > 0) return parseMoney(written);
  const at = article.toLowerCase().indexOf(written.toLowerCase());
  if (at < 0) return null;
  const from = Math.max(0, at - CURRENCY_CONTEXT);
  const window = article.slice(from, at + written.length + CURRENCY_CONTEXT);
  const start = at - from;
  const hit = parseAllMoney(window).find((m) => m.index <= start && m.end >= start + written.length);
  if (hit) return hit.range ? null : { value: hit.value, currency: hit.currency, text: hit.text };
  // Only a bare figure ("2.5 million") takes the article's currency, not prose with a number in it.
  const currency = articleCurrency(article);
  const bare = currency ? parseAllMoney(written, { defaultCurrency: currency }) : [];
  const only = bare.length === 1 && !bare[0]!.range && bare[0]!.index === 0 && bare[0]!.end === written.length ? bare[0]! : null;
  return only ? { value: only.value, currency: only.currency, text: only.text } : null;
}

/** The one currency every amount in the article is stated in, or null when there are several or none. */
export function articleCurrency(article: string): string | null {
  const currencies = new Set(parseAllMoney(article).map((m) => m.currency));
  return currencies.size === 1 ? [...currencies][0]! : null;
}

/** Cleaned, de-duplicated by key (first spelling kept); a name led anywhere is a lead. */
function readInvestors(value: unknown): Deal['investors'] {
  const list = Array.isArray(value) ? value : [];
  return uniqueInvestors(list.map((inv) => ({ name: cleanCompanyName(text(inv?.name) ?? ''), lead: inv?.lead === true })));
}
