/**
 * Which deal an investor phrase belongs to in an article reporting several: scope limits (a new
 * list item, a paragraph about another company, another company's clause) and possessive rounds
 * ("X led Acme's seed", "Acme's round was led by X") that name their company outright.
 */
import { companyKey } from '../../normalise/company.js';
import { investorsIn, type Investor } from './investors.js';
import { isPersonIn, leadingName, nameList } from './names.js';
import type { Unit } from './structure.js';
import { openingSubject } from './subjects.js';

/**
 * Whether sentence `i` starts a scope that is no longer the deal's (its anchor in block `dealBlock`): a new list item (a bullet or
 * "Name – …" entry is its own deal's), or a paragraph opening on another company that names
 * no backer ("Rival Kindra is …"), so its "Backers include …" are that company's.
 */
export function leavesDeal(sentences: Unit[], dealBlock: number, i: number, key: string, allText: string): boolean {
  const s = sentences[i]!;
  const prev = sentences[i - 1]!;
  // The headline's deal is the whole article's.
  if (s.block === prev.block || dealBlock < 0) return false;
  if (s.item) return true;
  const subject = openingSubject(s.text);
  if (!subject || sameCompany(companyKey(subject), key)) return false;
  return !isPersonIn(subject, allText) && investorsIn(s.text, { from: false }).length === 0;
}

/** "Acme" and "Acme Robotics" are one company. */
export const sameCompany = (a: string, b: string): boolean => a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `);

// ", while Sidlow closed $3 million …": a later clause whose own subject raised is another deal.
const OTHER_RAISE =
  /(?:,\s+(?:while|whereas|and|but)|;)\s+((?:\p{Lu}[\p{L}\d&.'’-]*\s+){1,4}?)(?:also\s+)?(?:raised|closed|secured|landed|bagged|picked up|received|got|netted|pulled in|took in|has raised|has closed|has secured)\b/gu;

/** Where the anchor's sentence turns to another company's raise (its investors are that deal's). */
export function otherRaiseAt(text: string, after: number, company: string): number {
  for (const m of text.matchAll(OTHER_RAISE)) {
    if (m.index < after) continue;
    const name = leadingName(m[1]!.trim(), false);
    if (name && !sameCompany(companyKey(name), companyKey(company))) return m.index;
  }
  return text.length;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "Hollin Ventures led Tessaly's $12M Series A": backers named before the company's possessive round. */
export function possessiveBackers(text: string, company: string): Investor[] {
  const re = new RegExp(
    String.raw`(?:^|[,;]\s+(?:while|and|whereas)\s+|;\s+)([^,;]+?)\s+(?:also\s+|jointly\s+)?(co-led|led|backed|funded|joined|participated in|invested in)\s+${escapeRegExp(company)}['’]s?\s`,
    'gu',
  );
  const out: Investor[] = [];
  for (const m of text.matchAll(re)) {
    if (/\b(?:which|who|that)\b/.test(m[1]!)) continue;
    const lead = /led/.test(m[2]!);
    out.push(...nameList(m[1]!).map((name) => ({ name, lead })));
  }
  return out;
}

// "Torvane's seed round was led by …": a sentence about another company's round.
const POSSESSIVE_ROUND =
  /((?:\p{Lu}[\p{L}\d&.-]*\s+){0,3}\p{Lu}[\p{L}\d&.-]*)['’]s?\s+(?:[\w$€£.-]+\s+){0,4}?(?:round|seed|Series [A-J]|funding|raise|financing)\b/gu;

export function otherCompanysRound(text: string, company: string, all: string): boolean {
  const key = companyKey(company);
  for (const m of text.matchAll(POSSESSIVE_ROUND)) {
    const name = leadingName(m[1]!, false);
    if (name && !sameCompany(companyKey(name), key) && !isPersonIn(name, all)) return true;
  }
  return false;
}
