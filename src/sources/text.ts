import * as cheerio from 'cheerio';

const SUMMARY_MAX = 1000;

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Collapse whitespace and cap length (at a word boundary when one is near); empty → null. */
export function cleanText(value: string | null | undefined, max = SUMMARY_MAX): string | null {
  const text = value ? collapse(value) : '';
  if (!text) return null;
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

/**
 * Plain text from a feed field that may hold escaped HTML, CDATA HTML or HTML entities
 * (&nbsp;, &eacute; survive XML parsing untouched). Empty → null.
 */
export function htmlToText(value: string | null | undefined, max = SUMMARY_MAX): string | null {
  if (!value) return null;
  let text = value;
  if (/[<&]/.test(text)) {
    const $ = cheerio.load(text, { xml: { xmlMode: false, decodeEntities: true } });
    $('script, style, noscript').remove();
    text = $.root().text();
  }
  return cleanText(text, max);
}

const TZ_ABBREV = /\s+\(?[A-Z]{2,5}\)?$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5}\)?)$/;

/** Date.parse reads zone-less timestamps as local time: make them UTC so results do not depend on the host. */
function assumeUtc(s: string): string {
  if (HAS_ZONE.test(s)) return s;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d/.test(s)) return `${s.replace(' ', 'T')}Z`;
  if (/\d{1,2}:\d{2}/.test(s)) return `${s} GMT`;
  return s; // date-only ISO strings are already UTC
}

/** ISO timestamp from RFC 822, ISO 8601 or similar; null when unparsable, year-less or implausible. */
export function parseDate(value: string | null | undefined): string | null {
  const s = value?.trim();
  // Without a year ("May 20") V8 guesses 2001: better no date than a wrong one.
  if (!s || !/(^|\D)(19|20)\d\d(\D|$)/.test(s)) return null;
  let t = Date.parse(assumeUtc(s));
  // Zone names V8 does not know (CEST, IST, …): read the wall time as UTC rather than drop the date.
  if (Number.isNaN(t) && TZ_ABBREV.test(s)) t = Date.parse(`${s.replace(TZ_ABBREV, '')} GMT`);
  if (Number.isNaN(t)) return null;
  const year = new Date(t).getUTCFullYear();
  if (year < 1990 || year > 2100) return null;
  return new Date(t).toISOString();
}
