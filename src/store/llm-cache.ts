import { RawExtraction } from '../deal/schema.js';
import type { Db } from '../db/connect.js';

/** A stored model answer for one article, with the tokens the original run spent. */
export interface CachedResponse {
  raw: RawExtraction;
  inputTokens: number;
  outputTokens: number;
}

export interface LlmCache {
  get(key: string): Promise<CachedResponse | null>;
  set(key: string, value: CachedResponse): Promise<void>;
}

/** A stored row as a cached answer; a row that no longer matches the schema reads as a miss. */
export function cachedResponseOf(
  row: { response: unknown; input_tokens: number; output_tokens: number } | null | undefined,
): CachedResponse | null {
  if (!row) return null;
  const raw = RawExtraction.safeParse(row.response);
  if (!raw.success) return null;
  return { raw: raw.data, inputTokens: row.input_tokens, outputTokens: row.output_tokens };
}

/** The row `set` writes (the pipeline writes the same row beside its extraction record). */
export function cacheRow(key: string, value: CachedResponse) {
  return { key, response: JSON.stringify(value.raw), input_tokens: value.inputTokens, output_tokens: value.outputTokens };
}

/** The cache on the `llm_cache` table. */
export function createPgLlmCache(db: Db): LlmCache {
  return {
    async get(key) {
      const row = await db
        .selectFrom('llm_cache')
        .select(['response', 'input_tokens', 'output_tokens'])
        .where('key', '=', key)
        .executeTakeFirst();
      return cachedResponseOf(row);
    },
    async set(key, value) {
      const row = cacheRow(key, value);
      await db
        .insertInto('llm_cache')
        .values(row)
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({ response: row.response, input_tokens: row.input_tokens, output_tokens: row.output_tokens }),
        )
        .execute();
    },
  };
}
