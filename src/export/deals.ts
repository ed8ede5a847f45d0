import { once } from 'node:events';
import type { Db } from '../db/connect.js';
import type { DealsCleanView } from '../db/types.js';
import { fetchDealsPage, type DealFilters } from './filters.js';

export type ExportFormat = 'csv' | 'ndjson';

export const CSV_COLUMNS = [
  'id',
  'company_name',
  'country',
  'region',
  'round',
  'status',
  'amount_value',
  'amount_currency',
  'amount_usd',
  'valuation_value',
  'valuation_currency',
  'valuation_usd',
  'announced_on',
  'investors_text',
  'lead_investors',
  'source_count',
  'first_seen_at',
  'last_seen_at',
  'confidence',
  'needs_review',
  'fx_rate',
  'fx_date',
  'fx_source',
  'company_id',
] as const satisfies readonly (keyof DealsCleanView)[];

const PAGE = 500;

/** RFC 4180 field; cells a spreadsheet would evaluate (= + - @, also tab/CR) get a leading apostrophe. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  // Respect backpressure so a slow consumer never makes us buffer the whole table.
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Stream live deals matching `filters` from deals_clean, page by page (keyset), as CSV or NDJSON. Returns rows written. */
export async function exportDeals(
  db: Db,
  opts: { format: ExportFormat; filters: DealFilters },
  out: NodeJS.WritableStream,
): Promise<number> {
  let count = 0;
  if (opts.format === 'csv') await write(out, `${CSV_COLUMNS.join(',')}\r\n`);
  let cursor: string | undefined;
  for (;;) {
    const page = await fetchDealsPage(db, { ...opts.filters, limit: PAGE, cursor });
    const lines = page.deals.map((d) =>
      opts.format === 'csv' ? `${CSV_COLUMNS.map((c) => csvCell(d[c])).join(',')}\r\n` : `${JSON.stringify(d)}\n`,
    );
    if (lines.length) await write(out, lines.join(''));
    count += page.deals.length;
    if (!page.next_cursor) return count;
    cursor = page.next_cursor;
  }
}
