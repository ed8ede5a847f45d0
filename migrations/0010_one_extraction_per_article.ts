import { sql, type Kysely } from 'kysely';

// One successful extraction per article, enforced by the database: recording an extraction is then
// one INSERT … ON CONFLICT DO NOTHING instead of a transaction that locks the article, reads and
// inserts (four round trips), and loading an article can join its extraction. Rows a concurrent
// attempt left behind before recordExtraction serialised attempts are kept for audit, marked as
// superseded by the earliest one (the one every reader already used).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    UPDATE extractions e SET error = 'superseded: a second extraction of the same article'
    WHERE e.error IS NULL
      AND EXISTS (SELECT 1 FROM extractions f WHERE f.article_id = e.article_id AND f.error IS NULL AND f.id < e.id)`.execute(db);
  await sql`CREATE UNIQUE INDEX extractions_one_per_article_idx ON extractions (article_id) WHERE error IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS extractions_one_per_article_idx`.execute(db);
}
