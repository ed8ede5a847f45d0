import { RawExtraction } from '../deal/schema.js';
import type { Db } from '../db/connect.js';

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

/** The article's successful extraction, when an earlier attempt stored one (its raw answer re-validated). */
export async function storedExtraction(db: Db, articleId: number): Promise<StoredExtraction | undefined> {
  const row = await db
    .selectFrom('extractions')
    .select(['id', 'raw'])
    .where('article_id', '=', articleId)
    .where('error', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  const raw = row ? RawExtraction.safeParse(row.raw) : undefined;
  return row && raw?.success ? { id: row.id, raw: raw.data, reused: true } : undefined;
}

/**
 * Insert the extraction unless another attempt of the same article got there first. The article
 * row lock serialises the check and the insert, so two workers running one article (a stalled job
 * re-run while the first attempt is still alive) still leave exactly one extraction row.
 */
export async function recordExtraction(db: Db, articleId: number, record: ExtractionRecord): Promise<StoredExtraction> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('articles').select('id').where('id', '=', articleId).forUpdate().execute();
    const existing = await storedExtraction(trx, articleId);
    if (existing) return existing;
    const id = await insertExtraction(trx, { articleId, ...record });
    return { id, raw: record.raw, reused: false };
  });
}

export async function insertExtraction(
  db: Db,
  row: {
    articleId: number;
    engine: 'llm' | 'offline';
    model: string | null;
    promptVersion: string | null;
    raw: unknown;
    deals: unknown;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
    durationMs: number;
    cached: boolean;
    error?: string | null;
  },
): Promise<number> {
  const r = await db
    .insertInto('extractions')
    .values({
      article_id: row.articleId,
      engine: row.engine,
      model: row.model,
      prompt_version: row.promptVersion,
      raw: JSON.stringify(row.raw),
      deals: JSON.stringify(row.deals),
      input_tokens: row.inputTokens,
      output_tokens: row.outputTokens,
      cost_usd: row.costUsd,
      duration_ms: Math.round(row.durationMs),
      cached: row.cached,
      error: row.error ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}
