import type { ArticleInput } from '../types.js';

const DEAL_WORDS =
  /\b(?:rais(?:e|es|ed|ing)|secur(?:es|ed|ing)|clos(?:es|ed|ing)|lands?|landed|bag(?:s|ged)|nets|netted|fund(?:ing|ed)|financing|round|invest\w*|backed|acqui\w+|takeover|buy(?:s|ing|out)?|bought|merger|IPO|public offering|listing|grant|award(?:ed)?|loan|facility|bonds?|debentures?|notes?|valuation|valued|stake|tender)\b/i;
// Cheap stand-in for the money grammar: a currency next to a figure, or a figure with a scale.
const AMOUNT =
  /(?:[$€£¥₹₩₪]|\b(?:Rs\.?|[A-Z]{3}))\s?\d|\d\s?(?:million|billion|trillion|bn|mn|crore|lakh|[mMbB]\b)|\d\s(?:euros|dollars|pounds|yen|won|francs|kronor|kroner|rupees|reais|shekels)\b/;
const NO_AMOUNT_NEEDED =
  /\b(?:acqui\w+|takeover|merger|buyout|Series [A-J]|(?:seed|funding|financing) round|led by|undisclosed (?:sum|amount))\b/i;

/**
 * Cheap pre-filter for the LLM engine, tuned for recall: false only when the article has no deal
 * vocabulary, or has neither an amount nor wording that names a deal without one.
 */
export function mayContainDeal(article: ArticleInput): boolean {
  const text = `${article.title ?? ''}\n${article.text}`;
  return DEAL_WORDS.test(text) && (AMOUNT.test(text) || NO_AMOUNT_NEEDED.test(text));
}
