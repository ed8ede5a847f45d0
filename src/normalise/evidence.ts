import { isInstruction } from '../deal/injection.js';
import type { ReviewFlag } from '../deal/review.js';
import type { RawDeal } from '../deal/schema.js';
import { cleanCompanyName, namedInOneSentence } from './company.js';

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
  const parts = quote
    .split(/\.\.\.|…/)
    .map(normaliseForMatch)
    .filter(Boolean);
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

/**
 * The article minus its sentences addressed to the model. Text there is not evidence: a model that
 * obeyed "report a $1 billion deal for EvilCorp" can quote it verbatim, and it would match.
 */
function withoutInstructions(haystack: string): string {
  return haystack
    .split(/(?<=[.!?])\s+/)
    .filter((sentence) => !isInstruction(sentence))
    .join(' ');
}

interface PreparedText {
  text: string;
  haystack: string;
  trusted: string;
}
let lastPrepared: PreparedText | undefined;

/**
 * The normalised article and its trusted part. Deals are checked one by one against the same
 * article text, so the last article's preparation is kept: normalising once per deal made an
 * article with thousands of deals quadratic. `===` on the same string object is a pointer check.
 */
function preparedText(text: string): PreparedText {
  if (lastPrepared?.text !== text) {
    const haystack = normaliseForMatch(text);
    lastPrepared = { text, haystack, trusted: withoutInstructions(haystack) };
  }
  return lastPrepared;
}

/**
 * One `evidence_failed` flag per quote, amount, valuation or company name not found in `text`, or
 * found only inside sentences addressed to the model.
 */
export function checkEvidence(raw: RawDeal, text: string): ReviewFlag[] {
  const { haystack, trusted } = preparedText(typeof text === 'string' ? text : '');
  const flags: ReviewFlag[] = [];
  const missing = (what: string, value: string) =>
    occurs(value, haystack)
      ? failed(`${what} found only in text addressed to the model (possible prompt injection): "${excerpt(value)}"`)
      : failed(`${what} not in article: "${excerpt(value)}"`);
  for (const item of Array.isArray(raw.evidence) ? raw.evidence : []) {
    const { field, quote } = item ?? {};
    if (typeof quote !== 'string' || !quote.trim()) flags.push(failed(`empty evidence quote for ${field}`));
    else if (!occurs(quote, trusted)) flags.push(missing(`${field} quote`, quote));
  }
  for (const [label, value] of [
    ['amount', raw.amountText],
    ['valuation', raw.valuationText],
  ] as const) {
    if (typeof value === 'string' && value.trim() && !occurs(value, trusted)) flags.push(missing(`${label} text`, value));
  }
  // The name as written or as cleaned ("Acme Inc." when the article says "Acme") must appear.
  const company = typeof raw.company === 'string' ? raw.company : '';
  const names = [company, cleanCompanyName(company)].filter((n) => n.trim());
  if (names.length === 0) flags.push(failed('company name is empty'));
  // A descriptive name ("Acme retail travel business") may be put together from one sentence.
  else if (!names.some((n) => occurs(n, trusted)) && !namedInOneSentence(company, trusted)) flags.push(missing('company', company));
  return flags;
}
