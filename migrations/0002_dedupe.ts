import { sql, type Kysely } from 'kysely';

// saveDeals checks an article's existing review items before adding new ones (idempotent re-saves);
// without this index that check scans every review item.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX review_items_article_idx ON review_items (article_id, deal_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS review_items_article_idx`.execute(db);
}
