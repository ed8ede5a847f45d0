import { MONTH_ABBREVIATIONS } from './lexicon.js';

/** Splitting article text into paragraphs and sentences, keeping exact substrings for evidence. */

export interface Sentence {
  text: string;
  /** Index of the paragraph the sentence came from. */
  block: number;
  /** True for lines without closing punctuation: headings, bullets, related-link titles. */
  headline: boolean;
}

// Abbreviations whose trailing dot does not end a sentence ("Dr. Park", "Kansas City, Mo.-based").
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'st',
  'inc',
  'ltd',
  'co',
  'corp',
  'jr',
  'sr',
  'no',
  'vs',
  'mo',
  'approx',
  ...MONTH_ABBREVIATIONS,
  'prof',
  'gen',
  'gov',
  'sen',
  'rep',
  'pvt',
  'pte',
  'pty',
  'bhd',
  'sdn',
  'bros',
  'intl',
  'mt',
  'ft',
  'fig',
  'est',
  'dept',
  'univ',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'u.n',
  'e.u',
]);

function endsWithAbbreviation(before: string): boolean {
  const word = /([\p{L}.]+)\.$/u.exec(before)?.[1]?.toLowerCase();
  if (!word) return false;
  // "… in a Series B. The round …": a round's letter is no initial.
  if (/\b(?:Series|Round|Class|Tier|Plan|Phase)\s+\p{Lu}\.$/u.test(before)) return false;
  // Single initials ("J. Smith") and dotted acronyms ("U.S.") do not end sentences.
  return ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word) || /^(\p{L}\.)+\p{L}$/u.test(word);
}

/** Sentences of one paragraph: a boundary is [.!?] (plus closing quotes) before a capital. */
export function splitSentences(paragraph: string): string[] {
  const out: string[] = [];
  const boundary = /[.!?]["”’)]*\s+(?=["“‘(]?[\p{Lu}\d])/gu;
  let start = 0;
  for (const m of paragraph.matchAll(boundary)) {
    const end = m.index + m[0].trimEnd().length;
    // Only the word before the dot matters; a bounded slice keeps long paragraphs linear.
    if (endsWithAbbreviation(paragraph.slice(Math.max(start, m.index - 24), m.index + 1))) continue;
    out.push(paragraph.slice(start, end).trim());
    start = m.index + m[0].length;
  }
  const rest = paragraph.slice(start).trim();
  if (rest) out.push(rest);
  return out.filter((s) => s.length > 0);
}

/**
 * Paragraphs are separated by blank lines (the parse stage's contract); single newlines split
 * too (bullets). Inner whitespace is kept so evidence quotes stay exact substrings of the text.
 */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export function toSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  splitParagraphs(text).forEach((paragraph, block) => {
    for (const s of splitSentences(paragraph)) {
      out.push({ text: s, block, headline: !/[.!?]["”’)]*$/u.test(s) });
    }
  });
  return out;
}
