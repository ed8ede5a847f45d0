/**
 * Past rounds an article states besides its news: an earlier round named by its year.
 */
import type { MoneyMatch } from '../../normalise/money.js';
import type { Anchor } from './deal-anchor.js';
import { roundNear } from './lexicon.js';
import { trailingName } from './names.js';

// "Leonard led Agiliti through its 2021 IPO", "Acme's 2019 Series A": an earlier round by its year.
const DATED_ROUND =
  /\b(?:its|their|((?:[\p{Lu}][\p{L}\d&.-]*\s+){0,2}[\p{L}][\p{L}\d&-]*)['’]s?)\s+(?:(?:19|20)\d\d\s+(?:initial public offering|IPO|Series [A-J]\b(?:\s+round)?|seed round|pre-seed round|listing)|(?:Series [A-J]|seed|pre-seed)\s+(?:round|funding|financing)\s+(?:last year|in (?:19|20)\d\d|(?:a|two|three) years? ago)\b)/gu;

export function datedRoundAnchors(sentence: string, money: MoneyMatch[]): Anchor[] {
  const out: Anchor[] = [];
  for (const r of sentence.matchAll(DATED_ROUND)) {
    // An amount of its own is read by the amount rules.
    if (money.some((m) => m.index >= r.index && m.index <= r.index + r[0].length + 5)) continue;
    const name = r[1] ? trailingName(r[1]) : null;
    if (r[1] && !name) continue;
    out.push({
      company: name,
      companyAt: name ? sentence.indexOf(name, r.index) : r.index,
      describedUntil: r.index,
      isObject: false,
      money: null,
      round: roundNear(r[0], 0) ?? 'series_unknown',
      investor: null,
      background: true,
    });
  }
  return out;
}
