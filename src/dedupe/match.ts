import { type Deal, type Money, type Round, STATUS_RANK, type Status, VAGUE_ROUNDS } from '../deal/schema.js';
import { companyKey, investorKey } from '../normalise/company.js';

/**
 * What the same-deal rule compares: a stored deal, a normalised candidate, or an engine's answer
 * inside one article. Every place that asks "is this the same deal?" builds these and calls
 * `matchDeal`, so storage, the in-article collapse, the LLM chunk merge and the offline engine
 * agree on one rule.
 */
export interface DealFacts {
  companyKey: string;
  round: Round;
  status: Status;
  /** `usd` null when unknown (then amounts compare only in a shared currency). */
  amount: Pick<Money, 'value' | 'currency' | 'usd'> | null;
  /** YYYY-MM-DD or null. */
  announcedOn: string | null;
  investorKeys: string[];
  /** ISO country of the company as this report states it; two known countries that differ are two deals. */
  country?: string | null;
  /**
   * False when `announcedOn` is only the reporting article's date (the text dated nothing): such a
   * report of a round already stored earlier, same round and figures, is that round told again.
   */
  dateStated?: boolean;
}

/** The stored deal a candidate is compared with (loaded by the blocking query). */
export interface ExistingDeal extends DealFacts {
  id: number;
}

export interface MatchOptions {
  /**
   * Both reports come from one article: the article is about one deal per company and round, so
   * a compatible round with figures that do not disagree is enough (no date or investor support needed).
   */
  sameArticle?: boolean;
}

export type MatchDecision = 'same' | 'update' | 'conflict' | 'different';
export interface MatchResult {
  decision: MatchDecision;
  score: number;
  reasons: string[];
}

/** The reason naming a match of an undated report with an earlier stored round (the source is a mention). */
export const RETOLD = 'undated report of an earlier stored round';

/** The reason naming a match with a stored deal dated only by its article, by an earlier dated report (the deal's date is corrected). */
export const RETOLD_EARLIER = 'earlier dated report of a round stored undated';

/**
 * Whether `later`, whose date is only its article's, can be `earlier` told again: the same named
 * round (or a vague one; the amounts are checked by the caller), not more advanced, dated after it.
 */
function toldAgain(later: DealFacts, earlier: DealFacts): boolean {
  return (
    later.dateStated === false &&
    roundsCompatible(later.round, earlier.round) &&
    !(VAGUE_ROUNDS.has(later.round) && VAGUE_ROUNDS.has(earlier.round)) &&
    STATUS_RANK[later.status] <= STATUS_RANK[earlier.status] &&
    (earlier.announcedOn ?? '') <= (later.announcedOn ?? '')
  );
}

/** Two reports of one round announced this far apart are still the same deal. */
export const SAME_STATUS_WINDOW_DAYS = 60;
/** A rumour / in-talks report may be confirmed by an announcement this long afterwards. */
export const PROGRESSION_WINDOW_DAYS = 240;
/** Relative amount difference still treated as the same figure (rounding, FX date). */
export const AMOUNT_TOLERANCE = 0.15;
/** Wider tolerance when an announcement confirms a rumour (rumoured amounts are often rounded or stale). */
export const PROGRESSION_AMOUNT_TOLERANCE = 0.5;
/** Minimum score for 'same' / 'update'. */
export const SAME_SCORE = 0.6;
/** A 'different' result scoring at least this is a near match worth a possible_duplicate review. */
export const POSSIBLE_DUPLICATE_SCORE = 0.45;

const DAY_MS = 86_400_000;

function days(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** Within the window? `null` when a date is missing (cannot tell, so no veto). */
function inWindow(candidate: DealFacts, existing: DealFacts): { ok: boolean | null; gap: number | null } {
  if (!candidate.announcedOn || !existing.announcedOn) return { ok: null, gap: null };
  const c = { date: candidate.announcedOn, rank: STATUS_RANK[candidate.status] };
  const e = { date: existing.announcedOn, rank: STATUS_RANK[existing.status] };
  if (c.rank === e.rank) {
    const gap = Math.abs(days(e.date, c.date));
    return { ok: gap <= SAME_STATUS_WINDOW_DAYS, gap };
  }
  // The more advanced report (announcement) normally follows the rumour; allow a little before it too.
  const [early, late] = c.rank < e.rank ? [c, e] : [e, c];
  const gap = days(early.date, late.date);
  return { ok: gap >= -SAME_STATUS_WINDOW_DAYS && gap <= PROGRESSION_WINDOW_DAYS, gap: Math.abs(gap) };
}

type AmountCheck = 'match' | 'far' | 'both_null' | 'unknown';

/** Compare in USD when both sides have it, else in the shared currency; otherwise unknown. */
export function compareAmounts(a: DealFacts['amount'], b: DealFacts['amount'], tolerance = AMOUNT_TOLERANCE): AmountCheck {
  if (!a && !b) return 'both_null';
  if (!a || !b) return 'unknown';
  let x: number;
  let y: number;
  if (a.usd !== null && b.usd !== null) [x, y] = [a.usd, b.usd];
  else if (a.currency === b.currency) [x, y] = [a.value, b.value];
  else return 'unknown';
  const max = Math.max(x, y);
  if (max === 0) return 'match';
  return Math.abs(x - y) / max <= tolerance ? 'match' : 'far';
}

/** The facts of a normalised deal, as the rule compares them. */
export function factsOf(deal: Deal): DealFacts {
  return {
    companyKey: companyKey(deal.company.name),
    round: deal.round,
    status: deal.status,
    amount: deal.amount,
    announcedOn: deal.announcedOn,
    investorKeys: deal.investors.map((i) => investorKey(i.name)),
    country: deal.company.country,
  };
}

/** Rounds that can be one deal: equal, or one side does not say which round. */
export function roundsCompatible(a: Round, b: Round): boolean {
  return a === b || VAGUE_ROUNDS.has(a) || VAGUE_ROUNDS.has(b);
}

/** The rule's yes/no: one deal (another report, or a confirmation that advances its status). */
export function sameDeal(a: DealFacts, b: DealFacts, opts: MatchOptions = {}): boolean {
  const d = matchDeal(a, b, opts).decision;
  return d === 'same' || d === 'update';
}

/**
 * THE same-deal rule: whether `candidate` is a report of `existing`. Pure: blocking (company key,
 * date window, compatible round) vetoes; amount, date closeness, investor overlap and a shared
 * article build a score. A normalised Deal is accepted for convenience (its facts are taken).
 */
export function matchDeal(input: Deal | DealFacts, existing: DealFacts, opts: MatchOptions = {}): MatchResult {
  const candidate = 'companyKey' in input ? input : factsOf(input);
  const reasons: string[] = [];
  if (candidate.companyKey !== existing.companyKey) {
    return { decision: 'different', score: 0, reasons: ['different company'] };
  }
  if (candidate.country && existing.country && candidate.country !== existing.country) {
    return { decision: 'different', score: 0, reasons: [`countries differ (${existing.country} vs ${candidate.country})`] };
  }
  let window = inWindow(candidate, existing);
  // A round told again: of two reports of the same round too far apart, the later one's date is only
  // its article's (the text dated nothing). That is the old round told again (its figures still have
  // to agree below), not a new deal dated at the article — whichever of the two was stored first.
  const retold = window.ok === false && toldAgain(candidate, existing);
  const retoldEarlier = window.ok === false && !retold && toldAgain(existing, candidate);
  if (retold || retoldEarlier) window = { ok: null, gap: null };
  if (window.ok === false) {
    return { decision: 'different', score: 0, reasons: [`dates ${window.gap} days apart`] };
  }
  const roundsEqual = candidate.round === existing.round;
  if (!roundsCompatible(candidate.round, existing.round)) {
    return { decision: 'different', score: 0, reasons: [`rounds differ (${existing.round} vs ${candidate.round})`] };
  }

  let score = 0.4;
  reasons.push('same company');
  score += roundsEqual ? 0.2 : 0.05;
  reasons.push(roundsEqual ? 'same round' : 'round unspecified on one side');

  if (retold) reasons.push(RETOLD);
  else if (retoldEarlier) reasons.push(RETOLD_EARLIER);
  else if (window.gap === null) reasons.push('date unknown');
  else if (window.gap <= 14) {
    score += 0.1;
    reasons.push(`dates ${window.gap} days apart`);
  } else {
    score += 0.05;
    reasons.push(`dates ${window.gap} days apart (in window)`);
  }

  // Rumour/in-talks confirmed by an announcement: rumoured figures are often off, so the amount
  // tolerance widens and the announcement's figures supersede the rumour's.
  // Inside one article there is no revision: a rumoured figure beside an announced one, or figures
  // in two currencies the article does not relate, are two deals.
  const progression = STATUS_RANK[candidate.status] > STATUS_RANK[existing.status];
  const compared = compareAmounts(candidate.amount, existing.amount);
  const amounts = opts.sameArticle && compared === 'unknown' && candidate.amount && existing.amount ? 'far' : compared;
  const revised =
    amounts === 'far' &&
    progression &&
    !opts.sameArticle &&
    compareAmounts(candidate.amount, existing.amount, PROGRESSION_AMOUNT_TOLERANCE) === 'match';
  const far = amounts === 'far' && !revised;
  // Told again, the figures must agree: a differing amount is another round (an extension), not a conflict.
  // A vague round told again needs agreeing amounts to be recognised at all.
  const vague = VAGUE_ROUNDS.has(candidate.round) || VAGUE_ROUNDS.has(existing.round);
  if ((retold || retoldEarlier) && amounts !== 'match' && (amounts !== 'both_null' || vague))
    return { decision: 'different', score: 0, reasons: [...reasons, 'amounts differ'] };
  const [delta, why] =
    amounts === 'match'
      ? [0.25, 'amounts agree']
      : revised
        ? [0.1, 'amount revised on announcement']
        : far
          ? [-0.2, 'amounts far apart']
          : [0.1, amounts === 'both_null' ? 'no amounts' : 'amount not comparable'];
  score += delta;
  reasons.push(why);

  const candidateInvestors = new Set(candidate.investorKeys);
  const shared = existing.investorKeys.filter((k) => candidateInvestors.has(k)).length;
  const smaller = Math.min(candidateInvestors.size, existing.investorKeys.length);
  if (smaller > 0 && shared > 0) {
    score += 0.15 * (shared / smaller);
    reasons.push(`${shared} shared investor(s)`);
  }
  if (opts.sameArticle) {
    score += 0.15;
    reasons.push('same article');
  }
  score = Math.max(0, Math.min(1, Math.round(score * 100) / 100));

  if (far) return { decision: roundsEqual ? 'conflict' : 'different', score, reasons };
  if (score < SAME_SCORE) return { decision: 'different', score, reasons };
  return progression ? { decision: 'update', score, reasons: [...reasons, 'status progression'] } : { decision: 'same', score, reasons };
}
