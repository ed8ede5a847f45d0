import { toUsd, type UsdConversion } from './fx.js';
import { parseAllMoney } from './money.js';

/**
 * The article's own conversion beats any table: "52 billion won ($36.08 million)", "1.2 billion
 * yuan, or about $165 million", and rate notes such as "($1 = 1,441.2 won)" are what the writer
 * used on the day, so they are applied before the historical rates (source "article").
 */

// Between an amount and its USD equivalent: a bracket, ", or", "/" or an em dash, and a hedge word
// (not an en dash: "€5m–$6m" is a range).
const BRIDGE =
  /^\s*(?:\(|\[|,?\s*or\b|\/|—)\s*(?:about|around|approximately|approx\.?|roughly|nearly|almost|some|over|more than|just over|just under|~|c\.)?\s*$/i;
const NEAR = 60;

/** The USD figure stated right after the amount ending at `end`, or null. */
export function statedUsdAfter(text: string, end: number): number | null {
  const after = text.slice(end, end + NEAR);
  const next = parseAllMoney(after)[0];
  if (!next || next.range || next.currency !== 'USD') return null;
  return BRIDGE.test(after.slice(0, next.index)) ? next.value : null;
}

/**
 * Rates the article states, as units of each currency per 1 USD: "($1 = 1,441.2 won)",
 * "(US$1 = ¥151.3)", "(1 euro = $1.08)".
 */
export function statedRates(text: string): Map<string, number> {
  const rates = new Map<string, number>();
  for (const m of text.matchAll(/[([]\s*([^()[\]=]{1,25}?)\s*=\s*([^()[\]=]{1,30}?)\s*[)\]]/g)) {
    const left = parseAllMoney(m[1]!)[0];
    const right = parseAllMoney(m[2]!)[0];
    if (!left || !right || left.range || right.range || left.value <= 0 || right.value <= 0) continue;
    if (left.currency === 'USD' && right.currency !== 'USD') rates.set(right.currency, right.value / left.value);
    else if (right.currency === 'USD' && left.currency !== 'USD') rates.set(left.currency, left.value / right.value);
  }
  return rates;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Where `written` occurs in `text`, case and spacing aside: the offsets just after each occurrence. */
function endsOf(text: string, written: string): number[] {
  const escaped = written
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+');
  if (!escaped) return [];
  return [...text.matchAll(new RegExp(escaped, 'gi'))].map((m) => m.index + m[0].length);
}

/**
 * USD for `value` of `currency` as written (`written`) in `article`: the USD figure the article
 * puts beside it, else the article's stated rate, else the historical table for `date`.
 */
export function convertInArticle(
  value: number,
  currency: string,
  date: string | null,
  where: { article: string; written: string },
): UsdConversion | null {
  if (currency !== 'USD' && value > 0) {
    // The conversion may be inside what the engine copied, or after the figure in the article.
    const inWritten = parseAllMoney(where.written)[0];
    const candidates = [
      ...(inWritten ? [statedUsdAfter(where.written, inWritten.end)] : []),
      ...endsOf(where.article, where.written).map((end) => statedUsdAfter(where.article, end)),
    ];
    const usd = candidates.find((c): c is number => c !== null);
    const day = date?.slice(0, 10) ?? '';
    if (usd !== undefined) return { usd: round2(usd), rate: usd / value, rateDate: day, source: 'article' };
    const perUsd = statedRates(where.article).get(currency);
    if (perUsd) return { usd: round2(value / perUsd), rate: 1 / perUsd, rateDate: day, source: 'article' };
  }
  return toUsd(value, currency, date);
}
