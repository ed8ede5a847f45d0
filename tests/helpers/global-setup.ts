import pg from 'pg';
import { createDb } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { TEMPLATE_DB, TEST_PG_URL, urlFor } from './env.js';

// Migrate one template database per run; each test file clones it (CREATE DATABASE … TEMPLATE),
// which is far faster than migrating per file and keeps files isolated.
export default async function setup(): Promise<void> {
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const db = createDb(urlFor(TEMPLATE_DB), 1);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}
