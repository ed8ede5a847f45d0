/**
 * Money amounts as written in funding news → value in whole units + ISO 4217 currency.
 *
 * Decisions (documented because the text is ambiguous):
 * - An amount needs a currency (symbol, code or word, before or after the number). Without
 *   one it is ignored ("5 million users", "2 lakh customers") unless `defaultCurrency` is given.
 * - Bare `$` is USD, or `defaultCurrency` when that is a dollar currency (AUD, CAD, SGD …).
 *   `kr`/`kronor` is SEK (or `defaultCurrency` when it is NOK/DKK); `kroner` is NOK (or DKK
 *   by default); `R` is ZAR only directly before digits with a scale or grouped digits.
 * - Qualifiers ("up to", "more than", "nearly", "about") are ignored: the stated figure counts.
 * - Ranges ("$5-10 million", "$5m–$10m", "between $5m and $10m") have no single figure:
 *   `parseAllMoney` marks them `range: true` (value = lower bound), `parseMoney` returns null.
 * - Separators: groups of exactly three digits after "," or "." are thousands, except that
 *   before a scale word "." is decimal in English ("$1.250 billion") and "," is decimal before
 *   German/Nordic scales ("1,250 Mio."); when "," and "." both occur the last one is decimal.
 *   Spaces, apostrophes and thin spaces group thousands ("1 250 000", "1'250'000").
 * - "mil" means million (English news shorthand), not the Spanish/Portuguese thousand.
 */

export interface ParsedMoney {
  value: number;
  currency: string;
  /** The amount as matched in the text. */
  text: string;
}

export interface MoneyMatch extends ParsedMoney {
  /** Character offsets of `text` in the searched string. */
  index: number;
  end: number;
  /** True when the figure is one end of a range; `value` is then the lower bound. */
  range: boolean;
}

export interface MoneyOptions {
  /** Currency for amounts written without one, and the meaning of bare `$` / `kr` when it fits. */
  defaultCurrency?: string;
}

/** Case-insensitive literal for a word, so the regex itself can stay case-sensitive for codes. */
const ci = (word: string): string => word.replace(/[a-zäöü]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`).replace(/\./g, '\\.');

const DOLLAR = '$dollar';
const KRONA = '$krona';
const KRONE = '$krone';

// Prefix forms → currency; longest first so "US$" wins over "$".
const PREFIXES: Array<[string, string]> = [
  ['U.S.$', 'USD'],
  ['US $', 'USD'],
  ['US$', 'USD'],
  ['USD$', 'USD'],
  ['$US', 'USD'],
  ['$A', 'AUD'],
  ['$NZ', 'NZD'],
  ['NT$', 'TWD'],
  ['NZ$', 'NZD'],
  ['HK$', 'HKD'],
  ['AU$', 'AUD'],
  ['CA$', 'CAD'],
  ['MX$', 'MXN'],
  ['CN¥', 'CNY'],
  ['S$', 'SGD'],
  ['A$', 'AUD'],
  ['C$', 'CAD'],
  ['R$', 'BRL'],
  ['E£', 'EGP'],
  ['Rs.', 'INR'],
  ['Rs', 'INR'],
  ['RM', 'MYR'],
  ['Rp', 'IDR'],
  ['KSh', 'KES'],
  ['Ksh', 'KES'],
  ['Sh', 'KES'],
  ['kr.', KRONA],
  ['kr', KRONA],
  ['zł', 'PLN'],
  ['$', DOLLAR],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['₩', 'KRW'],
  ['₹', 'INR'],
  ['₪', 'ILS'],
  ['₦', 'NGN'],
  ['₺', 'TRY'],
  ['₱', 'PHP'],
  ['฿', 'THB'],
  ['₫', 'VND'],
  ['₽', 'RUB'],
  ['₴', 'UAH'],
  ['₵', 'GHS'],
];

/** ISO codes we accept as written (uppercase only, so "try" or "cad" in prose never match). */
const CODES = [
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'CNY',
  'RMB',
  'KRW',
  'INR',
  'CHF',
  'SEK',
  'NOK',
  'DKK',
  'ISK',
  'ILS',
  'NIS',
  'AED',
  'SAR',
  'QAR',
  'KWD',
  'BHD',
  'OMR',
  'EGP',
  'ZAR',
  'NGN',
  'KES',
  'GHS',
  'MAD',
  'TRY',
  'PLN',
  'CZK',
  'HUF',
  'RON',
  'UAH',
  'RUB',
  'SGD',
  'AUD',
  'CAD',
  'NZD',
  'HKD',
  'TWD',
  'BRL',
  'MXN',
  'ARS',
  'CLP',
  'COP',
  'PEN',
  'IDR',
  'MYR',
  'THB',
  'PHP',
  'VND',
  'PKR',
  'BDT',
  'LKR',
];
const CODE_ALIAS: Record<string, string> = { RMB: 'CNY', NIS: 'ILS' };

// Suffix words → currency; qualified forms first so "Singapore dollars" beats "dollars".
const SUFFIX_WORDS: Array<[string, string]> = [
  ['U.S. dollars', 'USD'],
  ['US dollars', 'USD'],
  ['American dollars', 'USD'],
  ['Singapore dollars', 'SGD'],
  ['Australian dollars', 'AUD'],
  ['Canadian dollars', 'CAD'],
  ['New Zealand dollars', 'NZD'],
  ['NZ dollars', 'NZD'],
  ['Hong Kong dollars', 'HKD'],
  ['Taiwan dollars', 'TWD'],
  ['dollars', DOLLAR],
  ['dollar', DOLLAR],
  ['euros', 'EUR'],
  ['euro', 'EUR'],
  ['pounds sterling', 'GBP'],
  ['British pounds', 'GBP'],
  ['pounds', 'GBP'],
  ['sterling', 'GBP'],
  ['Swiss francs', 'CHF'],
  ['francs', 'CHF'],
  ['yen', 'JPY'],
  ['yuan', 'CNY'],
  ['renminbi', 'CNY'],
  ['won', 'KRW'],
  ['rupees', 'INR'],
  ['rupee', 'INR'],
  ['Swedish kronor', 'SEK'],
  ['kronor', KRONA],
  ['krona', KRONA],
  ['Norwegian kroner', 'NOK'],
  ['Danish kroner', 'DKK'],
  ['kroner', KRONE],
  ['shekels', 'ILS'],
  ['shekel', 'ILS'],
  ['dirhams', 'AED'],
  ['dirham', 'AED'],
  ['riyals', 'SAR'],
  ['riyal', 'SAR'],
  ['rand', 'ZAR'],
  ['naira', 'NGN'],
  ['Kenyan shillings', 'KES'],
  ['shillings', 'KES'],
  ['Turkish lira', 'TRY'],
  ['lira', 'TRY'],
  ['złoty', 'PLN'],
  ['zloty', 'PLN'],
  ['reais', 'BRL'],
  ['real', 'BRL'],
  ['Mexican pesos', 'MXN'],
  ['Philippine pesos', 'PHP'],
  ['ringgit', 'MYR'],
  ['rupiah', 'IDR'],
  ['baht', 'THB'],
  ['Egyptian pounds', 'EGP'],
];
const SUFFIX_SYMBOLS: Array<[string, string]> = [
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['zł', 'PLN'],
  ['kr.', KRONA],
  ['kr', KRONA],
  ['₹', 'INR'],
  ['₪', 'ILS'],
  ['₺', 'TRY'],
];

interface Scale {
  words: string[];
  abbr: string[];
  factor: number;
  germanic: boolean;
}
// Longest first within each factor; `germanic` scales read "," as the decimal mark.
// `words` match in any case; `abbr` are case-sensitive ("M" and "m" yes, "MN" yes, "mM" no).
const SCALES: Scale[] = [
  { words: ['lakh crore', 'lakh crores'], abbr: [], factor: 1e12, germanic: false },
  { words: ['thousand crore', 'thousand crores'], abbr: [], factor: 1e10, germanic: false },
  { words: ['trillion', 'trillions'], abbr: ['tn', 'trn'], factor: 1e12, germanic: false },
  { words: ['billion', 'billions'], abbr: ['bn', 'bln', 'Bn', 'BN', 'b', 'B'], factor: 1e9, germanic: false },
  {
    words: ['milliarden', 'milliarde', 'milliards', 'milliard', 'miljarder', 'miljard', 'mrd.', 'mrd', 'mia.', 'mld', 'miliar'],
    abbr: [],
    factor: 1e9,
    germanic: true,
  },
  {
    words: ['million', 'millions', 'milhões', 'millones'],
    abbr: ['mn', 'mln', 'Mn', 'MN', 'MM', 'mil', 'm', 'M'],
    factor: 1e6,
    germanic: false,
  },
  { words: ['millionen', 'millioner', 'miljoner', 'miljoen', 'mio.', 'mio', 'mill.', 'juta'], abbr: [], factor: 1e6, germanic: true },
  { words: ['thousand', 'thousands'], abbr: ['k', 'K'], factor: 1e3, germanic: false },
  { words: ['tausend', 'tsd.'], abbr: [], factor: 1e3, germanic: true },
  { words: ['crores', 'crore'], abbr: ['cr', 'Cr', 'CR'], factor: 1e7, germanic: false },
  { words: ['lakhs', 'lakh', 'lacs', 'lac'], abbr: [], factor: 1e5, germanic: false },
];
const scaleRe = (s: Scale, withAbbr: boolean): string => [...s.words.map(ci), ...(withAbbr ? s.abbr : [])].join('|');

// Nordic/German compounds where scale and currency fuse: "MSEK", "mkr", "Mio€".
const FUSED: Array<[string, number, string]> = [
  ['MSEK', 1e6, 'SEK'],
  ['MNOK', 1e6, 'NOK'],
  ['MDKK', 1e6, 'DKK'],
  ['MEUR', 1e6, 'EUR'],
  ['MUSD', 1e6, 'USD'],
  ['mEUR', 1e6, 'EUR'],
  ['mUSD', 1e6, 'USD'],
  ['kSEK', 1e3, 'SEK'],
  ['TSEK', 1e3, 'SEK'],
  ['mdkr', 1e9, KRONA],
  ['Mkr', 1e6, KRONA],
  ['mkr', 1e6, KRONA],
  ['MKR', 1e6, KRONA],
];

const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const words = (list: string[]): string => list.map(ci).join('|');
const small = `(?:(?:${words(TENS)})(?:[-\\s](?:${words(UNITS)}))?|${words(TEENS)}|${words(UNITS)})`;
const WORD_NUMBER =
  `(?:(?:${small}|${ci('a')}|${ci('an')})(?:\\s+${ci('hundred')}(?:\\s+(?:${ci('and')}\\s+)?${small})?)?` +
  `|${ci('half')}(?:\\s+an?)?|${ci('a dozen')}|${ci('dozen')})`;

const NUMERIC = `\\d{1,3}(?:[ '’\\u00a0\\u202f]\\d{3}(?!\\d))+(?:[.,]\\d+)?|\\d+(?:[.,]\\d+)*`;
const SCALE_RE = SCALES.map((s) => scaleRe(s, true)).join('|');
// Written numbers only take spelled-out scales: "a B" or "one m" are not amounts.
const SCALE_WORD_RE = SCALES.map((s) => scaleRe(s, false)).join('|');
const FUSED_RE = FUSED.map(([f]) => esc(f)).join('|');
const PREFIX_RE = `${PREFIXES.map(([p]) => esc(p)).join('|')}|${CODES.join('|')}|R`;
const SUFFIX_RE = [...SUFFIX_WORDS.map(([w]) => ci(w)), ...CODES, ...SUFFIX_SYMBOLS.map(([s]) => esc(s))].join('|');
const AFTER_WORD = '(?![\\p{L}\\p{N}])';

const MONEY_RE = new RegExp(
  `(?<![\\p{L}\\p{N}$])(?:(?<pre>${PREFIX_RE})\\s?)?` +
    `(?:(?<num>${NUMERIC})(?:\\s?(?:-|–|—|to)\\s?(?:${PREFIX_RE})?\\s?(?<num2>${NUMERIC}))?` +
    `(?:(?:\\s|-)?(?<fused>${FUSED_RE})${AFTER_WORD}|(?:\\s|-)?(?<scale>${SCALE_RE})(?:(?<=\\.)|${AFTER_WORD}))?` +
    `|(?<words>${WORD_NUMBER})\\s+(?<wscale>${SCALE_WORD_RE})(?:(?<=\\.)|${AFTER_WORD}))` +
    `(?:\\s?(?<post>${SUFFIX_RE})(?:(?<=[.€£₹₪₺])|${AFTER_WORD})(?!\\s?\\d))?`,
  'gu',
);

const DOLLAR_CURRENCIES = new Set(['USD', 'AUD', 'CAD', 'SGD', 'NZD', 'HKD', 'TWD', 'MXN']);

const SCALE_MATCHERS = SCALES.map((s) => [s, new RegExp(`^(?:${scaleRe(s, true)})$`, 'u')] as const);

function scaleOf(token: string): Scale | undefined {
  return SCALE_MATCHERS.find(([, re]) => re.test(token))?.[0];
}

/** Reads digits with any grouping convention; `scale` decides ambiguous single separators. */
function parseNumeral(raw: string, scale?: Scale): number | null {
  let s = raw.replace(/[ '’\u00a0\u202f]/g, '');
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  if (dots && commas) {
    const decimal = s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    s = s.split(group).join('').replace(decimal, '.');
  } else if (dots + commas > 1) {
    const sep = dots ? '.' : ',';
    const [head, ...groups] = s.split(sep);
    if (!head || head.length > 3 || groups.some((g) => g.length !== 3)) return null;
    s = s.split(sep).join('');
  } else if (dots + commas === 1) {
    const sep = dots ? '.' : ',';
    const after = s.split(sep)[1] ?? '';
    const isDecimal = after.length !== 3 || (scale !== undefined && (sep === ',') === scale.germanic);
    s = isDecimal ? s.replace(sep, '.') : s.replace(sep, '');
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

const WORD_VALUES: Record<string, number> = Object.fromEntries([
  ...UNITS.map((w, i) => [w, i + 1] as const),
  ...TEENS.map((w, i) => [w, i + 10] as const),
  ...TENS.map((w, i) => [w, (i + 2) * 10] as const),
]);

function parseWordNumber(raw: string): number | null {
  const tokens = raw
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((t) => t !== 'and');
  if (tokens[0] === 'half') return 0.5;
  let total = 0;
  for (const t of tokens) {
    if (t === 'hundred') total = (total || 1) * 100;
    else if (t === 'dozen') total = (total || 1) * 12;
    else if (t === 'a' || t === 'an') total = total || 1;
    else if (WORD_VALUES[t] !== undefined) total += WORD_VALUES[t];
    else return null;
  }
  return total || null;
}

function lookup(table: Array<[string, string]>, token: string): string | undefined {
  const lower = token.toLowerCase();
  return table.find(([k]) => k.toLowerCase() === lower)?.[1];
}

function currencyOfToken(token: string, kind: 'pre' | 'post'): string | undefined {
  if (CODES.includes(token)) return CODE_ALIAS[token] ?? token;
  if (kind === 'pre') return token === 'R' ? 'ZAR' : PREFIXES.find(([p]) => p === token)?.[1];
  return lookup(SUFFIX_WORDS, token) ?? SUFFIX_SYMBOLS.find(([s]) => s === token)?.[1];
}

/** Resolves the generic markers ($, kr, kroner) against the caller's default currency. */
function resolveGeneric(code: string, fallback: string | undefined): string {
  if (code === DOLLAR) return fallback && DOLLAR_CURRENCIES.has(fallback) ? fallback : 'USD';
  if (code === KRONA) return fallback === 'NOK' || fallback === 'DKK' ? fallback : 'SEK';
  if (code === KRONE) return fallback === 'DKK' ? 'DKK' : 'NOK';
  return code;
}

const isGeneric = (c: string | undefined): boolean => c === DOLLAR || c === KRONA || c === KRONE;

/** Whether a currency word after the number refines (or repeats) the symbol before it. */
function compatible(pre: string, post: string): boolean {
  if (pre === post || isGeneric(post)) return true;
  if (pre === DOLLAR) return DOLLAR_CURRENCIES.has(post);
  if (pre === KRONA) return ['SEK', 'NOK', 'DKK', KRONE].includes(post);
  return pre === 'JPY' && post === 'CNY';
}

function toMatch(m: RegExpExecArray, opts: MoneyOptions): MoneyMatch | null {
  const g = m.groups ?? {};
  const scaleToken = g.scale ?? g.wscale;
  const scale = scaleToken ? scaleOf(scaleToken) : undefined;
  const fused = g.fused ? FUSED.find(([f]) => f === g.fused) : undefined;
  const base = g.words ? parseWordNumber(g.words) : parseNumeral(g.num ?? '', scale);
  if (base === null) return null;

  const preCode = g.pre ? currencyOfToken(g.pre, 'pre') : undefined;
  const postCode = fused?.[2] ?? (g.post ? currencyOfToken(g.post, 'post') : undefined);
  // "R" alone is only a rand sign before digits that clearly form an amount.
  if (g.pre === 'R' && !scale && !fused && !/[ ,.'’]\d{3}/.test(g.num ?? '')) return null;
  let end = m.index + m[0].trimEnd().length;
  let code = preCode ?? postCode;
  if (preCode && postCode) {
    if (compatible(preCode, postCode)) code = isGeneric(postCode) ? preCode : postCode;
    // "$5 million won the jury over": a clashing word after a symbol is prose, not currency.
    else if (g.post) end = m.index + m[0].lastIndexOf(g.post);
  }
  code = code ?? opts.defaultCurrency;
  if (!code) return null;

  const factor = fused?.[1] ?? scale?.factor ?? 1;
  const value = Math.round(base * factor * 100) / 100;
  return {
    value,
    currency: resolveGeneric(code, opts.defaultCurrency),
    text: m[0].slice(0, end - m.index).trimEnd(),
    index: m.index,
    end,
    range: g.num2 !== undefined,
  };
}

/** Every amount in `text`, in order, with offsets; ranges are marked (see module comment). */
export function parseAllMoney(text: string, opts: MoneyOptions = {}): MoneyMatch[] {
  const found: MoneyMatch[] = [];
  for (const m of text.matchAll(MONEY_RE)) {
    const match = toMatch(m, opts);
    if (match) found.push(match);
  }
  for (let i = 1; i < found.length; i++) {
    const a = found[i - 1]!;
    const b = found[i]!;
    const gap = text.slice(a.end, b.index);
    const joined = /^\s*(?:-|–|—|to)\s*$/i.test(gap) || (/^\s*and\s*$/i.test(gap) && /\bbetween\s*$/i.test(text.slice(0, a.index)));
    if (joined) a.range = b.range = true;
  }
  return found;
}

/** The first amount in `text`, or null when there is none or it is a range. */
export function parseMoney(text: string, opts: MoneyOptions = {}): ParsedMoney | null {
  const first = parseAllMoney(text, opts)[0];
  if (!first || first.range) return null;
  return { value: first.value, currency: first.currency, text: first.text };
}
