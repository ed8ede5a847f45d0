import type { ArticleInput } from '../types.js';

/**
 * Input-token saving: the model sees the lede and the paragraphs with deal cues plus their
 * neighbours, not the whole article. Neighbours stay because deal sentences lean on them ("The
 * Berlin company ..." names the company a paragraph earlier; "The round was led by ..." follows).
 * The cues are broad on purpose: a paragraph sent in vain costs tokens, a paragraph dropped loses
 * the deal. `npm run bench:tokens` measures both on the dev corpora.
 */
const DEAL_CUE = new RegExp(
  '\\b(?:' +
    [
      'rais(?:e|es|ed|ing)',
      'fund(?:s|ed|ing|raise[sd]?|raising)?',
      'financing',
      'round',
      'pre-seed',
      'seed',
      'series [a-k]',
      'invest(?:s|ed|ing|ment|ments|or|ors)?',
      'back(?:ed|ing|ers?)',
      'led by',
      'co-led',
      'led the',
      'valu(?:ation|ations|ed|ing)',
      'unicorn',
      'acqui(?:re|res|red|ring|sition|sitions)',
      'buy(?:s|ing)?',
      'bought',
      'buyout',
      'takeover',
      'take-private',
      'take private',
      'merg(?:e|es|ed|er|ers|ing)',
      'deal',
      'stake',
      'ipo',
      'initial public offering',
      'public offering',
      'share sale',
      'listing',
      'go(?:es|ing)? public',
      'spac',
      'blank[- ]check',
      'tender offer',
      'secondary',
      'grants?',
      'subsid(?:y|ies)',
      'loans?',
      'debt',
      'credit facility',
      'bonds?',
      'notes',
      'capital',
      'venture',
      'clos(?:e|es|ed|ing)',
      'secur(?:e|es|ed|ing)',
      'bag(?:s|ged)?',
      'land(?:s|ed)',
      'nab(?:s|bed)',
      'net(?:s|ted)',
      'pull(?:s|ed) in',
      'injection',
      'inject(?:s|ed)?',
      'proceeds',
      'offer(?:s|ed)?',
      'bid',
      'talks',
      'seeking',
      'crore',
      'lakh',
    ].join('|') +
    ')\\b',
  'i',
);

/** Whether the title or any paragraph has a deal cue: articles without one are not sent to the model. */
export function hasDealCue(article: Pick<ArticleInput, 'title' | 'text'>): boolean {
  return DEAL_CUE.test(article.title ?? '') || DEAL_CUE.test(article.text);
}

export interface Selection {
  text: string;
  /** Paragraphs kept, of all paragraphs. */
  kept: number;
  total: number;
}

/** Marks omitted paragraphs so the model does not read two distant paragraphs as one. */
export const OMITTED = '[…]';

/** A paragraph is a cue when it has a deal word; money alone ("revenue of $3 million") is not. */
function isCue(paragraph: string): boolean {
  return DEAL_CUE.test(paragraph);
}

/**
 * The lede, every cue paragraph and the paragraphs either side of one, in article order; runs of
 * skipped paragraphs become one `[…]` line. Articles of three paragraphs or fewer go whole.
 */
export function selectDealText(text: string, opts: { neighbours?: number } = {}): Selection {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const total = paragraphs.length;
  if (total <= 3) return { text: paragraphs.join('\n\n'), kept: total, total };
  const reach = opts.neighbours ?? 1;
  const keep = new Array<boolean>(total).fill(false);
  keep[0] = true;
  paragraphs.forEach((p, i) => {
    if (!isCue(p)) return;
    for (let j = Math.max(0, i - reach); j <= Math.min(total - 1, i + reach); j++) keep[j] = true;
  });
  const out: string[] = [];
  paragraphs.forEach((p, i) => {
    if (keep[i]) out.push(p);
    else if (keep[i - 1]) out.push(OMITTED);
  });
  return { text: out.join('\n\n'), kept: keep.filter(Boolean).length, total };
}
