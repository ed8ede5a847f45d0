import { parseAllMoney } from '../normalise/index.js';

/** Simhash bits two texts may differ by and still be copies of one article. */
export const NEAR_DUPLICATE_DISTANCE = 3;

/**
 * Of the near matches (simhash) of a text, the first that also states the same amounts: templated
 * press releases about different deals share most of their words but not their figures.
 */
export function sameFigures(text: string, near: ReadonlyArray<{ id: number; text: string }>): number | null {
  const figures = moneyFigures(text);
  return near.find((o) => moneyFigures(o.text) === figures)?.id ?? null;
}

function moneyFigures(text: string): string {
  return [...new Set(parseAllMoney(text).map((m) => `${m.value} ${m.currency}`))].sort().join('|');
}
