import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { TEST_PG_URL, urlFor } from './env.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}

async function admin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

// Migrate one template database per run; each test file clones it (CREATE DATABASE … TEMPLATE),
// which is far faster than migrating per file and keeps files isolated. The name is per run so
// concurrent runs on one machine never drop each other's template.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const template = `dealflow_test_tpl_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${template}`);
  const db = createDb(urlFor(template), 1);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  project.provide('templateDb', template);
  return () => admin(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
}
