/**
 * Corpus evaluation: parse → extract → normalise each case, match predicted deals to gold deals
 * by company key (maximum matching), then deal precision/recall/F1 and per-field accuracy.
 */
import { performance } from 'node:perf_hooks';
import type { Deal } from '../deal/schema.js';
import type { DealCandidate } from '../deal/review.js';
import type { Extractor } from '../extract/types.js';
import { loadConfig } from '../config.js';
import { companyKey, investorKey } from '../normalise/index.js';
import { extractDeals } from '../pipeline/candidates.js';
import { parseArticle } from '../parse/article.js';
import { loadCorpus, type GoldDeal } from './corpus.js';

export const SCORED_FIELDS = ['round', 'status', 'country', 'amount', 'valuation', 'investors', 'lead'] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface FieldError {
  company: string;
  field: ScoredField;
  expected: unknown;
  actual: unknown;
}

export interface CaseScore {
  gold: number;
  predicted: number;
  matched: number;
  /** Gold companies with no predicted deal. */
  missed: string[];
  /** Predicted companies with no gold deal. */
  spurious: string[];
  fields: Record<ScoredField, { correct: number; total: number }>;
  fieldErrors: FieldError[];
  /** Per predicted deal, in order: whether it was matched to a gold deal. */
  predictedMatched: boolean[];
}

/** One predicted deal as the pipeline would store it: its confidence and why it would go to review. */
export interface PredictionOutcome {
  company: string;
  confidence: number;
  matched: boolean;
  review: string[];
}

export interface CaseReport extends CaseScore {
  name: string;
  durationMs: number;
  error?: string;
  predictions: PredictionOutcome[];
}

/** Deals at or above the review threshold are stored as they are; the rest go to review. */
export interface ThresholdScore {
  threshold: number;
  /** Predicted deals at or above the threshold, and how many of them match gold. */
  accepted: number;
  correct: number;
  precision: number;
  /** Gold deals matched by an accepted deal. */
  recall: number;
  /** Share of predicted deals below the threshold (sent to review). */
  toReview: number;
}

/** Confidence bucket [from, to) (the last includes 1) vs the share of its deals that match gold. */
export interface ReliabilityBucket {
  from: number;
  to: number;
  count: number;
  correct: number;
  precision: number | null;
  meanConfidence: number | null;
}

export interface EvalReport {
  dir: string;
  engine: string;
  cases: number;
  deals: { gold: number; predicted: number; matched: number; precision: number; recall: number; f1: number };
  /** Accuracy over matched deals where the gold field is present; null when never scored. */
  fields: Record<ScoredField, { correct: number; total: number; accuracy: number | null }>;
  /** Wall time for parse + extract + normalise; extractMs is the engine alone. */
  timing: { totalMs: number; extractMs: number; extractPerSecond: number; endToEndPerSecond: number };
  atThreshold: ThresholdScore;
  reliability: ReliabilityBucket[];
  /** Predicted deals whose quotes, amounts or company name the evidence guard could not find in the article. */
  evidenceFailed: number;
  /** LLM usage (zero for the offline engine or cache hits). */
  usage: { inputTokens: number; outputTokens: number; costUsd: number };
  perCase: CaseReport[];
}

export interface EvalOptions {
  /** REVIEW_CONFIDENCE_THRESHOLD: deals below it go to review (default: the configuration's default). */
  threshold?: number;
  /** Width of the reliability buckets (default 0.1). */
  bucketWidth?: number;
  /** ARTICLE_MAX_DEALS and DEAL_MAX_USD, as the pipeline applies them (default: the configuration's defaults). */
  articleMaxDeals?: number;
  dealMaxUsd?: number;
}

const emptyFields = (): Record<ScoredField, { correct: number; total: number }> =>
  Object.fromEntries(SCORED_FIELDS.map((f) => [f, { correct: 0, total: 0 }])) as Record<ScoredField, { correct: number; total: number }>;

type Money = { value: number; currency: string } | null;

function moneyEqual(gold: Money, actual: Money): boolean {
  if (gold === null || actual === null) return gold === actual;
  return gold.currency === actual.currency && Math.abs(gold.value - actual.value) <= 0.02 * gold.value;
}

const keySet = (names: string[]): string => [...new Set(names.map(investorKey))].sort().join('|');

/** Field checks for one matched pair; only fields present in gold are scored. */
function compareFields(gold: GoldDeal, deal: Deal): Array<{ field: ScoredField; ok: boolean; expected: unknown; actual: unknown }> {
  const out: Array<{ field: ScoredField; ok: boolean; expected: unknown; actual: unknown }> = [];
  const check = (field: ScoredField, ok: boolean, expected: unknown, actual: unknown) => out.push({ field, ok, expected, actual });
  if (gold.round !== undefined) check('round', gold.round === deal.round, gold.round, deal.round);
  if (gold.status !== undefined) check('status', gold.status === deal.status, gold.status, deal.status);
  if (gold.country !== undefined) check('country', gold.country === deal.company.country, gold.country, deal.company.country);
  const money = (m: Deal['amount']): Money => (m ? { value: m.value, currency: m.currency } : null);
  if (gold.amount !== undefined) check('amount', moneyEqual(gold.amount, money(deal.amount)), gold.amount, money(deal.amount));
  if (gold.valuation !== undefined) {
    check('valuation', moneyEqual(gold.valuation, money(deal.valuation)), gold.valuation, money(deal.valuation));
  }
  if (gold.investors !== undefined) {
    const g = keySet(gold.investors.map((i) => i.name));
    const a = keySet(deal.investors.map((i) => i.name));
    check(
      'investors',
      g === a,
      gold.investors.map((i) => i.name),
      deal.investors.map((i) => i.name),
    );
    const gl = keySet(gold.investors.filter((i) => i.lead).map((i) => i.name));
    const al = keySet(deal.investors.filter((i) => i.lead).map((i) => i.name));
    check('lead', gl === al, gl.split('|').filter(Boolean), al.split('|').filter(Boolean));
  }
  return out;
}

/**
 * Best assignment within one company: pairs only form between equal company keys, so each key
 * is matched separately, trying every assignment (a company has a handful of deals at most) and
 * keeping the one with most pairs, then most correct fields.
 */
function bestAssignment(gold: GoldDeal[], preds: Deal[]): Array<[number, number]> {
  let best: { pairs: Array<[number, number]>; score: number } = { pairs: [], score: -1 };
  const usedPred = new Set<number>();
  const current: Array<[number, number]> = [];
  const search = (g: number, correct: number): void => {
    if (g === gold.length) {
      const score = current.length * 1000 + correct;
      if (score > best.score) best = { pairs: [...current], score };
      return;
    }
    search(g + 1, correct);
    for (let p = 0; p < preds.length; p++) {
      if (usedPred.has(p)) continue;
      usedPred.add(p);
      current.push([g, p]);
      search(g + 1, correct + compareFields(gold[g]!, preds[p]!).filter((c) => c.ok).length);
      current.pop();
      usedPred.delete(p);
    }
  };
  search(0, 0);
  return best.pairs;
}

/** Scores one article's predicted deals against its gold deals. */
export function scoreCase(gold: GoldDeal[], predicted: Deal[]): CaseScore {
  const fields = emptyFields();
  const fieldErrors: FieldError[] = [];
  const matchedGold = new Set<number>();
  const matchedPred = new Set<number>();
  const keys = new Set(gold.map((g) => companyKey(g.company)));
  for (const key of keys) {
    const gi = gold.map((g, i) => [g, i] as const).filter(([g]) => companyKey(g.company) === key);
    const pi = predicted.map((p, i) => [p, i] as const).filter(([p]) => companyKey(p.company.name) === key);
    if (pi.length === 0) continue;
    // Bounded: beyond a few deals per company an exhaustive search is pointless; take in order.
    const pairs =
      gi.length <= 6 && pi.length <= 6
        ? bestAssignment(
            gi.map(([g]) => g),
            pi.map(([p]) => p),
          )
        : gi.slice(0, pi.length).map((_, k) => [k, k] as [number, number]);
    for (const [g, p] of pairs) {
      const goldDeal = gi[g]![0];
      matchedGold.add(gi[g]![1]);
      matchedPred.add(pi[p]![1]);
      for (const c of compareFields(goldDeal, pi[p]![0])) {
        fields[c.field].total++;
        if (c.ok) fields[c.field].correct++;
        else fieldErrors.push({ company: goldDeal.company, field: c.field, expected: c.expected, actual: c.actual });
      }
    }
  }
  return {
    gold: gold.length,
    predicted: predicted.length,
    matched: matchedGold.size,
    predictedMatched: predicted.map((_, i) => matchedPred.has(i)),
    missed: gold.filter((_, i) => !matchedGold.has(i)).map((g) => g.company),
    spurious: predicted.filter((_, i) => !matchedPred.has(i)).map((p) => p.company.name),
    fields,
    fieldErrors,
  };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

/** Equal-width confidence buckets; a deal at exactly 1 falls in the last one. */
export function reliabilityTable(predictions: readonly PredictionOutcome[], width = 0.1): ReliabilityBucket[] {
  const n = Math.max(1, Math.round(1 / width));
  const buckets = Array.from({ length: n }, (_, i) => ({ from: i / n, to: (i + 1) / n, count: 0, correct: 0, sum: 0 }));
  for (const p of predictions) {
    const b = buckets[Math.min(n - 1, Math.max(0, Math.floor(p.confidence * n)))]!;
    b.count++;
    b.sum += p.confidence;
    if (p.matched) b.correct++;
  }
  return buckets.map(({ sum, ...b }) => ({
    ...b,
    precision: b.count ? b.correct / b.count : null,
    meanConfidence: b.count ? sum / b.count : null,
  }));
}

/** Runs `extractor` over every case in `dir` and scores it. Extraction errors count as no deals. */
export async function evaluateCorpus(dir: string, extractor: Extractor, opts: EvalOptions = {}): Promise<EvalReport> {
  // Unset options take the configuration's defaults, so eval decides review as a default install does.
  const defaults = loadConfig({});
  const threshold = opts.threshold ?? defaults.REVIEW_CONFIDENCE_THRESHOLD;
  const config = {
    REVIEW_CONFIDENCE_THRESHOLD: threshold,
    ARTICLE_MAX_DEALS: opts.articleMaxDeals ?? defaults.ARTICLE_MAX_DEALS,
    DEAL_MAX_USD: opts.dealMaxUsd ?? defaults.DEAL_MAX_USD,
  };
  const cases = await loadCorpus(dir);
  const started = performance.now();
  let extractMs = 0;
  const usage = { inputTokens: 0, outputTokens: 0, costUsd: 0 };
  let goldMatchedAccepted = 0;
  const perCase: CaseReport[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    const article = parseArticle(c.html, c.url);
    const publishedAt = article.publishedAt ?? c.publishedAt;
    let candidates: DealCandidate[] = [];
    let error: string | undefined;
    try {
      const extracted = await extractDeals({ extractor, config }, { ...article, publishedAt });
      const { result } = extracted;
      extractMs += result.durationMs;
      usage.inputTokens += result.inputTokens;
      usage.outputTokens += result.outputTokens;
      usage.costUsd += result.costUsd;
      candidates = extracted.candidates;
    } catch (err) {
      error = (err as Error).message;
    }
    const deals = candidates.map((x) => x.deal);
    const score = scoreCase(c.deals, deals);
    // Recall at the threshold re-matches with only the deals that would be stored as they are
    // (no review flag: confident enough, evidence found, not held).
    goldMatchedAccepted += scoreCase(
      c.deals,
      candidates.filter((x) => x.flags.length === 0).map((x) => x.deal),
    ).matched;
    const predictions = candidates.map(
      (x, i): PredictionOutcome => ({
        company: x.deal.company.name,
        confidence: x.deal.confidence,
        matched: score.predictedMatched[i] ?? false,
        review: x.flags.map((f) => `${f.kind}: ${f.reason}`),
      }),
    );
    perCase.push({ name: c.name, ...score, predictions, durationMs: performance.now() - t0, ...(error ? { error } : {}) });
  }
  const totalMs = performance.now() - started;
  const sum = (f: (r: CaseReport) => number): number => perCase.reduce((n, r) => n + f(r), 0);
  const gold = sum((r) => r.gold);
  const predicted = sum((r) => r.predicted);
  const matched = sum((r) => r.matched);
  const precision = ratio(matched, predicted);
  const recall = ratio(matched, gold);
  const predictions = perCase.flatMap((r) => r.predictions);
  const accepted = predictions.filter((p) => p.review.length === 0);
  const correctAccepted = accepted.filter((p) => p.matched).length;
  const atThreshold: ThresholdScore = {
    threshold,
    accepted: accepted.length,
    correct: correctAccepted,
    precision: ratio(correctAccepted, accepted.length),
    recall: ratio(goldMatchedAccepted, gold),
    toReview: predictions.length ? (predictions.length - accepted.length) / predictions.length : 0,
  };
  const fields = Object.fromEntries(
    SCORED_FIELDS.map((f) => {
      const correct = sum((r) => r.fields[f].correct);
      const total = sum((r) => r.fields[f].total);
      return [f, { correct, total, accuracy: total ? correct / total : null }];
    }),
  ) as EvalReport['fields'];
  return {
    dir,
    engine: extractor.engine,
    cases: cases.length,
    deals: { gold, predicted, matched, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 },
    fields,
    timing: {
      totalMs,
      extractMs,
      extractPerSecond: extractMs > 0 ? cases.length / (extractMs / 1000) : 0,
      endToEndPerSecond: totalMs > 0 ? cases.length / (totalMs / 1000) : 0,
    },
    atThreshold,
    reliability: reliabilityTable(predictions, opts.bucketWidth),
    evidenceFailed: predictions.filter((p) => p.review.some((r) => r.startsWith('evidence_failed'))).length,
    usage,
    perCase,
  };
}
