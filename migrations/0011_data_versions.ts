import { sql, type Kysely } from 'kysely';

// Versions of data derived by code rather than by the schema: 'keys' is the KEYS_VERSION
// (src/normalise/company.ts) the stored name keys were computed with. No row means unknown (a
// database keyed before versions were recorded): the startup re-key recomputes every key, then
// records the version (src/pipeline/rekey.ts).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE data_versions (
      name text PRIMARY KEY,
      version integer NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`COMMENT ON TABLE data_versions IS 'Version of code-derived data applied to the rows: keys = KEYS_VERSION of company and investor name keys.'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS data_versions`.execute(db);
}
