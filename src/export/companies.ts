import { z } from 'zod';
import type { Db } from '../db/connect.js';
import type { CompaniesCleanView, DealsCleanView } from '../db/types.js';
import {
  companyMergedInto,
  findLiveCompany,
  listLiveCompanies,
  liveCompanyDeals,
  type LiveCompanyPosition,
} from '../store/company-queries.js';
import { FilterError, parseWith } from './filters.js';

// GET /api/companies and /api/companies/:id over companies_clean, with the same conventions as
// /api/deals: zod-validated query (a bad or unknown parameter is a 400 naming it), keyset paging.

export const CompanyPageQuery = z.strictObject({
  /** a part of any name the company was written as */
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters')
    .optional(),
  country: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'))
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(400).optional(),
});
export type CompanyPageQuery = z.infer<typeof CompanyPageQuery>;

export const parseCompanyPageQuery = (input: unknown): CompanyPageQuery => parseWith(CompanyPageQuery, input);

function encodeCursor(c: LiveCompanyPosition): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(s: string): LiveCompanyPosition {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as LiveCompanyPosition;
    if (Number.isSafeInteger(c.id) && typeof c.name === 'string') return { name: c.name, id: c.id };
  } catch {
    // fall through to the error below
  }
  throw new FilterError('cursor: invalid or corrupted cursor', ['cursor']);
}

export interface CompaniesPage {
  companies: CompaniesCleanView[];
  next_cursor: string | null;
}

/** One page of live companies by name, then id. */
export async function fetchCompaniesPage(db: Db, query: CompanyPageQuery): Promise<CompaniesPage> {
  const { limit, cursor, ...filters } = query;
  const rows = await listLiveCompanies(db, filters, { after: cursor ? decodeCursor(cursor) : undefined, limit: limit + 1 });
  const companies = rows.slice(0, limit);
  const last = companies.at(-1);
  return { companies, next_cursor: rows.length > limit && last ? encodeCursor({ name: last.name, id: last.id }) : null };
}

export type CompanyRecord = CompaniesCleanView & { deals: DealsCleanView[] };

/**
 * A live company with its names and its clean deals in date order (earliest first, undated last).
 * `merged_into` when the id was merged into another company; null when it does not exist.
 */
export async function fetchCompany(db: Db, id: number): Promise<{ company: CompanyRecord } | { merged_into: number | null }> {
  const company = await findLiveCompany(db, id);
  if (!company) return { merged_into: (await companyMergedInto(db, id)) ?? null };
  return { company: { ...company, deals: await liveCompanyDeals(db, id) } };
}
