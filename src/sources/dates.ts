/**
 * Feed dates: W3C-DTF / ISO 8601 (with the two-digit forms), RFC 822 and its real-world variants
 * (two-digit years, missing seconds or time, swapped month and day, asctime, y/m/d), month names in
 * several languages, Korean date words, and zone names. A zone that is not known gives null: a date
 * read in the wrong zone is silently wrong by hours, which is worse than no date.
 *
 * No library covers this set (date-fns/luxon parse fixed formats; chrono-node guesses relative
 * dates and does not know MET or Greek months), so it is a small tokenizer over explicit tables.
 */

const HOUR = 60;

/** Zone abbreviations with one meaning, in minutes east of UTC. Ambiguous ones (IST, BST in Asia…) are left out on purpose. */
const ZONES: Record<string, number> = {
  z: 0,
  ut: 0,
  utc: 0,
  gmt: 0,
  'etc/gmt': 0,
  'etc/utc': 0,
  wet: 0,
  // North America (RFC 822) and feedparser's one- and two-letter forms (AT, ET, CT, MT, PT)
  est: -5 * HOUR,
  edt: -4 * HOUR,
  cst: -6 * HOUR,
  cdt: -5 * HOUR,
  mst: -7 * HOUR,
  mdt: -6 * HOUR,
  pst: -8 * HOUR,
  pdt: -7 * HOUR,
  akst: -9 * HOUR,
  akdt: -8 * HOUR,
  hst: -10 * HOUR,
  ast: -4 * HOUR,
  adt: -3 * HOUR,
  nst: -3.5 * HOUR,
  ndt: -2.5 * HOUR,
  at: -4 * HOUR,
  et: -5 * HOUR,
  ct: -6 * HOUR,
  mt: -7 * HOUR,
  pt: -8 * HOUR,
  // Europe
  west: HOUR,
  cet: HOUR,
  cest: 2 * HOUR,
  met: HOUR,
  mest: 2 * HOUR,
  mez: HOUR,
  mesz: 2 * HOUR,
  eet: 2 * HOUR,
  eest: 3 * HOUR,
  msk: 3 * HOUR,
  // Asia–Pacific
  jst: 9 * HOUR,
  kst: 9 * HOUR,
  hkt: 8 * HOUR,
  sgt: 8 * HOUR,
  awst: 8 * HOUR,
  acst: 9.5 * HOUR,
  acdt: 10.5 * HOUR,
  aest: 10 * HOUR,
  aedt: 11 * HOUR,
  nzst: 12 * HOUR,
  nzdt: 13 * HOUR,
  wib: 7 * HOUR,
};

/** Month names and abbreviations, accents removed and lowercased: en fr de es pt it nl sv/da/no pl ru tr el hu. */
const MONTH_NAMES: string[][] = [
  [
    'jan',
    'january',
    'janv',
    'janvier',
    'januar',
    'ene',
    'enero',
    'janeiro',
    'gen',
    'gennaio',
    'januari',
    'sty',
    'styczen',
    'stycznia',
    'янв',
    'январь',
    'января',
    'oca',
    'ocak',
    'ιαν',
    'ιανουαριος',
    'ιανουαριου',
    'januar',
  ],
  [
    'feb',
    'february',
    'fev',
    'fevr',
    'fevrier',
    'februar',
    'febrero',
    'fevereiro',
    'febbraio',
    'februari',
    'lut',
    'luty',
    'lutego',
    'фев',
    'февраль',
    'февраля',
    'sub',
    'subat',
    'φεβ',
    'φεβρουαριος',
    'φεβρουαριου',
    'febr',
    'februar',
  ],
  [
    'mar',
    'march',
    'mars',
    'marz',
    'mrz',
    'marzo',
    'marco',
    'maart',
    'mrt',
    'marts',
    'mars',
    'marzec',
    'marca',
    'мар',
    'март',
    'марта',
    'mart',
    'μαρ',
    'μαρτιος',
    'μαρτιου',
    'marc',
    'marcius',
  ],
  [
    'apr',
    'april',
    'avr',
    'avril',
    'abr',
    'abril',
    'aprile',
    'kwi',
    'kwiecien',
    'kwietnia',
    'апр',
    'апрель',
    'апреля',
    'nis',
    'nisan',
    'απρ',
    'απριλιος',
    'απριλιου',
    'apr',
    'aprilis',
  ],
  ['may', 'mai', 'mayo', 'maio', 'mag', 'maggio', 'mei', 'maj', 'maja', 'мая', 'май', 'mayis', 'μαι', 'μαιος', 'μαιου', 'majus'],
  [
    'jun',
    'june',
    'juin',
    'juni',
    'junio',
    'junho',
    'giu',
    'giugno',
    'cze',
    'czerwiec',
    'czerwca',
    'июн',
    'июнь',
    'июня',
    'haz',
    'haziran',
    'ιουν',
    'ιουνιος',
    'ιουνιου',
    'ιον',
    'junius',
  ],
  [
    'jul',
    'july',
    'juil',
    'juillet',
    'juli',
    'julio',
    'julho',
    'lug',
    'luglio',
    'lip',
    'lipiec',
    'lipca',
    'июл',
    'июль',
    'июля',
    'tem',
    'temmuz',
    'ιουλ',
    'ιουλιος',
    'ιουλιου',
    'ιολ',
    'julius',
  ],
  [
    'aug',
    'august',
    'aout',
    'ago',
    'agosto',
    'augustus',
    'sie',
    'sierpien',
    'sierpnia',
    'авг',
    'август',
    'августа',
    'agu',
    'agustos',
    'αυγ',
    'αυγουστος',
    'αυγουστου',
    'augusztus',
  ],
  [
    'sep',
    'sept',
    'september',
    'septembre',
    'septiembre',
    'set',
    'setembro',
    'settembre',
    'wrz',
    'wrzesien',
    'wrzesnia',
    'сен',
    'сент',
    'сентябрь',
    'сентября',
    'eyl',
    'eylul',
    'σεπ',
    'σεπτεμβριος',
    'σεπτεμβριου',
    'szept',
    'szeptember',
  ],
  [
    'oct',
    'october',
    'octobre',
    'okt',
    'oktober',
    'octubre',
    'out',
    'outubro',
    'ott',
    'ottobre',
    'paz',
    'pazdziernik',
    'pazdziernika',
    'окт',
    'октябрь',
    'октября',
    'eki',
    'ekim',
    'οκτ',
    'οκτωβριος',
    'οκτωβριου',
    'oktober',
  ],
  [
    'nov',
    'november',
    'novembre',
    'noviembre',
    'novembro',
    'lis',
    'listopad',
    'listopada',
    'ноя',
    'ноябрь',
    'ноября',
    'kas',
    'kasim',
    'νοε',
    'νοεμβριος',
    'νοεμβριου',
  ],
  [
    'dec',
    'december',
    'decembre',
    'dez',
    'dezember',
    'dic',
    'diciembre',
    'dezembro',
    'dicembre',
    'gru',
    'grudzien',
    'grudnia',
    'дек',
    'декабрь',
    'декабря',
    'ara',
    'aralik',
    'δεκ',
    'δεκεμβριος',
    'δεκεμβριου',
  ],
];

/** Weekday names (first three letters, accents removed) in the same languages, skipped wherever they appear. */
const WEEKDAYS = new Set([
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
  'lun',
  'mar',
  'mer',
  'jeu',
  'ven',
  'sam',
  'dim',
  'son',
  'die',
  'mit',
  'don',
  'fre',
  'mie',
  'jue',
  'vie',
  'sab',
  'dom',
  'seg',
  'ter',
  'qua',
  'qui',
  'sex',
  'gio',
  'maa',
  'din',
  'woe',
  'vri',
  'zat',
  'zon',
  'man',
  'tis',
  'ons',
  'tor',
  'lor',
  'sun',
  'pon',
  'wto',
  'sro',
  'czw',
  'pia',
  'sob',
  'nie',
  'пон',
  'вто',
  'сре',
  'чет',
  'пят',
  'суб',
  'вос',
  'pzt',
  'sal',
  'car',
  'per',
  'cum',
  'cmt',
  'paz',
  'κυρ',
  'δευ',
  'τρι',
  'τετ',
  'πεμ',
  'παρ',
  'σαβ',
  'het',
  'ked',
  'sze',
  'csu',
  'pen',
  'szo',
  'vas',
]);

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\.$/, '');
}

const MONTHS = new Map<string, number>();
for (const [i, names] of MONTH_NAMES.entries()) for (const n of names) MONTHS.set(fold(n), i + 1);

function monthOf(token: string): number | null {
  const t = fold(token);
  const exact = MONTHS.get(t);
  if (exact) return exact;
  if (t.length < 3) return null;
  // A longer or shorter spelling of a known name ("Sept.", "Janu", "Setembro"): one month must match.
  const hits = new Set<number>();
  for (const [name, m] of MONTHS)
    if (name.length >= 4 && (name.startsWith(t) || (t.startsWith(name) && t.length - name.length <= 3))) hits.add(m);
  return hits.size === 1 ? [...hits][0]! : null;
}

const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

interface Parts {
  y: number;
  mo: number;
  d: number;
  h?: number;
  mi?: number;
  s?: number;
  ms?: number;
  /** Minutes east of UTC; undefined = not stated. */
  offset?: number;
}

function toEpoch(p: Parts, defaultOffset = 0): number | null {
  const { y, mo, d } = p;
  const h = p.h ?? 0;
  const mi = p.mi ?? 0;
  const s = p.s ?? 0;
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo) && h <= 23 && mi <= 59 && s <= 59)) return null;
  const offset = p.offset ?? defaultOffset;
  return Date.UTC(y, mo - 1, d, h, mi, s, p.ms ?? 0) - offset * 60_000;
}

function twoDigitYear(yy: number): number {
  return yy < 50 ? 2000 + yy : 1900 + yy;
}

/** ±HH[:MM] / ±HHMM → minutes east of UTC, or null when out of range. */
function parseOffset(text: string): number | null {
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m) return null;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? 0);
  if (h > 14 || mi > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
}

// W3C-DTF and ISO 8601 extended (a zone only after a time; Google's three-digit month "2003-012-31"; one-digit hours).
const ISO = /^(\d{4})(?:-(\d{1,3})(?:-(\d{1,2}))?)?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{2}:?\d{2})?)?$/i;

function parseIso(s: string): number | null | undefined {
  let m = ISO.exec(s) ?? ISO_BASIC.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, zone] = m;
    const offset = zone === undefined ? undefined : /^z$/i.test(zone) ? 0 : parseOffset(zone);
    if (offset === null) return null;
    const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
    return toEpoch({
      y: Number(y),
      mo: Number(mo ?? 1),
      d: Number(d ?? 1),
      h: num(h),
      mi: num(mi),
      s: num(sec),
      ms: frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0,
      offset,
    });
  }
  // ISO 8601's two-digit-year forms: YYMMDD, YY-MM-DD, -YYMM, -YY-MM, YYDDD (ordinal).
  if ((m = /^(\d{2})-?(\d{2})-?(\d{2})$/.exec(s))) return toEpoch({ y: twoDigitYear(+m[1]!), mo: +m[2]!, d: +m[3]! });
  if ((m = /^-(\d{2})-?(\d{2})$/.exec(s))) return toEpoch({ y: twoDigitYear(+m[1]!), mo: +m[2]!, d: 1 });
  if ((m = /^(\d{2})(\d{3})$/.exec(s))) {
    const y = twoDigitYear(+m[1]!);
    const day = +m[2]!;
    if (day < 1 || day > (daysIn(y, 2) === 29 ? 366 : 365)) return null;
    return Date.UTC(y, 0, day);
  }
  return undefined; // not ISO-shaped: let the next reader try
}

/** Korean date words: 2004년 05월 28일, 오전/오후 (AM/PM); Korean sources mean KST when no zone is given. */
function koreanToLatin(s: string): { text: string; defaultOffset: number } | null {
  if (!/[\uac00-\ud7af]/.test(s)) return null;
  const text = s
    .replace(/(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일/, '$1-$2-$3')
    .replace(/오전/g, ' AM ')
    .replace(/오후/g, ' PM ');
  return { text, defaultOffset: 9 * HOUR };
}

/** Words between date parts; "at" is also a zone (Atlantic), but only as the last token. */
const CONNECTORS = new Set(['at', 'de', 'del', 'um', 'à', 'a', 'le', 'el', 'the', 'of', 'on', 'kl.', 'kl']);

/** RFC 822 and everything shaped like it, in any token order; every token must be understood. */
function parseTokens(input: string, defaultOffset = 0): number | null {
  // A leading weekday in any language is followed by a comma ("Seg, 24 Set 2018", "Κυρ, 11 Ιούλ").
  let s = input.replace(/^\s*[\p{L}.]+\s*,\s*/u, ' ').replace(/,/g, ' ');
  // "+0000 (UTC)" restates the zone; a long name ("(Central European Summer Time)") only counts as a comment after an offset.
  const hasOffset = /(^|\s|gmt|utc)[+-]\d{2}:?\d{2}(\s|$|\()/i.test(s);
  let unreadableZone = false;
  s = s.replace(/\(([^)]*)\)/g, (_all, inner: string) => {
    if (!/\s/.test(inner.trim())) return ` ${inner} `;
    if (!hasOffset) unreadableZone = true;
    return ' ';
  });
  if (unreadableZone) return null;
  // Year-month-name-day inside one token: Hungarian "2004-július-13T9:15-05:00".
  s = s.replace(/(\d{4})-([\p{L}]+)\.?-(\d{1,2})(?=T|\s|$)/u, (all, y: string, name: string, d: string) => {
    const m = monthOf(name);
    return m ? `${y}-${m}-${d}` : all;
  });
  // Chinese and Japanese 2024年6月3日 (Korean is handled before, with its zone).
  s = s.replace(/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/, '$1-$2-$3 ');
  // Ordinals and German day dots ("3rd", "3."), and the dotted European day.month.year.
  s = s.replace(/\b(\d{1,2})(?:st|nd|rd|th|\.)(?=\s)/gi, '$1').replace(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/, '$3-$2-$1');
  const tokens = s.split(/\s+|(?<=\d)T(?=\d)/).filter(Boolean);
  let y: number | undefined;
  let mo: number | undefined;
  let d: number | undefined;
  let time: [number, number, number] | undefined;
  let ampm: 'am' | 'pm' | undefined;
  let offset: number | undefined;
  const bareNumbers: string[] = [];
  for (const [index, token] of tokens.entries()) {
    let m: RegExpExecArray | null;
    const lower = token.toLowerCase();
    if (CONNECTORS.has(lower) && index < tokens.length - 1) continue; // "June 3, 2024 at 10:00", "24 de set de 2018"
    if ((m = /^(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,]\d+)?)?([+-]\d{2}:?\d{2}|z|am|pm)?$/i.exec(token)) && !time) {
      time = [+m[1]!, +m[2]!, +(m[3] ?? 0)];
      if (m[4] && /^[ap]m$/i.test(m[4])) {
        ampm = m[4].toLowerCase() as 'am' | 'pm';
        continue;
      }
      if (m[4]) {
        const o = /^z$/i.test(m[4]) ? 0 : parseOffset(m[4]);
        if (o === null) return null;
        offset = o;
      }
    } else if ((m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(token)) && y === undefined) {
      [y, mo, d] = [+m[1]!, +m[2]!, +m[3]!];
    } else if ((m = /^(\d{1,2})-(\p{L}+)\.?-(\d{4}|\d{2})$/u.exec(token)) && y === undefined && monthOf(m[2]!)) {
      // RFC 850: 03-Jun-24
      [d, mo, y] = [+m[1]!, monthOf(m[2]!)!, m[3]!.length === 2 ? twoDigitYear(+m[3]!) : +m[3]!];
    } else if (/^[+-]\d{1,2}(:?\d{2})?$/.test(token) && offset === undefined) {
      const o = parseOffset(token);
      if (o === null) return null;
      offset = o;
    } else if ((m = /^(gmt|utc|ut)([+-]\d{1,2}(?::?\d{2})?)$/i.exec(token)) && offset === undefined) {
      const o = parseOffset(m[2]!);
      if (o === null) return null;
      offset = o;
    } else if (lower in ZONES) {
      // A zone name after an explicit offset only restates it ("+0000 (UTC)").
      offset ??= ZONES[lower];
    } else if (/^(am|pm|a\.m\.|p\.m\.)$/.test(lower)) {
      ampm = lower.startsWith('a') ? 'am' : 'pm';
    } else if (/^\d{1,4}$/.test(token)) {
      bareNumbers.push(token);
    } else if (monthOf(token) && mo === undefined) {
      mo = monthOf(token)!;
    } else if (WEEKDAYS.has(fold(token).slice(0, 3)) && /^\p{L}+\.?$/u.test(token)) {
      // a weekday: says nothing the date does not
    } else {
      return null; // an unknown word, a zone we do not know, a broken time: no guess
    }
  }
  // Bare numbers: four digits are the year; of the rest, the first is the day and a second a two-digit year.
  for (const n of bareNumbers) {
    if (n.length >= 3 && y === undefined) y = +n;
    else if (d === undefined && n.length <= 2) d = +n;
    else if (y === undefined && n.length <= 2) y = twoDigitYear(+n);
    else return null;
  }
  if (y === undefined || mo === undefined || d === undefined) return null;
  let h = time?.[0];
  if (h !== undefined && ampm) {
    if (h > 12) return null;
    h = (h % 12) + (ampm === 'pm' ? 12 : 0);
  }
  return toEpoch({ y, mo, d, h, mi: time?.[1], s: time?.[2], offset }, defaultOffset);
}

/** ISO timestamp of a feed date; null when unreadable, in an unknown zone, or outside 1990–2100. */
export function parseDate(value: string | null | undefined): string | null {
  const s = value?.normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!s) return null;
  let t = parseIso(s);
  if (t === undefined) {
    const korean = koreanToLatin(s);
    t = korean ? parseTokens(korean.text, korean.defaultOffset) : parseTokens(s);
  }
  if (t === null || Number.isNaN(t)) return null;
  const year = new Date(t).getUTCFullYear();
  if (year < 1990 || year > 2100) return null;
  return new Date(t).toISOString();
}
