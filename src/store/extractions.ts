import { RawExtraction } from '../deal/schema.js';
import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { cacheRow, type CachedResponse } from './llm-cache.js';

export interface ExtractionRecord {
  engine: 'llm' | 'offline';
  model: string | null;
  promptVersion: string | null;
  raw: RawExtraction;
  /** The normalised deals, kept beside the raw answer for audit. */
  deals: unknown[];
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  durationMs: number;
  cached: boolean;
}

export interface StoredExtraction {
  id: number;
  raw: RawExtraction;
  /** True when an earlier attempt had stored it (no new engine call was recorded). */
  reused: boolean;
}

/** A stored row as the article's extraction; a raw answer that no longer fits the schema reads as none. */
export function storedExtractionOf(row: { id: number; raw: unknown } | undefined): StoredExtraction | undefined {
  const raw = row ? RawExtraction.safeParse(row.raw) : undefined;
  return row && raw?.success ? { id: row.id, raw: raw.data, reused: true } : undefined;
}

/** The article's successful extraction, when an earlier attempt stored one (its raw answer re-validated). */
export async function storedExtraction(db: Db, articleId: number): Promise<StoredExtraction | undefined> {
  // At most one row: extractions_one_per_article_idx.
  const row = await db
    .selectFrom('extractions')
    .select(['id', 'raw'])
    .where('article_id', '=', articleId)
    .where('error', 'is', null)
    .executeTakeFirst();
  return storedExtractionOf(row);
}

/**
 * Insert the extraction unless another attempt of the same article got there first, and store a
 * fresh LLM answer in the cache, in one round trip. The unique index on the article's successful
 * extraction decides between two workers running one article (a stalled job re-run while the first
 * attempt is still alive): the second insert waits for the first and then does nothing, and that
 * attempt reads the winner's row and uses it, so every attempt stores the same deals.
 */
export async function recordExtraction(
  db: Db,
  articleId: number,
  record: ExtractionRecord,
  cache?: { key: string; value: CachedResponse },
): Promise<StoredExtraction> {
  const cacheWrite = cache
    ? (() => {
        const row = cacheRow(cache.key, cache.value);
        return sql`, cache AS (
          INSERT INTO llm_cache (key, response, input_tokens, output_tokens)
          VALUES (${row.key}, ${row.response}, ${row.input_tokens}, ${row.output_tokens})
          ON CONFLICT (key) DO UPDATE SET
            response = excluded.response, input_tokens = excluded.input_tokens, output_tokens = excluded.output_tokens
        )`;
      })()
    : sql``;
  const { rows } = await sql<{ id: number }>`
    WITH inserted AS (
      INSERT INTO extractions
        (article_id, engine, model, prompt_version, raw, deals, input_tokens, output_tokens, cost_usd, duration_ms, cached)
      VALUES (${articleId}, ${record.engine}, ${record.model}, ${record.promptVersion}, ${JSON.stringify(record.raw)},
        ${JSON.stringify(record.deals)}, ${record.inputTokens}, ${record.outputTokens}, ${record.costUsd},
        ${Math.round(record.durationMs)}, ${record.cached})
      ON CONFLICT (article_id) WHERE error IS NULL DO NOTHING
      RETURNING id
    )${cacheWrite}
    SELECT id FROM inserted`.execute(db);
  if (rows[0]) return { id: rows[0].id, raw: record.raw, reused: false };
  const winner = await storedExtraction(db, articleId);
  if (winner) return winner;
  // The stored answer no longer fits the schema (read as none, so this attempt extracted again):
  // retire it, keeping it for audit, and store this one.
  await db.updateTable('extractions').set({ error: SUPERSEDED }).where('article_id', '=', articleId).where('error', 'is', null).execute();
  return recordExtraction(db, articleId, record, cache);
}

const SUPERSEDED = 'superseded: its raw answer no longer fits the schema';
