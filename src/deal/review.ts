import { findInstructions } from './injection.js';
import type { Deal, RawDeal } from './schema.js';

/** Why a deal needs an operator's eye; stored as a review item next to the deal. */
export interface ReviewFlag {
  kind: ReviewKind;
  reason: string;
}

/** A normalised deal on its way to storage, with anything that should send it to review. */
export interface DealCandidate {
  deal: Deal;
  flags: ReviewFlag[];
}

/**
 * Kinds that hold a deal back: while such an item is open the deal stays out of deals_clean
 * (migration 0006) and is matched only with other held deals, so text that may have been planted
 * or misread never reaches, updates or merges into clean data before an operator approves it.
 * `suspicious`: the article as a whole (instructions addressed to a model, too many deals);
 * `implausible`: the deal's own figures (unknown round letters, amounts over the ceiling or far
 * above the company's history).
 */
/** Why a deal or article waits for an operator; the review_items.kind CHECK constraint lists the same. */
export const REVIEW_KINDS = [
  'low_confidence',
  'evidence_failed',
  'conflict',
  'possible_duplicate',
  'extraction_error',
  'suspicious',
  'implausible',
] as const;
export type ReviewKind = (typeof REVIEW_KINDS)[number];

export function isReviewKind(v: unknown): v is ReviewKind {
  return typeof v === 'string' && (REVIEW_KINDS as readonly string[]).includes(v);
}

export const HOLD_KINDS: readonly ReviewKind[] = ['suspicious', 'implausible'];
export const isHeld = (flags: readonly ReviewFlag[]): boolean => flags.some((f) => HOLD_KINDS.includes(f.kind));

/**
 * Article-level review, applied to every deal an engine read from the article: at most `maxDeals`
 * are kept (checking each costs a pass over the article, and no real article reports thousands),
 * and instruction-like text anywhere in the title or body holds all of them.
 */
export function reviewArticle<T>(deals: readonly T[], text: string, maxDeals: number): { deals: T[]; flags: ReviewFlag[] } {
  if (deals.length === 0) return { deals: [], flags: [] };
  const flags: ReviewFlag[] = [];
  if (deals.length > maxDeals) {
    flags.push({
      kind: 'suspicious',
      reason: `article lists ${deals.length} deals, over the cap of ${maxDeals} per article (ARTICLE_MAX_DEALS): only the first ${maxDeals} were kept, all held for review`,
    });
  }
  for (const hit of findInstructions(text)) {
    flags.push({
      kind: 'suspicious',
      reason: `article contains text addressed to a model (${hit.cue}; possible prompt injection): "${hit.excerpt}"`,
    });
  }
  return { deals: deals.slice(0, maxDeals), flags };
}

/** Lettered rounds stop at J (ROUNDS): "Series Z" is folded into series_unknown by the normaliser. */
const UNKNOWN_SERIES = /\bseries[-\s_]+([k-z])(?![a-z])/i;

/** A deal's own figures that no real round has: held for review with the reason. */
export function plausibilityFlags(deal: Deal, raw: Pick<RawDeal, 'evidence' | 'amountText' | 'round'>, maxUsd: number): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  // The engine's own round value too: a model may answer "series_z", which the schema then rejects.
  const written: unknown[] = [raw?.round, ...(Array.isArray(raw?.evidence) ? raw.evidence.map((e) => e?.quote) : []), raw?.amountText];
  for (const quote of written) {
    const m = typeof quote === 'string' ? UNKNOWN_SERIES.exec(quote) : null;
    if (m) {
      flags.push({ kind: 'implausible', reason: `round "Series ${m[1]!.toUpperCase()}" is beyond the lettered rounds (A to J)` });
      break;
    }
  }
  const usd = deal.amount?.usd;
  if (usd != null && usd > maxUsd) {
    flags.push({ kind: 'implausible', reason: `amount ${formatUsd(usd)} is over the ceiling of ${formatUsd(maxUsd)} (DEAL_MAX_USD)` });
  }
  return flags;
}

/**
 * How far above a company's largest stored deal a new amount may go without review. Successive
 * rounds grow 2-5x; 20x happens from tiny pre-seeds, hence the floor: a $15M Series A after a
 * $500k pre-seed is ordinary, a $10B round after a $20M one is not.
 */
export const HISTORY_FACTOR = 20;
export const HISTORY_FLOOR_USD = 50_000_000;

/** The flag for an amount far above the company's history (`largestUsd`: its largest stored deal). */
export function historyFlag(deal: Deal, largestUsd: number | null | undefined): ReviewFlag | null {
  const usd = deal.amount?.usd;
  if (usd == null || !largestUsd || usd < HISTORY_FLOOR_USD || usd <= largestUsd * HISTORY_FACTOR) return null;
  return {
    kind: 'implausible',
    reason: `amount ${formatUsd(usd)} is ${Math.round(usd / largestUsd)}x the company's largest stored deal (${formatUsd(largestUsd)}; review above ${HISTORY_FACTOR}x)`,
  };
}

function formatUsd(usd: number): string {
  if (usd >= 1e9) return `$${+(usd / 1e9).toFixed(2)}B`;
  if (usd >= 1e6) return `$${+(usd / 1e6).toFixed(2)}M`;
  return `$${Math.round(usd)}`;
}
