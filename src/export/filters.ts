import { z } from 'zod';
import type { Db } from '../db/connect.js';
import type { DealsCleanView } from '../db/types.js';
import { Region, Round, Status } from '../deal/schema.js';
import { listLiveDeals, type LiveDealPosition } from '../store/deal-queries.js';

// One filter implementation for the HTTP API and the exports, both reading deals_clean.

/** True for a YYYY-MM-DD string naming a day that exists (no 2026-02-30, no month 13, no year 0). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const last = new Date(0);
  last.setUTCFullYear(y, mo, 0); // day 0 of the next month is this month's last day
  return d <= last.getUTCDate();
}

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine(isCalendarDate, 'must be a real calendar date');
// PostgreSQL rejects NUL in text and control characters have no place in a name search.
const searchText = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters');

export const DealFilters = z.strictObject({
  /** announced_on on or after this date */
  since: date.optional(),
  round: Round.optional(),
  country: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'))
    .optional(),
  region: Region.optional(),
  min_usd: z.coerce.number().nonnegative().finite().optional(),
  /** case-insensitive substring of the company name */
  company: searchText.optional(),
  status: Status.optional(),
});
export type DealFilters = z.infer<typeof DealFilters>;

export const DealPageQuery = DealFilters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export type DealPageQuery = z.infer<typeof DealPageQuery>;

/** Bad filter or query input; `params` names the offending parameters (for a 400 response). */
export class FilterError extends Error {
  constructor(
    message: string,
    readonly params: string[] = [],
  ) {
    super(message);
    this.name = 'FilterError';
  }
}

/** Parse `input` with `schema`, or throw a FilterError naming every bad parameter (unknown ones too). */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const params = new Set<string>();
  const parts = r.error.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? i.keys : [String(i.path[0] ?? 'query')];
    for (const k of keys) params.add(k);
    return i.code === 'unrecognized_keys' ? `${keys.join(', ')}: unknown parameter` : `${i.path.join('.') || 'query'}: ${i.message}`;
  });
  throw new FilterError(parts.join('; '), [...params]);
}

export const parseDealFilters = (input: unknown): DealFilters => parseWith(DealFilters, input);
export const parseDealPageQuery = (input: unknown): DealPageQuery => parseWith(DealPageQuery, input);

/** Position after the last row of a page: newest announced first, undated deals last, then id. */
type Cursor = LiveDealPosition;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (Number.isSafeInteger(c.id) && (c.a === null || (typeof c.a === 'string' && isCalendarDate(c.a)))) return { a: c.a, id: c.id };
  } catch {
    // fall through to the error below
  }
  throw new FilterError('cursor: invalid or corrupted cursor', ['cursor']);
}

export interface DealsPage {
  deals: DealsCleanView[];
  next_cursor: string | null;
}

export async function fetchDealsPage(db: Db, query: DealPageQuery): Promise<DealsPage> {
  const { limit, cursor, ...filters } = query;
  // One row more than asked tells whether there is a next page.
  const rows = await listLiveDeals(db, filters, { after: cursor ? decodeCursor(cursor) : undefined, limit: limit + 1 });
  const deals = rows.slice(0, limit);
  const last = deals.at(-1);
  return { deals, next_cursor: rows.length > limit && last ? encodeCursor({ a: last.announced_on, id: last.id }) : null };
}
