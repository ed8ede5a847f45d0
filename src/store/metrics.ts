import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

// Totals read at scrape time by the Prometheus gauges in src/web/metrics.ts.

/** Live deals (rows of deals_clean). */
export async function countLiveDeals(db: Db): Promise<number> {
  const row = await db
    .selectFrom('deals_clean')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Articles per processing status (statuses with no article are absent). */
export async function countArticlesByStatus(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('articles')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return new Map(rows.map((r) => [r.status as string, Number(r.n)]));
}

export interface ExtractionSpend {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** LLM tokens and estimated cost summed over every extraction. */
export async function extractionSpend(db: Db): Promise<ExtractionSpend> {
  const row = await db
    .selectFrom('extractions')
    .select([
      sql<number>`coalesce(sum(input_tokens), 0)`.as('input'),
      sql<number>`coalesce(sum(output_tokens), 0)`.as('output'),
      sql<number>`coalesce(sum(cost_usd), 0)`.as('cost'),
    ])
    .executeTakeFirstOrThrow();
  return { inputTokens: Number(row.input), outputTokens: Number(row.output), costUsd: Number(row.cost) };
}
