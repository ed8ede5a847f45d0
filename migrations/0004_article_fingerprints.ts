import { sql, type Kysely } from 'kysely';

// Near-duplicate lookup without a scan: two 64-bit simhashes within Hamming distance 3 agree on at
// least one of their four 16-bit bands (pigeonhole), so one indexed equality per band finds candidates.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (let band = 0; band < 4; band++) {
    await sql
      .raw(`CREATE INDEX articles_simhash_band${band}_idx ON articles (substr(simhash, ${band * 4 + 1}, 4)) WHERE simhash IS NOT NULL`)
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (let band = 0; band < 4; band++) await sql.raw(`DROP INDEX IF EXISTS articles_simhash_band${band}_idx`).execute(db);
}
