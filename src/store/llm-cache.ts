import type { Db } from '../db/connect.js';

// The llm_cache table: one stored model answer per cache key (src/extract/llm/cache.ts builds the key).

export interface LlmCacheRow {
  response: unknown;
  input_tokens: number;
  output_tokens: number;
}

export async function readLlmCache(db: Db, key: string): Promise<LlmCacheRow | undefined> {
  return db.selectFrom('llm_cache').select(['response', 'input_tokens', 'output_tokens']).where('key', '=', key).executeTakeFirst();
}

/** Insert or replace the answer stored under `key`. */
export async function writeLlmCache(db: Db, key: string, row: LlmCacheRow): Promise<void> {
  const values = { key, response: JSON.stringify(row.response), input_tokens: row.input_tokens, output_tokens: row.output_tokens };
  await db
    .insertInto('llm_cache')
    .values(values)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ response: values.response, input_tokens: values.input_tokens, output_tokens: values.output_tokens }),
    )
    .execute();
}
