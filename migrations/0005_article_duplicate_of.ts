import { sql, type Kysely } from 'kysely';

// Linking a syndicated copy to its original's deals joins articles on duplicate_of for every
// processed article; without an index that join scans the whole articles table each time, so
// ingest cost per article grew with the table (measured by bench/load.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX articles_duplicate_of_idx ON articles (duplicate_of) WHERE duplicate_of IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS articles_duplicate_of_idx`.execute(db);
}
