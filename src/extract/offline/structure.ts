/**
 * Document structure, read before any sentence rule: datelines and wire credits are not part of
 * the first sentence, press-release boilerplate ("About Acme", media contacts, disclaimers) is
 * not news, a list item ("Acme – builds …") names its own topic, and a table's rows are records.
 * Every text kept is an exact substring of the article, so quotes stay valid evidence.
 */
import { leadingName } from './names.js';
import { splitParagraphs, splitSentences, type Sentence } from './text.js';

const MONTH = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
// A spaced hyphen or any dash ("UK-based" is no dateline).
const DASH = String.raw`(?:\s*--\s*|\s*[–—]\s*|\s+-\s+)`;
// "NEW YORK, Oct 8 (Wire) - ", "TACOMA, Wash., Nov. 5, 2026 /PRNewswire/ -- ", "SEOUL, AJU - ",
// "PARIS, Feb 10 — ", "NEW YORK (CNNMoney.com) -- ": a capitalised place, optional region, date,
// credit in brackets or slashes, then a dash.
const DATELINE = new RegExp(
  String.raw`^(?:[A-Z][A-Z.'’]+(?:\s+[A-Z][A-Z.'’]+){0,3})` +
    String.raw`(?:,\s*(?:[A-Z][a-z]{1,4}\.|[A-Z]{2,}|${MONTH}\s+\d{1,2}(?:,\s*\d{4})?|\d{4}))*` +
    String.raw`(?:\s*\([^()]{1,40}\))?(?:\s*/[^/]{1,40}/)?${DASH}(?=\S)`,
  'u',
);
// "(Bloomberg) -- ", "May 07 (Nikkei) - ", "Oct 8 (Reuters) - ": a credit in brackets, maybe dated.
const CREDIT = new RegExp(String.raw`^(?:${MONTH}\s+\d{1,2}(?:,\s*\d{4})?\s*)?\([^()]{2,40}\)${DASH}(?=\S)`, 'u');

/** Length of a dateline or wire credit opening `paragraph` (0 when none). */
export function datelineLength(paragraph: string): number {
  const m = DATELINE.exec(paragraph) ?? CREDIT.exec(paragraph);
  return m ? m[0].length : 0;
}

// Where press-release boilerplate starts: everything after it is about the issuer, not news.
const BOILERPLATE =
  /^(?:About\s+[\p{Lu}\d][^.!?]{0,60}?:?|(?:Media|Press|Investor)\s+(?:contacts?|enquiries|inquiries|relations)\b.*|Contacts?:.*|For (?:more|further) information\b.*|Forward[- ]looking statements?\b.*|Disclaimer:.*|Safe Harbo(?:u)?r\b.*)$/u;

// A list item whose first words name its topic: "Acme – builds …", "Acme: raised …", "• Acme …".
const ITEM_HEAD = /^(?:[•·▪*-]\s+|\d{1,2}[.)]\s+)?([^–—:]{2,60}?)\s*(?:[–—]|:)\s+/u;
const BULLET = /^(?:[•·▪*-]|\d{1,2}[.)])\s+/u;

export interface Unit extends Sentence {
  /** The company a list item is about ("Acme – …"), for its "the startup"/"it". */
  topic: string | null;
  /** Part of a bulleted or numbered list item, or of a "Name – …" entry: its own deal's scope. */
  item: boolean;
}

/**
 * Sentences of the article after the structure pass. A list item's sentences carry the item's
 * topic; each paragraph is a block (list items, table cells and roundup entries are their own).
 */
export function toUnits(text: string): Unit[] {
  const out: Unit[] = [];
  const paragraphs = splitParagraphs(text);
  for (let block = 0; block < paragraphs.length; block++) {
    let p = paragraphs[block]!;
    if (BOILERPLATE.test(p) && block > 0 && !/[.!?]$/.test(p.split('\n')[0]!)) break;
    if (block < 3) p = p.slice(datelineLength(p));
    const bullet = BULLET.exec(p);
    if (bullet) p = p.slice(bullet[0].length);
    const head = ITEM_HEAD.exec(p);
    // "Kelvaro (Lisbon) — …": a parenthetical (home, batch) after the name is no part of it.
    const headName = head ? head[1]!.replace(/\s*\([^()]*\)\s*$/, '').trim() : '';
    const topic = head ? leadingName(headName, false) : null;
    // Only a name standing alone before the dash: "Acme – builds", not "Update: Acme raised".
    const itemTopic = topic && topic.length >= headName.length - 1 ? topic : null;
    for (const s of splitSentences(p)) {
      out.push({ text: s, block, headline: !/[.!?]["”’)]*$/u.test(s), topic: itemTopic, item: bullet !== null || itemTopic !== null });
    }
  }
  return out;
}

// Column names of deal tables ("Company | Amount | Round | Lead investor(s) | Sector").
const COLUMNS: Array<[RegExp, 'company' | 'amount' | 'round' | 'investors' | 'other']> = [
  [/^(?:company|startup|start-up|name|firm|company name)$/i, 'company'],
  [/^(?:amount|amount raised|funding|funding amount|raised|size|deal size)(?:\s*\([^)]*\))?$/i, 'amount'],
  [/^(?:round|stage|round type|funding round|series|type)$/i, 'round'],
  [/^(?:(?:lead\s+)?investors?(?:\s*\(s\))?|lead investor\(s\)|backers?|investors? \/ backers)$/i, 'investors'],
  [/^(?:sector|industry|vertical|city|location|country|hq|date|valuation|category)$/i, 'other'],
];

export interface TableRow {
  company: string;
  amount: string | null;
  round: string | null;
  investors: string | null;
}

/** Rows of deal tables whose cells the parser laid out one per line. */
export function tableRows(text: string): TableRow[] {
  const lines = splitParagraphs(text);
  const rows: TableRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    const header: Array<(typeof COLUMNS)[number][1]> = [];
    let j = i;
    while (j < lines.length && lines[j]!.length <= 30) {
      const col = COLUMNS.find(([re]) => re.test(lines[j]!.trim()));
      if (!col) break;
      header.push(col[1]);
      j++;
    }
    if (header.length < 3 || !header.includes('company') || !header.includes('amount')) continue;
    // Rows: groups of header.length short lines without sentence punctuation.
    for (; j + header.length <= lines.length; j += header.length) {
      const cells = lines.slice(j, j + header.length);
      if (cells.some((c) => c.length > 200 || /[.!?]$/.test(c))) break;
      const cell = (k: 'company' | 'amount' | 'round' | 'investors'): string | null => {
        const at = header.indexOf(k);
        return at >= 0 ? cells[at]! : null;
      };
      rows.push({ company: cell('company')!, amount: cell('amount'), round: cell('round'), investors: cell('investors') });
    }
    i = j - 1;
  }
  return rows;
}
