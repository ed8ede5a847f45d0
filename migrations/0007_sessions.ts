import { sql, type Kysely } from 'kysely';

// Review UI login sessions, kept server-side so logging out (or deleting a row) ends a session at
// once instead of a signed cookie staying valid until it expires. Only a SHA-256 of the random
// session id is stored: a database read does not yield usable cookies.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE web_sessions (
      id_hash text PRIMARY KEY,
      username text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    )
  `.execute(db);
  await sql`CREATE INDEX web_sessions_expires_at_idx ON web_sessions (expires_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS web_sessions`.execute(db);
}
