import { type DealCandidate, historyFlag, isHeld, type ReviewFlag, type ReviewKind } from '../deal/review.js';
import { Deal, type Money, type Round, type Status, VAGUE_ROUNDS } from '../deal/schema.js';
import { companyKey } from '../normalise/company.js';
import { type CompanyKeys, type KnownCompany, keysOf, type LinkRef, linkedDomain, resolveCompany } from './company.js';
import {
  type DealFacts,
  type ExistingDeal,
  factsOf,
  type MatchResult,
  matchDeal,
  POSSIBLE_DUPLICATE_SCORE,
  RETOLD,
  RETOLD_EARLIER,
} from './match.js';
import { collapseCandidates } from './merge.js';

/**
 * Deduplication as a pure decision: given one article's candidates and the stored deals the
 * blocking query found for them, say for each candidate whether it creates a deal, links to one,
 * updates one or conflicts with one, and which review items and history entries go with it.
 * Company resolution (dedupe/company.ts) runs first, over the companies blocking found by name
 * skeleton. The deals repository loads the blocking set and applies the plan in one transaction;
 * no policy lives there.
 */

/** A candidate with its company keys (`key` exact, `skeleton` the blocking and lock key). */
export interface KeyedCandidate extends DealCandidate, CompanyKeys {
  /** False when the deal's date is only the article's (see DealFacts.dateStated). */
  dateStated: boolean;
}

/** A stored company blocking found for a candidate (same name skeleton). */
export interface StoredCompany {
  /** 1-based index of the candidate. */
  n: number;
  id: number;
  country: string | null;
  aliases: Array<{ name_key: string; loose_key: string; name?: string }>;
}

/** A stored deal as the blocking query returns it (numbers and 'YYYY-MM-DD' dates). */
export interface StoredDeal {
  /** 1-based index of the candidate whose blocking set this row belongs to. */
  n: number;
  id: number;
  company_id: number;
  round: Round;
  status: Status;
  amount_value: number | null;
  amount_currency: string | null;
  amount_usd: number | null;
  valuation_value: number | null;
  valuation_currency: string | null;
  valuation_usd: number | null;
  country: string | null;
  region: string | null;
  announced_on: string | null;
  confidence: number;
  investor_keys: string[];
  /** An open suspicious/implausible item holds the deal back. */
  held: boolean;
  /** False when no source of the deal stated its date (it is only the reporting articles'). */
  date_stated: boolean;
}

/** A deal or company named by a plan: stored already, or created by an earlier step of the same plan. */
export type DealRef = { stored: number } | { planned: number };
export type CompanyRef = DealRef;

/** A name the company was written as, with its matching keys (company_aliases). */
export interface AliasValues {
  name: string;
  name_key: string;
  loose_key: string;
  skeleton: string;
}

/** Create the company, or use one (adding the name as written as an alias, filling an unknown country). */
export type CompanyWrite =
  | { kind: 'insert'; name: string; country: string | null; region: string | null; domain: string | null; alias: AliasValues }
  | {
      kind: 'existing';
      ref: CompanyRef;
      country: string | null;
      region: string | null;
      domain: string | null;
      alias: AliasValues;
      /** False when the company already has this name as written (nothing to insert). */
      newAlias: boolean;
    };

/** What this article said about the deal, kept on its deal_sources row. */
export interface SourceFigures {
  role: 'report' | 'mention';
  amount_value: number | null;
  amount_currency: string | null;
  amount_usd: number | null;
  valuation_value: number | null;
  valuation_currency: string | null;
  valuation_usd: number | null;
  announced_on: string | null;
  figures_disagree: boolean;
}

/** Same currency: rounding in the text ("$42m" for $42.3m). Across currencies: the rate's date too. */
export const FIGURE_TOLERANCE = 0.02;
export const FIGURE_FX_TOLERANCE = 0.05;

export type SaveAction = 'created' | 'linked' | 'updated' | 'conflict';

export interface PlannedReview extends ReviewFlag {
  payload: Record<string, unknown>;
  /** Pair items (conflict, possible duplicate) name the other deal; this deal's id is appended when written. */
  pairWith?: DealRef;
}

export type DealColumns = ReturnType<typeof dealColumns>;
export type FxColumns = ReturnType<typeof fxColumns>;
export type Change = Partial<DealColumns & FxColumns>;

export type DealWrite =
  | { kind: 'insert'; values: DealColumns & FxColumns & { confidence: number; needs_review: boolean } }
  | { kind: 'update'; id: number; change: Change; history: HistoryEntry; confidence: number }
  | { kind: 'link'; id: number };

export interface HistoryEntry {
  kind: 'status_progression' | 'filled';
  articleId: number;
  before: Record<string, unknown>;
  after: Change;
}

export interface DealStep {
  /** Index into the plan's candidates. */
  candidate: number;
  key: string;
  deal: Deal;
  company: CompanyWrite;
  source: SourceFigures;
  action: SaveAction;
  write: DealWrite;
  reviews: PlannedReview[];
  /** The quote that best shows where the deal came from: the amount sentence, else the company mention. */
  quote: string | null;
}

export interface PlanInput {
  articleId: number;
  candidates: KeyedCandidate[];
  companies: StoredCompany[];
  stored: StoredDeal[];
  /** Largest clean amount_usd of each stored company with any (the history check). */
  largestUsd: ReadonlyMap<number, number>;
  /** The article's outbound links and its publisher's hosts: a link naming a company gives its domain. */
  links?: readonly LinkRef[];
  publisherHosts?: readonly string[];
}

/**
 * Validate the article's candidates, date undated news by the article (keeps it inside the
 * blocking window; a past round told as background keeps only its own date, so it can never
 * become a new deal dated today), collapse in-article duplicates by the same-deal rule and key
 * them by company, sorted by key. Throws on a malformed candidate.
 */
export function prepareCandidates(candidates: readonly DealCandidate[], articleDate: string | null): KeyedCandidate[] {
  const checked = candidates.map((c, index) => {
    const parsed = Deal.safeParse(c.deal);
    if (!parsed.success) {
      throw new Error(
        `saveDeals: candidate ${index} is not a valid Deal: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    if (!companyKey(parsed.data.company.name)) {
      throw new Error(`saveDeals: candidate ${index} company name ${JSON.stringify(parsed.data.company.name)} has no letters or digits`);
    }
    const announcedOn = parsed.data.announcedOn ?? (parsed.data.background ? null : articleDate);
    return { deal: { ...parsed.data, announcedOn }, flags: c.flags };
  });
  // Engines date news by the article when the text gives no date: only a different date, or a quote
  // for it, shows that the text dated the deal.
  const stated = (d: Deal) =>
    d.announcedOn !== null && (d.announcedOn !== articleDate || d.evidence.some((e) => e.field === 'announcedOn'));
  return collapseCandidates(checked)
    .map((c) => ({ ...c, ...keysOf(c.deal.company.name), dateStated: stated(c.deal) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The plan: one step per candidate, in candidate order. Pure. */
export function planDeals(input: PlanInput): DealStep[] {
  // Companies and deals this plan creates, so a later candidate of the same article sees them too.
  const plannedCompanies: Array<KnownCompany<CompanyRef>> = [];
  const planned: Array<{ facts: ExistingDeal; company: CompanyRef; held: boolean; step: number }> = [];
  const steps: DealStep[] = [];
  const linkExclusions = {
    hosts: input.publisherHosts ?? [],
    investorNames: input.candidates.flatMap((c) => c.deal.investors.map((i) => i.name)),
  };
  for (const [n, c] of input.candidates.entries()) {
    const companies = input.companies.filter((k) => k.n === n + 1);
    const facts: DealFacts = { ...factsOf(c.deal), dateStated: c.dateStated };
    const flagsBefore = c.flags;
    // Held and clean deals are kept apart: a held candidate can neither update nor join a clean
    // deal (nor hide it by adding a hold), and a clean report does not join a quarantined deal.
    const heldBefore = isHeld(flagsBefore);
    const optionsOf = (company: CompanyRef, held: boolean) => [
      ...('stored' in company
        ? input.stored
            .filter((b) => b.n === n + 1 && b.company_id === company.stored && b.held === held)
            .map((b) => ({ facts: toExisting(b, c.key), ref: { stored: b.id } as DealRef, row: b }))
        : []),
      ...planned
        .filter((p) => sameRef(p.company, company) && p.held === held)
        .map((p) => ({ facts: { ...p.facts, companyKey: c.key }, ref: { planned: p.step } as DealRef, row: undefined })),
    ];
    const known: Array<KnownCompany<CompanyRef>> = [
      ...companies.map((k) => ({ ref: { stored: k.id } as CompanyRef, country: k.country, aliases: k.aliases })),
      ...plannedCompanies,
    ];
    const resolution = resolveCompany(c.deal.company.name, c.deal.company.country, known, (ref) => {
      const best = bestMatch(facts, optionsOf(ref, heldBefore));
      return best?.match.decision === 'same' || best?.match.decision === 'update';
    });
    const alias: AliasValues = { name: c.deal.company.name.trim(), name_key: c.key, loose_key: c.loose, skeleton: c.skeleton };
    const companyRef: CompanyRef = resolution.kind === 'existing' ? resolution.ref : { planned: steps.length };
    const about = { country: c.deal.company.country, region: c.deal.region, alias };
    const domain = input.links?.length ? linkedDomain(c.deal.company.name, input.links, linkExclusions) : null;
    const company: CompanyWrite =
      resolution.kind === 'existing'
        ? {
            kind: 'existing',
            ref: resolution.ref,
            ...about,
            domain,
            newAlias: !known.find((k) => sameRef(k.ref, resolution.ref))?.aliases.some((a) => a.name === alias.name),
          }
        : { kind: 'insert', name: alias.name, ...about, domain };
    if (resolution.kind === 'new') plannedCompanies.push({ ref: companyRef, country: c.deal.company.country, aliases: [alias] });

    const outlier = 'stored' in companyRef ? historyFlag(c.deal, input.largestUsd.get(companyRef.stored)) : null;
    const flags = outlier ? [...flagsBefore, outlier] : flagsBefore;
    const held = isHeld(flags);
    const best = bestMatch(facts, optionsOf(companyRef, held));
    const reviews: PlannedReview[] = flags.map((f) => ({ ...f, payload: { candidate: c.deal } }));
    if (resolution.kind === 'new' && resolution.reason) {
      const ids = resolution.near.flatMap((r) => ('stored' in r ? [r.stored] : []));
      reviews.push({
        kind: 'possible_duplicate',
        reason: `Company "${alias.name}" may be ${ids.length ? ids.map((id) => `company #${id}`).join(', ') : 'another company of this article'} (${resolution.reason})`,
        payload: { companyIds: ids, company: alias.name },
      });
    }
    const row = best?.row;
    const background = c.deal.background === true;

    let write: DealWrite;
    let action: SaveAction;
    let disagreement: string | null = null;
    if (best && row && (best.match.decision === 'same' || best.match.decision === 'update')) {
      // A past round told as background only adds a source: the deal's own reports define it.
      const change = background
        ? null
        : best.match.decision === 'update'
          ? announcementChange(row, c.deal)
          : gapFillChange(row, c.deal, best.match.reasons.includes(RETOLD_EARLIER));
      if (change && 'amount_usd' in change) Object.assign(change, fxColumns(c.deal));
      write = change
        ? {
            kind: 'update',
            id: row.id,
            change,
            history: historyEntry(row, change, best.match.decision, input.articleId),
            confidence: c.deal.confidence,
          }
        : { kind: 'link', id: row.id };
      action = change ? 'updated' : 'linked';
      // A confirmation supersedes a rumour's figures; any other report must agree with the deal.
      disagreement = best.match.decision === 'same' ? figuresDisagree(row, c.deal) : null;
      if (disagreement)
        reviews.push({
          kind: 'conflict',
          reason: `Figures differ from deal #${row.id}: ${disagreement}`,
          payload: { figures: { deal: rowFigures(row), source: dealFigures(c.deal) } },
        });
    } else {
      action = best?.match.decision === 'conflict' ? 'conflict' : 'created';
      if (best?.match.decision === 'conflict') reviews.push(pairReview('conflict', 'Figures conflict with', best));
      else if (best && best.match.score >= POSSIBLE_DUPLICATE_SCORE)
        reviews.push(pairReview('possible_duplicate', 'Possible duplicate of', best));
      write = {
        kind: 'insert',
        values: { ...dealColumns(c.deal), ...fxColumns(c.deal), confidence: c.deal.confidence, needs_review: reviews.length > 0 },
      };
      planned.push({ facts: { ...factsOf(c.deal), id: 0 }, company: companyRef, held, step: steps.length });
    }
    steps.push({
      candidate: n,
      key: c.key,
      deal: c.deal,
      company,
      source: {
        role: background || best?.match.reasons.includes(RETOLD) ? 'mention' : 'report',
        ...dealFigures(c.deal),
        // The date this article stated: none when it only dated the deal by its own date.
        announced_on: c.dateStated ? c.deal.announcedOn : null,
        figures_disagree: disagreement !== null,
      },
      action,
      write,
      reviews: uniqueReviews(reviews),
      quote: sourceQuote(c.deal),
    });
  }
  return steps;
}

const sameRef = (a: DealRef, b: DealRef): boolean =>
  'stored' in a ? 'stored' in b && a.stored === b.stored : 'planned' in b && a.planned === b.planned;

function dealFigures(deal: Deal) {
  const c = dealColumns(deal);
  return {
    amount_value: c.amount_value,
    amount_currency: c.amount_currency,
    amount_usd: c.amount_usd,
    valuation_value: c.valuation_value,
    valuation_currency: c.valuation_currency,
    valuation_usd: c.valuation_usd,
    announced_on: c.announced_on,
  };
}

function rowFigures(row: StoredDeal) {
  const { amount_value, amount_currency, amount_usd, valuation_value, valuation_currency, valuation_usd, announced_on } = row;
  return { amount_value, amount_currency, amount_usd, valuation_value, valuation_currency, valuation_usd, announced_on };
}

/** "amount 45000000 USD here, 42000000 USD on the deal" when a figure differs beyond rounding, else null. */
export function figuresDisagree(row: StoredDeal, deal: Deal): string | null {
  const out: string[] = [];
  const check = (field: string, stored: Money | null, stated: Money | null) => {
    if (!stored || !stated) return;
    let [x, y, tolerance] = [stored.value, stated.value, FIGURE_TOLERANCE];
    if (stored.currency !== stated.currency) {
      if (stored.usd === null || stated.usd === null) return;
      [x, y, tolerance] = [stored.usd, stated.usd, FIGURE_FX_TOLERANCE];
    }
    const max = Math.max(x, y);
    if (max > 0 && Math.abs(x - y) / max > tolerance) {
      out.push(`${field} ${stated.value} ${stated.currency} here, ${stored.value} ${stored.currency} on the deal`);
    }
  };
  check('amount', rowMoney(row.amount_value, row.amount_currency, row.amount_usd), deal.amount);
  check('valuation', rowMoney(row.valuation_value, row.valuation_currency, row.valuation_usd), deal.valuation);
  return out.length ? out.join('; ') : null;
}

function rowMoney(value: number | null, currency: string | null, usd: number | null): Money | null {
  return value !== null && currency !== null ? { value, currency, usd } : null;
}

function toExisting(b: StoredDeal, key: string): ExistingDeal {
  return {
    id: b.id,
    companyKey: key,
    round: b.round,
    status: b.status,
    amount: rowMoney(b.amount_value, b.amount_currency, b.amount_usd),
    announcedOn: b.announced_on,
    investorKeys: b.investor_keys,
    country: b.country,
    dateStated: b.date_stated,
  };
}

interface Best {
  ref: DealRef;
  match: MatchResult;
  row: StoredDeal | undefined;
}

const DECISION_PRIORITY: Record<MatchResult['decision'], number> = { same: 2, update: 2, conflict: 1, different: 0 };

/** A matching deal beats a conflicting one, which beats a near miss; ties go to the higher score. */
function bestMatch(
  facts: DealFacts,
  options: ReadonlyArray<{ facts: ExistingDeal; ref: DealRef; row: StoredDeal | undefined }>,
): Best | undefined {
  let best: Best | undefined;
  for (const o of options) {
    const match = matchDeal(facts, o.facts);
    if (match.score === 0) continue;
    const p = DECISION_PRIORITY[match.decision];
    const bp = best ? DECISION_PRIORITY[best.match.decision] : -1;
    if (!best || p > bp || (p === bp && match.score > best.match.score)) best = { ref: o.ref, match, row: o.row };
  }
  return best;
}

function pairReview(kind: ReviewKind, what: string, best: Best): PlannedReview {
  const reason = 'stored' in best.ref ? `${what} deal #${best.ref.stored}` : `${what} another deal of this article`;
  return { kind, reason, pairWith: best.ref, payload: { score: best.match.score, reasons: best.match.reasons } };
}

function uniqueReviews(items: PlannedReview[]): PlannedReview[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const k = `${i.kind}\u0000${i.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The rate behind amount_usd, recorded so every USD figure can be audited. */
export function fxColumns(deal: Deal) {
  // Normalisation converted the amount once and recorded the rate it used (the article's own
  // conversion, an ECB rate or the bundled table); storage keeps that record, it never re-converts.
  const fx = deal.amount?.usd !== null ? deal.amount?.fx : undefined;
  if (!fx) return { fx_rate: null, fx_date: null, fx_source: null };
  // Monthly rates are dated YYYY-MM; the column is a date, so they are stored as the 1st.
  return { fx_rate: fx.rate, fx_date: fx.date && fx.date.length === 7 ? `${fx.date}-01` : fx.date, fx_source: fx.source };
}

export function dealColumns(deal: Deal) {
  return {
    round: deal.round as string,
    status: deal.status as string,
    amount_value: deal.amount?.value ?? null,
    amount_currency: deal.amount?.currency ?? null,
    amount_usd: deal.amount?.usd ?? null,
    valuation_value: deal.valuation?.value ?? null,
    valuation_currency: deal.valuation?.currency ?? null,
    valuation_usd: deal.valuation?.usd ?? null,
    country: deal.company.country,
    region: deal.region as string | null,
    announced_on: deal.announcedOn,
  };
}

/** Keep only the columns whose value actually changes; null when nothing does. */
function diff(row: StoredDeal, after: Change): Change | null {
  const keys = (Object.keys(after) as Array<keyof DealColumns>).filter((k) => after[k] !== row[k]);
  return keys.length ? Object.fromEntries(keys.map((k) => [k, after[k]])) : null;
}

/** Rumour/in-talks → announced: the announcement's figures replace the row's (never the reverse). */
function announcementChange(row: StoredDeal, deal: Deal): Change | null {
  const next = dealColumns(deal);
  return diff(row, {
    status: deal.status,
    round: VAGUE_ROUNDS.has(deal.round) && !VAGUE_ROUNDS.has(row.round) ? row.round : deal.round,
    announced_on: next.announced_on ?? row.announced_on,
    country: next.country ?? row.country,
    region: next.region ?? row.region,
    ...(deal.amount ? { amount_value: next.amount_value, amount_currency: next.amount_currency, amount_usd: next.amount_usd } : {}),
    ...(deal.valuation
      ? { valuation_value: next.valuation_value, valuation_currency: next.valuation_currency, valuation_usd: next.valuation_usd }
      : {}),
  });
}

/**
 * Another report of the same deal: only fill what the stored row does not know yet (a date only
 * its articles gave, `redate`, counts as unknown once a report states the round's own date).
 */
function gapFillChange(row: StoredDeal, deal: Deal, redate: boolean): Change | null {
  const next = dealColumns(deal);
  const after: Change = {};
  if (row.amount_value === null && deal.amount)
    Object.assign(after, { amount_value: next.amount_value, amount_currency: next.amount_currency, amount_usd: next.amount_usd });
  else if (row.amount_usd === null && deal.amount?.usd != null && deal.amount.currency === row.amount_currency)
    after.amount_usd = next.amount_usd;
  if (row.valuation_value === null && deal.valuation)
    Object.assign(after, {
      valuation_value: next.valuation_value,
      valuation_currency: next.valuation_currency,
      valuation_usd: next.valuation_usd,
    });
  if (VAGUE_ROUNDS.has(row.round) && !VAGUE_ROUNDS.has(deal.round)) after.round = deal.round;
  if (row.country === null && next.country) after.country = next.country;
  if (row.region === null && next.region) after.region = next.region;
  if ((row.announced_on === null || redate) && next.announced_on) after.announced_on = next.announced_on;
  return diff(row, after);
}

function historyEntry(row: StoredDeal, change: Change, decision: 'same' | 'update', articleId: number): HistoryEntry {
  const before = Object.fromEntries(Object.keys(change).map((k) => [k, row[k as keyof DealColumns]]));
  return { kind: decision === 'update' ? 'status_progression' : 'filled', articleId, before, after: change };
}

function sourceQuote(deal: Deal): string | null {
  const ev = deal.evidence.find((e) => e.field === 'amount') ?? deal.evidence.find((e) => e.field === 'company') ?? deal.evidence[0];
  return ev?.quote ?? null;
}
