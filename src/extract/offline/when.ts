/**
 * When a deal's own words say it happened, read against the article's date: a full date ("March
 * 19, 2024", "12 February 2025", "in August 2025"), a month without a year ("in May", "last
 * October": the latest such month before the article), a year ("in 2024"), relative time ("last
 * year", "eight months ago", "had raised") and weekdays ("on Monday"). A past round keeps the date
 * its text gives it and never the article's.
 */

export interface When {
  /** The date stated (YYYY-MM-DD; the 1st for a month alone), or null. */
  on: string | null;
  /** Whether `on` names a day, not just a month. */
  precise: boolean;
  /** The words tell of a time before the article's news. */
  past: boolean;
  /** The date of a weekday named ("on Monday"): the latest such day up to the article's. */
  weekday: string | null;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
// Capitalised only: "may" is a verb, "march" a noun. "Sept." and three-letter forms too.
const MONTH = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = String.raw`((?:19|20)\d\d)`;

// One alternation so that the longest form at a position wins ("March 19, 2024" before "March").
const DATE = new RegExp(
  [
    String.raw`\b${MONTH}\s+${DAY},?\s+${YEAR}\b`, // March 19, 2024
    String.raw`\b${DAY}\s+${MONTH},?\s+${YEAR}\b`, // 19 March 2024
    String.raw`\b${MONTH},?\s+${YEAR}\b`, // March 2024
    // A month or day without a year needs a preposition: "in May", "last October", "on March 3".
    String.raw`\b((?:[Ii]n|[Oo]n|[Ll]ast|[Dd]uring|[Bb]ack in)\s+|(?:(?:[Ii]n\s+)?(?:[Ee]arly|[Ll]ate|[Mm]id)(?:-|\s+)))${MONTH}(?:\s+${DAY})?(?![\p{L}\d])(?!,?\s+\d)(?:,?\s+(?:of\s+)?(last|this)\s+year\b)?`,
    // "in 2024", "in early 2024", "in Q3 2024", "in the second quarter of 2024": a year.
    String.raw`\b(?:[Ii]n|[Dd]uring|[Bb]ack in|[Ee]arly|[Ll]ate|[Mm]id-)\s+(?:(?:early|late|mid)(?:-|\s+)|Q[1-4]\s+|the (?:first|second|third|fourth) quarter of\s+|H[12]\s+|the (?:first|second) half of\s+)?${YEAR}\b(?![-–]\d)`,
  ].join('|'),
  'gu',
);

// A plan or an expectation before the date: "expects to close a $20 million Series B in June".
const FUTURE =
  /\b(?:will|would|could|may|might|should|shall|expects?|expected|expecting|plans?|planned|planning|aims?|aiming|intends?|hopes?|set to|due to|is to|are to|seeks?|seeking|targets?|targeting|looking to|in talks|talks to|next)\b/;
// Dates that belong to something else: the company's founding, a plan, a deadline.
const NOT_THE_DEALS =
  /\b(?:founded|established|launched|launching|started|starting|set up|incorporated|formed|created|spun out|opened|opening|born|since|until|till|through|by|before|from|next|will|would|expects?|expected|due|scheduled|slated|plans?|planned|planning|aims?|targets?|later|close)\s+(?:(?:in|on|the|its|of)\s+)?$/i;

// Time before the article's news, stated without a date.
const COUNT = String.raw`(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|several|a few|few|\d+)`;
const PAST_WORDS = new RegExp(
  String.raw`\b(?:last (?:year|month|spring|summer|autumn|fall|winter|quarter)|${COUNT}\s+(?:years?|months?|weeks?)\s+(?:ago|earlier)|earlier this year|the year before|previously|in the past)\b`,
  'i',
);
// Before the amount: "comes eight months after a $10 million Series A"; what follows "after" came first.
const AFTER_LEAD = new RegExp(
  String.raw`\b(?:${COUNT}\s+(?:years?|months?|weeks?)|weeks|months|years|shortly|soon|not long|only days|days|just)\s+after\b`,
  'i',
);
// After the amount: "had raised $25 million in a Series B before this round".
const BEFORE_TAIL =
  /\b(?:before|prior to|ahead of) (?:this|the (?:new|latest|current|present)) (?:round|raise|funding|financing|investment)\b/i;
// Past perfect, unless reported speech backshifts the news ("said it had raised").
const HAD_RAISED =
  /\bhad\s+(?:(?:previously|already|earlier|also|last)\s+)?(?:raised|secured|closed|received|landed|collected|obtained|bagged|picked up|attracted)\b/i;
const REPORTED = /\b(?:said|says|told|announced|confirmed|disclosed|revealed|stated|noted|according)\b/i;

function pastWords(text: string, at: number): boolean {
  if (PAST_WORDS.test(text) || AFTER_LEAD.test(text.slice(0, at)) || BEFORE_TAIL.test(text.slice(at))) return true;
  const had = HAD_RAISED.exec(text);
  return had !== null && !REPORTED.test(text.slice(0, had.index));
}

const WEEKDAY = /\b(?:on|last)\s+(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const iso = (y: number, m: number, d: number): string => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const monthOf = (word: string): number => MONTHS.findIndex((x) => x.startsWith(word.toLowerCase().slice(0, 3))) + 1;
const DAY_MS = 86_400_000;

/** A date, and whether it is before the article: by more than two weeks for a day, an earlier month for a month. */
interface Stated {
  on: string | null;
  precise: boolean;
  past: boolean;
}

function readDate(m: RegExpMatchArray, article: string | null): Stated | null {
  const g = m.slice(1);
  const [y0, mo0] = article ? article.split('-').map(Number) : [0, 0, 0];
  const before = (on: string, precise: boolean): boolean =>
    article !== null && (precise ? Date.parse(on) < Date.parse(article) - 14 * DAY_MS : on < iso(y0!, mo0!, 1));
  const full = (month: string, day: string | undefined, year: string): Stated | null => {
    const mo = monthOf(month);
    const d = day ? Number(day) : 1;
    if (mo < 1 || d < 1 || d > 31) return null;
    const on = iso(Number(year), mo, d);
    return { on, precise: day !== undefined, past: before(on, day !== undefined) };
  };
  if (g[0]) return full(g[0], g[1], g[2]!);
  if (g[4]) return full(g[4], g[3], g[5]!);
  if (g[6]) return full(g[6], undefined, g[7]!);
  if (g[9]) {
    // A month without its year: the latest such month up to the article's ("last" skips its own month).
    if (!article) return null;
    const mo = monthOf(g[9]);
    if (mo < 1) return null;
    const last = /^last$/i.test(g[8]!.trim());
    // "in February of last year", "in May this year": the year is said after all.
    const year = g[11] ? (g[11] === 'last' ? y0! - 1 : y0!) : mo < mo0! || (mo === mo0 && !last) ? y0! : y0! - 1;
    const day = g[10] ? Number(g[10]) : undefined;
    if (day !== undefined && (day < 1 || day > 31)) return null;
    const on = iso(year, mo, day ?? 1);
    return { on, precise: day !== undefined, past: before(on, day !== undefined) };
  }
  if (g[12]) return { on: null, precise: false, past: article !== null && Number(g[12]) < y0! };
  return null;
}

/** The latest day named `weekday` up to the article's date ("last Monday": before it). */
function weekdayDate(weekday: string, article: string, last: boolean): string {
  const at = new Date(`${article}T12:00:00Z`);
  const back = (at.getUTCDay() - WEEKDAYS.indexOf(weekday) + 7) % 7 || (last ? 7 : 0);
  return new Date(at.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

/**
 * What `text` (a deal's own words, its amount at `at`) says about its time, for an article of
 * `article` (YYYY-MM-DD or null).
 */
export function whenStated(text: string, article: string | null, at: number): When {
  let stated: Stated | null = null;
  for (const m of text.matchAll(DATE)) {
    if (NOT_THE_DEALS.test(text.slice(Math.max(0, m.index - 40), m.index)) || FUTURE.test(text.slice(0, m.index))) continue;
    const read = readDate(m, article);
    // The first date stated is the deal's; a later one often dates something else it led to.
    if (read) {
      stated = read;
      break;
    }
  }
  const weekday = article ? WEEKDAY.exec(text) : null;
  return {
    on: stated?.on ?? null,
    precise: stated?.precise ?? false,
    past: (stated?.past ?? false) || pastWords(text, at),
    weekday: weekday ? weekdayDate(weekday[1]!, article!, /^last/i.test(weekday[0])) : null,
  };
}

// Where a deal's own words end: another clause ("and plans to …", "to launch …", ", which …").
const CLAUSE_END =
  /[;:]|,\s+(?:and|but|while|whereas|which|who|where|as|although|though|bringing|taking|making|according|the company|it|he|she|they|we)\b|\s+and\s+(?!(?:a|an|the|its|their|other|existing|new|several|angel|individual|strategic|family|venture|private|returning|previous)\b)(?=\p{Ll})|\s+(?:to|so|because|while|whereas)\s+(?!date\b|(?:a|an|the|its|their)\b|\$|\p{Lu})(?=\p{Ll})/u;

/** The end of the clause that starts before `from`: the next clause break after it, else `to`. */
export function clauseEnd(text: string, from: number, to: number): number {
  const m = CLAUSE_END.exec(text.slice(from, to));
  return m ? from + m.index : to;
}
