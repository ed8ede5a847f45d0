import { sql, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/connect.js';
import type { Database, DealsCleanView } from '../db/types.js';
import { Region, Round, Status } from '../deal/schema.js';

// One filter implementation for the HTTP API and the exports, both reading deals_clean.

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');

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
  company: z.string().trim().min(1).max(200).optional(),
  status: Status.optional(),
});
export type DealFilters = z.infer<typeof DealFilters>;

export const DealPageQuery = DealFilters.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
});
export type DealPageQuery = z.infer<typeof DealPageQuery>;

export class FilterError extends Error {}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) throw new FilterError(r.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
  return r.data;
}

export const parseDealFilters = (input: unknown): DealFilters => parseWith(DealFilters, input);
export const parseDealPageQuery = (input: unknown): DealPageQuery => parseWith(DealPageQuery, input);

type DealsQuery = SelectQueryBuilder<Database, 'deals_clean', DealsCleanView>;

function applyFilters(q: DealsQuery, f: DealFilters): DealsQuery {
  if (f.since) q = q.where('announced_on', '>=', f.since);
  if (f.round) q = q.where('round', '=', f.round);
  if (f.country) q = q.where('country', '=', f.country);
  if (f.region) q = q.where('region', '=', f.region);
  if (f.min_usd !== undefined) q = q.where('amount_usd', '>=', f.min_usd);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.company) q = q.where('company_name', 'ilike', `%${f.company.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q;
}

/** Position after the last row of a page: newest announced first, undated deals last, then id. */
interface Cursor {
  a: string | null;
  id: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (Number.isSafeInteger(c.id) && (c.a === null || (typeof c.a === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(c.a)))) return { a: c.a, id: c.id };
  } catch {
    // fall through to the error below
  }
  throw new FilterError('cursor: invalid or corrupted cursor');
}

function afterCursor(q: DealsQuery, c: Cursor): DealsQuery {
  // Keyset over (announced_on DESC NULLS LAST, id DESC); NULL dates form the final segment.
  if (c.a === null) return q.where('announced_on', 'is', null).where('id', '<', c.id);
  const a = c.a;
  return q.where((eb) =>
    eb.or([eb('announced_on', '<', a), eb.and([eb('announced_on', '=', a), eb('id', '<', c.id)]), eb('announced_on', 'is', null)]),
  );
}

export interface DealsPage {
  deals: DealsCleanView[];
  next_cursor: string | null;
}

export async function fetchDealsPage(db: Db, query: DealPageQuery): Promise<DealsPage> {
  const { limit, cursor, ...filters } = query;
  let q = applyFilters(db.selectFrom('deals_clean').selectAll(), filters);
  if (cursor) q = afterCursor(q, decodeCursor(cursor));
  const rows = await q
    .orderBy(sql`announced_on DESC NULLS LAST`)
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const deals = rows.slice(0, limit);
  const last = deals.at(-1);
  return { deals, next_cursor: rows.length > limit && last ? encodeCursor({ a: last.announced_on, id: last.id }) : null };
}
