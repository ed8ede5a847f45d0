import { cleanCompanyName } from '../normalise/company.js';
import type { RawDeal } from './schema.js';
import type { ReviewFlag } from './review.js';

/**
 * Hallucination guard: everything an engine claims to have read must be in the article.
 * The article text is only ever compared as a string; nothing in it is executed or obeyed.
 */

/** Case, whitespace, quote and dash differences are typography, not content. */
export function normaliseForMatch(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Whether `quote` occurs in `haystack` (both normalised); "..." in a quote marks elided text. */
function occurs(quote: string, haystack: string): boolean {
  const parts = quote.split(/\.\.\.|…/).map(normaliseForMatch).filter(Boolean);
  if (parts.length === 0) return false;
  let from = 0;
  for (const part of parts) {
    const at = haystack.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

const excerpt = (s: string): string => (s.length > 80 ? `${s.slice(0, 77)}...` : s);
const failed = (reason: string): ReviewFlag => ({ kind: 'evidence_failed', reason });

/** One `evidence_failed` flag per quote, amount, valuation or company name not found in `text`. */
export function checkEvidence(raw: RawDeal, text: string): ReviewFlag[] {
  const haystack = normaliseForMatch(typeof text === 'string' ? text : '');
  const flags: ReviewFlag[] = [];
  for (const item of Array.isArray(raw.evidence) ? raw.evidence : []) {
    const { field, quote } = item ?? {};
    if (typeof quote !== 'string' || !quote.trim()) flags.push(failed(`empty evidence quote for ${field}`));
    else if (!occurs(quote, haystack)) flags.push(failed(`${field} quote not in article: "${excerpt(quote)}"`));
  }
  for (const [label, value] of [['amount', raw.amountText], ['valuation', raw.valuationText]] as const) {
    if (typeof value === 'string' && value.trim() && !occurs(value, haystack)) {
      flags.push(failed(`${label} text not in article: "${excerpt(value)}"`));
    }
  }
  // The name as written or as cleaned ("Acme Inc." when the article says "Acme") must appear.
  const company = typeof raw.company === 'string' ? raw.company : '';
  const names = [company, cleanCompanyName(company)].filter((n) => n.trim());
  if (names.length === 0) flags.push(failed('company name is empty'));
  else if (!names.some((n) => occurs(n, haystack))) flags.push(failed(`company not in article: "${excerpt(company)}"`));
  return flags;
}
