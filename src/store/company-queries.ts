import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { CompaniesCleanView, DealsCleanView } from '../db/types.js';
import { keysOf } from '../dedupe/company.js';

// Read side of companies for the API and the company page: the live set (companies_clean) with a
// name filter and keyset paging, one company's clean deals in date order, and its audit trail.
// Searching for a merge target and the operator's writes are in companies.ts.

export interface LiveCompanyFilters {
  /** Any of its names contains the text (case-insensitive), or has the same loose key prefix. */
  q?: string;
  country?: string;
}

/** Keyset position after a row: by name, then id. */
export interface LiveCompanyPosition {
  name: string;
  id: number;
}

function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Up to `limit` live companies matching `filters`, by name then id, starting after `after`. */
export async function listLiveCompanies(
  db: Db,
  filters: LiveCompanyFilters,
  opts: { after?: LiveCompanyPosition; limit: number },
): Promise<CompaniesCleanView[]> {
  let q = db.selectFrom('companies_clean as c').selectAll('c');
  if (filters.country) q = q.where('c.country', '=', filters.country);
  if (filters.q) {
    const text = filters.q.trim();
    const { loose } = keysOf(text);
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('company_aliases as a')
          .select(sql`1`.as('one'))
          .whereRef('a.company_id', '=', 'c.id')
          .where((eb) =>
            // loose keys hold only letters and digits, so the prefix needs no LIKE escaping.
            eb.or([eb('a.name', 'ilike', containsPattern(text)), ...(loose ? [eb('a.loose_key', 'like', `${loose}%`)] : [])]),
          ),
      ),
    );
  }
  if (opts.after) {
    const { name, id } = opts.after;
    q = q.where((eb) => eb.or([eb('c.name', '>', name), eb.and([eb('c.name', '=', name), eb('c.id', '>', id)])]));
  }
  return q.orderBy('c.name').orderBy('c.id').limit(opts.limit).execute();
}

/** One live company (not merged away), or undefined. */
export async function findLiveCompany(db: Db, id: number): Promise<CompaniesCleanView | undefined> {
  return db.selectFrom('companies_clean').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Where a company went: its merged_into, or undefined when it does not exist. */
export async function companyMergedInto(db: Db, id: number): Promise<number | null | undefined> {
  const row = await db.selectFrom('companies').select('merged_into').where('id', '=', id).executeTakeFirst();
  return row ? row.merged_into : undefined;
}

/** A company's clean deals, earliest first (undated last). */
export async function liveCompanyDeals(db: Db, companyId: number): Promise<DealsCleanView[]> {
  return db
    .selectFrom('deals_clean')
    .selectAll()
    .where('company_id', '=', companyId)
    .orderBy(sql`announced_on ASC NULLS LAST`)
    .orderBy('id')
    .execute();
}

/** Operator actions on the company (merges into it, splits off it), oldest first. */
export async function companyAudit(db: Db, companyId: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('target_type', '=', 'company'), eb('target_id', '=', companyId)]),
        eb(sql`detail->'after'->>'new_company'`, '=', String(companyId)),
      ]),
    )
    .orderBy('id')
    .execute();
}
