/**
 * Corpus evaluation: parse → extract → normalise each case, match predicted deals to gold deals
 * by company key (maximum matching), then deal precision/recall/F1 and per-field accuracy.
 */
import { performance } from 'node:perf_hooks';
import type { Deal } from '../deal/schema.js';
import type { Extractor } from '../extract/types.js';
import { companyKey, investorKey, normaliseDeal } from '../normalise/index.js';
import { parseArticle } from '../parse/article.js';
import { loadCorpus, type GoldDeal } from './corpus.js';

export const SCORED_FIELDS = ['round', 'status', 'country', 'amount', 'valuation', 'investors', 'lead'] as const;
export type ScoredField = (typeof SCORED_FIELDS)[number];

export interface FieldError { company: string; field: ScoredField; expected: unknown; actual: unknown }

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
}

export interface CaseReport extends CaseScore { name: string; durationMs: number; error?: string }

export interface EvalReport {
  dir: string;
  engine: string;
  cases: number;
  deals: { gold: number; predicted: number; matched: number; precision: number; recall: number; f1: number };
  /** Accuracy over matched deals where the gold field is present; null when never scored. */
  fields: Record<ScoredField, { correct: number; total: number; accuracy: number | null }>;
  /** Wall time for parse + extract + normalise; extractMs is the engine alone. */
  timing: { totalMs: number; extractMs: number; extractPerSecond: number; endToEndPerSecond: number };
  perCase: CaseReport[];
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
    check('investors', g === a, gold.investors.map((i) => i.name), deal.investors.map((i) => i.name));
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
    const pairs = gi.length <= 6 && pi.length <= 6
      ? bestAssignment(gi.map(([g]) => g), pi.map(([p]) => p))
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
    missed: gold.filter((_, i) => !matchedGold.has(i)).map((g) => g.company),
    spurious: predicted.filter((_, i) => !matchedPred.has(i)).map((p) => p.company.name),
    fields,
    fieldErrors,
  };
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

/** Runs `extractor` over every case in `dir` and scores it. Extraction errors count as no deals. */
export async function evaluateCorpus(dir: string, extractor: Extractor): Promise<EvalReport> {
  const cases = await loadCorpus(dir);
  const started = performance.now();
  let extractMs = 0;
  const perCase: CaseReport[] = [];
  for (const c of cases) {
    const t0 = performance.now();
    const article = parseArticle(c.html, c.url);
    const publishedAt = article.publishedAt ?? c.publishedAt;
    let deals: Deal[] = [];
    let error: string | undefined;
    try {
      const result = await extractor.extract({
        url: article.url, title: article.title, text: article.text, publishedAt, siteName: article.siteName,
      });
      extractMs += result.durationMs;
      deals = result.raw.deals.map((raw) => normaliseDeal(raw, { text: article.text, publishedAt }).deal);
    } catch (err) {
      error = (err as Error).message;
    }
    const score = scoreCase(c.deals, deals);
    perCase.push({ name: c.name, ...score, durationMs: performance.now() - t0, ...(error ? { error } : {}) });
  }
  const totalMs = performance.now() - started;
  const sum = (f: (r: CaseReport) => number): number => perCase.reduce((n, r) => n + f(r), 0);
  const gold = sum((r) => r.gold);
  const predicted = sum((r) => r.predicted);
  const matched = sum((r) => r.matched);
  const precision = ratio(matched, predicted);
  const recall = ratio(matched, gold);
  const fields = Object.fromEntries(SCORED_FIELDS.map((f) => {
    const correct = sum((r) => r.fields[f].correct);
    const total = sum((r) => r.fields[f].total);
    return [f, { correct, total, accuracy: total ? correct / total : null }];
  })) as EvalReport['fields'];
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
    perCase,
  };
}
