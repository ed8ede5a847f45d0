import pg from 'pg';

// Benchmarks create their own throw-away databases on this server (never the app's database).
const SERVER = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/';

export function positiveInt(v: string | undefined, name: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got ${String(v)}`);
  return n;
}

export function benchDbUrl(database: string): string {
  const u = new URL(SERVER);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Run one statement on the maintenance database (CREATE/DROP DATABASE). */
export async function admin(statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: benchDbUrl('postgres') });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}
