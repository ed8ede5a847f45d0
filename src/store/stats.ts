import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

export interface WeeklyPoint {
  /** Monday of the ISO week, YYYY-MM-DD. */
  week: string;
  /** Region or round, by the grouping asked for; 'unknown' when the deal has none. */
  group: string;
  deals: number;
  usd: number;
}

export interface TopInvestor {
  name: string;
  deals: number;
  leads: number;
  usd: number;
}

/** Live deals per announcement week for the last `weeks` weeks up to `until`, by region or by round. */
export async function weeklyDeals(db: Db, by: 'region' | 'round', opts: { weeks?: number; until?: string } = {}): Promise<WeeklyPoint[]> {
  const weeks = Math.min(Math.max(opts.weeks ?? 12, 1), 104);
  const until = opts.until ?? new Date().toISOString().slice(0, 10);
  const group = by === 'region' ? sql<string>`COALESCE(region, 'unknown')` : sql<string>`round`;
  const { rows } = await sql<{ week: string; group: string; deals: number; usd: number }>`
    SELECT to_char(date_trunc('week', announced_on), 'YYYY-MM-DD') AS week, ${group} AS "group",
           count(*)::int AS deals, COALESCE(sum(amount_usd), 0)::float8 AS usd
    FROM deals_clean
    WHERE announced_on > ${until}::date - ${weeks * 7}::int AND announced_on <= ${until}::date
    GROUP BY 1, 2 ORDER BY 1, 2`.execute(db);
  return rows;
}

/** Investors in the most live deals announced in the window (leads and USD volume alongside). */
export async function topInvestors(db: Db, opts: { weeks?: number; until?: string; limit?: number } = {}): Promise<TopInvestor[]> {
  const weeks = Math.min(Math.max(opts.weeks ?? 12, 1), 104);
  const until = opts.until ?? new Date().toISOString().slice(0, 10);
  const { rows } = await sql<TopInvestor>`
    SELECT i.name, count(*)::int AS deals, count(*) FILTER (WHERE di.lead)::int AS leads, COALESCE(sum(d.amount_usd), 0)::float8 AS usd
    FROM deals_clean d
    JOIN deal_investors di ON di.deal_id = d.id
    JOIN investors i ON i.id = di.investor_id
    WHERE d.announced_on > ${until}::date - ${weeks * 7}::int AND d.announced_on <= ${until}::date
    GROUP BY i.id, i.name ORDER BY deals DESC, usd DESC, i.name LIMIT ${Math.min(Math.max(opts.limit ?? 10, 1), 100)}`.execute(db);
  return rows;
}

/** The latest announcement date among live deals (not after today), or today when there are none. */
export async function latestAnnounced(db: Db): Promise<string> {
  const today = new Date().toISOString().slice(0, 10);
  const row = await db
    .selectFrom('deals_clean')
    .select((eb) => eb.fn.max('announced_on').as('d'))
    .where('announced_on', '<=', today)
    .executeTakeFirst();
  return (row?.d as string | null | undefined) ?? today;
}
