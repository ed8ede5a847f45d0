import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '../../src/db/connect.js';
import { inject } from 'vitest';
import { TEST_PG_URL, urlFor } from './env.js';

export interface TestDb {
  db: Db;
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, migrated database for one test file, cloned from the template made in global setup. */
export async function createTestDb(): Promise<TestDb> {
  const name = `dealflow_test_${randomBytes(6).toString('hex')}`;
  const template = inject('templateDb');
  // Cloning needs the template to be idle; retry briefly if another file is cloning at the same moment.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      break;
    } catch (err) {
      if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = urlFor(name);
  const db = createDb(url, 5);
  return {
    db,
    url,
    name,
    drop: async () => {
      await db.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
