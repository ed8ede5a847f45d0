import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/** The cheapest round trip that proves the database answers (readiness probe, worker pause check). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
