// Incremental dedupe cost at scale: bulk-load 1M deals, then time saveDeals one article at a time.
// Usage: node --import tsx bench/dedupe.ts [--json] [--deals N] [--companies N] [--calls N] [--keep]
// Database server: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/); the database
// dealflow_bench_dedupe is dropped and recreated on every run (and dropped at the end unless --keep).
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CompiledQuery, Kysely, PostgresDialect, sql } from 'kysely';
import { createPool } from '../src/db/connect.js'; // also registers the numeric/int8/date type parsers
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/types.js';
import type { Deal, Round, Status } from '../src/deal/schema.js';
import { keysOf } from '../src/dedupe/company.js';
import { companyKey, investorKey, looseKey, nameSkeleton } from '../src/normalise/company.js';
import { prepareQuery, saveDeals, type SaveAction } from '../src/store/deals.js';
import { admin, benchDbUrl, positiveInt } from './lib/db.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    deals: { type: 'string', default: '1000000' },
    companies: { type: 'string', default: '300000' },
    calls: { type: 'string', default: '1000' },
  },
});
const DEALS = positiveInt(args.deals, 'deals');
const COMPANIES = positiveInt(args.companies, 'companies');
const CALLS = positiveInt(args.calls, 'calls');
const INVESTORS = 20_000;
const WARMUP = 20;
const DB_NAME = 'dealflow_bench_dedupe';

// The bench's names must key the way saveDeals keys them, or every "existing" company would look new.
for (const [name, key, fn] of [
  ['Benchco12', 'benchco12', companyKey],
  ['Benchco12', 'benchco12', looseKey],
  ['Benchco12', 'bnchc12', nameSkeleton],
  ['Benchco112', 'bnchc112', nameSkeleton],
  ['Fund 7', 'fund 7', investorKey],
] as const) {
  if (fn(name) !== key) throw new Error(`bench naming assumption broken: key(${name}) = ${fn(name)}, expected ${key}`);
}

/** Query time of the current saveDeals call: kysely's log reports each round trip's duration. */
const meter = { ms: 0, queries: 0, byStatement: new Map<string, number[]>() };
function statementLabel(text: string): string {
  // executeAround's header: name the statements that ride along instead of printing it.
  const around = /^@dealflow:around (.*)\n/.exec(text);
  const parts = around ? (JSON.parse(around[1]!) as { before: string[]; after: string[] }) : { before: [], after: [] };
  const body = (around ? text.slice(around[0].length) : text).replace(/\s+/g, ' ').replace(/-?\d+/g, '#').trim();
  const label = `${parts.before.length > 0 ? '[BEGIN…] ' : ''}${body.slice(0, 30)}${parts.after.includes('COMMIT') ? ' [COMMIT]' : ''}`;
  return label.slice(0, 48);
}
function timedDb(url: string): Kysely<Database> {
  // The application's pool (prepared statements), as the pipeline runs saveDeals: without it every
  // call pays PostgreSQL's parse and plan of each statement again (~3.8 ms for the blocking query).
  const pool = createPool(url, 1);
  return new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      meter.ms += e.queryDurationMillis;
      meter.queries += 1;
      const label = statementLabel(e.query.sql);
      const list = meter.byStatement.get(label) ?? [];
      list.push(e.queryDurationMillis);
      meter.byStatement.set(label, list);
    },
  });
}

/** A bound parameter as an SQL literal (for EXECUTE of a PREPAREd statement; types come from its casts). */
function sqlLiteral(v: unknown): string {
  const quote = (x: string) => `'${x.replace(/'/g, "''")}'`;
  const element = (x: unknown): string => (x === null ? 'NULL' : `"${String(x).replace(/(["\\])/g, '\\$1')}"`);
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return quote(`{${v.map(element).join(',')}}`);
  if (v instanceof Date) return quote(v.toISOString());
  return quote(String(v));
}

async function load(db: Kysely<Database>): Promise<void> {
  const round = `(array['pre_seed','seed','seed','seed','angel','series_a','series_a','series_a','series_b','series_b','series_c','series_d','series_e','series_unknown','series_unknown','undisclosed','debt','grant','strategic','convertible_note'])[1 + floor(random() * 20)::int]`;
  // Generated rows are consistent by construction: skip per-row FK triggers (session_replication_role,
  // superuser) and WAL flushes while loading; both are reset before the timed calls.
  await sql.raw(`SET synchronous_commit = off; SET session_replication_role = replica`).execute(db);
  await sql
    .raw(
      `INSERT INTO companies (name, name_key, country, region)
       SELECT 'Benchco' || g, 'benchco' || g, c.country, c.region
       FROM generate_series(1, ${COMPANIES}) g
       CROSS JOIN LATERAL (SELECT (array['US','US','US','GB','DE','FR','IN','IL','SG','BR'])[1 + g % 10] AS country) c0
       CROSS JOIN LATERAL (SELECT c0.country, CASE c0.country WHEN 'US' THEN 'north_america' WHEN 'BR' THEN 'latin_america'
         WHEN 'IN' THEN 'south_asia' WHEN 'SG' THEN 'southeast_asia' WHEN 'IL' THEN 'middle_east' ELSE 'europe' END AS region) c`,
    )
    .execute(db);
  // Every company's name is its alias, with the keys company resolution blocks on (checked above).
  await sql
    .raw(
      `INSERT INTO company_aliases (company_id, name, name_key, loose_key, skeleton)
       SELECT id, name, name_key, name_key, 'bnchc' || substr(name_key, 8) FROM companies`,
    )
    .execute(db);
  await sql
    .raw(`INSERT INTO investors (name, name_key) SELECT 'Fund ' || g, 'fund ' || g FROM generate_series(1, ${INVESTORS}) g`)
    .execute(db);
  // Skewed popularity (a few companies with dozens of rounds, most with a handful), 5 years of dates,
  // log-normal amounts in four currencies, ~10% in-talks/rumoured.
  await sql
    .raw(
      `INSERT INTO deals (company_id, round, status, amount_value, amount_currency, amount_usd, country, region, announced_on, confidence)
       SELECT c.id, r.round, s.status, a.value, a.currency, CASE WHEN a.value IS NULL THEN NULL ELSE round(a.value * a.rate, 2) END,
              c.country, c.region, date '2021-01-01' + floor(random() * 1800)::int, 0.5 + random() / 2
       FROM generate_series(1, ${DEALS}) g
       CROSS JOIN LATERAL (SELECT 1 + floor(${COMPANIES} * power(random(), 1.2))::bigint AS cid, random() AS u, random() AS v, g AS gg) x
       JOIN companies c ON c.id = x.cid
       CROSS JOIN LATERAL (SELECT ${round} AS round, x.gg) r
       CROSS JOIN LATERAL (SELECT CASE WHEN x.u < 0.9 THEN 'announced' WHEN x.u < 0.96 THEN 'in_talks' ELSE 'rumored' END AS status) s
       CROSS JOIN LATERAL (
         SELECT CASE WHEN x.v < 0.85 THEN round(exp(13 + random() * 6)::numeric, -3) END AS value,
                CASE WHEN x.v < 0.85 THEN m.currency END AS currency, m.rate
         FROM (SELECT (array['USD','USD','USD','USD','USD','USD','USD','EUR','EUR','GBP','INR'])[1 + (x.gg % 11)::int] AS currency) c1
         CROSS JOIN LATERAL (SELECT CASE c1.currency WHEN 'EUR' THEN 1.08 WHEN 'GBP' THEN 1.27 WHEN 'INR' THEN 0.012 ELSE 1 END AS rate, c1.currency) m
       ) a`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO deal_investors (deal_id, investor_id, lead)
       SELECT d.id, 1 + floor(${INVESTORS} * power(random(), 2))::int, k = 1
       FROM deals d CROSS JOIN LATERAL generate_series(1, 1 + (d.id % 3)::int) k
       ON CONFLICT DO NOTHING`,
    )
    .execute(db);
  await sql
    .raw(`INSERT INTO articles (url, canonical_url, published_at, site_name)
                 SELECT 'https://bench.example/a/' || g, 'https://bench.example/a/' || g, now(), 'Bench News' FROM generate_series(1, ${CALLS + WARMUP}) g`)
    .execute(db);
  await sql.raw('RESET synchronous_commit; RESET session_replication_role').execute(db);
  // Steady state, not the aftermath of a bulk load: without this, autovacuum's first pass over 3M
  // fresh rows and the checkpoint of the load's WAL run during the timed calls.
  await sql.raw('VACUUM (ANALYZE)').execute(db);
  await sql.raw('CHECKPOINT').execute(db);
}

type Kind = 'new_company' | 'new_round' | 'duplicate' | 'status_update';
interface Job {
  kind: Kind;
  deal: Deal;
}

interface SampleRow {
  name: string;
  round: string;
  status: string;
  amount_value: number | null;
  amount_currency: string | null;
  amount_usd: number | null;
  announced_on: string;
  investors: string[];
}

async function sample(db: Kysely<Database>, status: string, n: number): Promise<SampleRow[]> {
  // Random deals via a random id range probe (an index range, not ORDER BY random() over 1M rows).
  const { rows } = await sql<SampleRow>`
    SELECT c.name, d.round, d.status, d.amount_value, d.amount_currency, d.amount_usd, d.announced_on,
      coalesce((SELECT array_agg(i.name) FROM deal_investors di JOIN investors i ON i.id = di.investor_id WHERE di.deal_id = d.id), '{}') AS investors
    FROM deals d JOIN companies c ON c.id = d.company_id
    WHERE d.id >= (SELECT floor(random() * ${DEALS} / 2)::bigint) AND d.status = ${status} AND d.merged_into IS NULL
      AND d.round NOT IN ('series_unknown', 'undisclosed')
    ORDER BY d.id LIMIT ${n}`.execute(db);
  return rows;
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(date) + n * 86_400_000).toISOString().slice(0, 10);
}

function toDeal(r: SampleRow, over: Partial<Deal> = {}): Deal {
  const amount =
    r.amount_value !== null && r.amount_currency !== null
      ? { value: r.amount_value, currency: r.amount_currency, usd: r.amount_usd }
      : null;
  return {
    company: { name: r.name, country: null },
    round: r.round as Round,
    status: r.status as Status,
    amount,
    valuation: null,
    investors: r.investors.map((name, i) => ({ name, lead: i === 0 })),
    region: null,
    announcedOn: r.announced_on,
    evidence: [{ field: 'amount', quote: `${r.name} raised money` }],
    confidence: 0.85,
    ...over,
  };
}

async function jobs(db: Kysely<Database>, total: number): Promise<Job[]> {
  const quarter = Math.ceil(total / 4);
  const dups = await sample(db, 'announced', quarter);
  const talks = await sample(db, 'in_talks', quarter);
  const { rows: companies } = await sql<{ name: string }>`
    SELECT name FROM companies WHERE id >= (SELECT floor(random() * ${COMPANIES / 2})::bigint) ORDER BY id LIMIT ${quarter}`.execute(db);
  const out: Job[] = [];
  for (let i = 0; out.length < total; i++) {
    const j = Math.floor(i / 4); // each kind walks its own sample, so no deal or company is reused early
    const dup = dups[j % dups.length];
    const talk = talks[j % talks.length];
    const company = companies[j % companies.length];
    if (!dup || !talk || !company) throw new Error('bench sample came back empty; is the load complete?');
    const kinds: Job[] = [
      {
        kind: 'new_company',
        deal: toDeal({
          name: `Newco ${i}`,
          round: 'seed',
          status: 'announced',
          amount_value: 2_000_000,
          amount_currency: 'USD',
          amount_usd: 2_000_000,
          announced_on: '2026-02-01',
          investors: [`Fund ${1 + (i % 500)}`, `Angel Syndicate ${i}`],
        }),
      },
      {
        // A round far later than any loaded date: the company exists, the deal does not.
        kind: 'new_round',
        deal: toDeal({
          name: company.name,
          round: 'series_j',
          status: 'announced',
          amount_value: 90_000_000,
          amount_currency: 'USD',
          amount_usd: 90_000_000,
          announced_on: addDays('2026-03-01', i % 200),
          investors: [`Fund ${1 + (i % 900)}`],
        }),
      },
      { kind: 'duplicate', deal: toDeal(dup, { announcedOn: addDays(dup.announced_on, 2) }) },
      { kind: 'status_update', deal: toDeal(talk, { status: 'announced', announcedOn: addDays(talk.announced_on, 45) }) },
    ];
    out.push(kinds[i % 4]!);
  }
  return out.slice(0, total);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return {
    p50: r(percentile(s, 50)),
    p95: r(percentile(s, 95)),
    p99: r(percentile(s, 99)),
    max: r(s[s.length - 1] ?? NaN),
    mean: r(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  const db = timedDb(benchDbUrl(DB_NAME));
  try {
    await migrateToLatest(db);
    const loadStart = performance.now();
    await load(db);
    const loadMs = performance.now() - loadStart;
    const counts = await sql<{ deals: number; companies: number; deal_investors: number }>`
      SELECT (SELECT count(*) FROM deals)::int AS deals, (SELECT count(*) FROM companies)::int AS companies,
             (SELECT count(*) FROM deal_investors)::int AS deal_investors`.execute(db);
    const loaded = counts.rows[0]!;

    const work = await jobs(db, CALLS + WARMUP);
    const { rows: articles } = await sql<{ id: number; url: string }>`SELECT id, url FROM articles ORDER BY id`.execute(db);
    // Round-trip floor on this machine right now (CPU contention shows up here first).
    const pings: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await sql`SELECT 1`.execute(db);
      pings.push(performance.now() - t0);
    }
    const byKind = new Map<Kind, { wall: number[]; db: number[]; queries: number[]; actions: Record<string, number> }>();
    const all = { wall: [] as number[], db: [] as number[], queries: [] as number[] };
    for (let i = 0; i < work.length; i++) {
      const job = work[i]!;
      const article = articles[i]!;
      meter.ms = 0;
      meter.queries = 0;
      if (i === WARMUP) meter.byStatement.clear();
      const t0 = performance.now();
      const res = await saveDeals(db, {
        article: { id: article.id, url: article.url, siteName: 'Bench News', publishedAt: job.deal.announcedOn },
        extractionId: null,
        candidates: [{ deal: job.deal, flags: [] }],
      });
      const wall = performance.now() - t0;
      if (i < WARMUP) continue;
      const k = byKind.get(job.kind) ?? { wall: [], db: [], queries: [], actions: {} };
      k.wall.push(wall);
      k.db.push(meter.ms);
      k.queries.push(meter.queries);
      const action: SaveAction | 'none' = res.deals[0]?.action ?? 'none';
      k.actions[action] = (k.actions[action] ?? 0) + 1;
      byKind.set(job.kind, k);
      all.wall.push(wall);
      all.db.push(meter.ms);
      all.queries.push(meter.queries);
    }

    // EXPLAIN the exact upsert + blocking statement saveDeals sends, for the company with the most
    // deals, inside a rolled-back transaction (EXPLAIN ANALYZE really runs the upserts), as the
    // prepared statement's generic plan that saveDeals runs (plan_cache_mode = force_generic_plan).
    const busiest = await sql<{ name: string; n: number; d: string }>`
      SELECT c.name, x.n, x.d FROM (
        SELECT company_id, count(*)::int AS n, max(announced_on)::text AS d FROM deals WHERE company_id <= 50 GROUP BY company_id ORDER BY n DESC LIMIT 1
      ) x JOIN companies c ON c.id = x.company_id`.execute(db);
    const b = busiest.rows[0]!;
    const probe = toDeal({
      name: b.name,
      round: 'series_b',
      status: 'announced',
      amount_value: 10_000_000,
      amount_currency: 'USD',
      amount_usd: 10_000_000,
      announced_on: b.d,
      investors: ['Fund 1', 'Fund 2'],
    });
    const compiled = prepareQuery([{ ...keysOf(b.name), deal: probe, flags: [], dateStated: true }]).compile(db);
    const plan = await db.connection().execute(async (conn) => {
      await sql.raw('BEGIN; SET LOCAL plan_cache_mode = force_generic_plan').execute(conn);
      try {
        await conn.executeQuery(CompiledQuery.raw(`PREPARE bench_probe AS ${compiled.sql}`));
        const args = compiled.parameters.map(sqlLiteral);
        const res = await conn.executeQuery<{ 'QUERY PLAN': string }>(
          CompiledQuery.raw(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE bench_probe(${args.join(', ')})`),
        );
        return res.rows.map((r) => r['QUERY PLAN']);
      } finally {
        await sql.raw('ROLLBACK; DEALLOCATE ALL').execute(conn);
      }
    });
    const indexScan =
      plan.some((l) => /Index (Only )?Scan using deals_company_date_idx|Bitmap Index Scan on deals_company_date_idx/.test(l)) &&
      plan.some((l) => /Index (Only )?Scan using company_aliases_skeleton_idx|Bitmap Index Scan on company_aliases_skeleton_idx/.test(l));
    const seqScanOnDeals = plan.some((l) => /Seq Scan on (deals|company_aliases|companies)\b/.test(l));

    const totalMs = performance.now() - started;
    const report = {
      bench: 'dedupe',
      loaded,
      loadSeconds: Math.round(loadMs / 100) / 10,
      calls: all.wall.length,
      warmupCalls: WARMUP,
      loadAverage1m: Math.round(loadavg()[0]! * 10) / 10,
      selectOneRoundTripMs: stats(pings),
      wallMs: stats(all.wall),
      dbMs: stats(all.db),
      queriesPerCall: stats(all.queries),
      byKind: Object.fromEntries(
        [...byKind].map(([k, v]) => [k, { calls: v.wall.length, wallMs: stats(v.wall), dbMs: stats(v.db), actions: v.actions }]),
      ),
      blockingQuery: { company: b.name, companyDeals: b.n, indexScan, seqScanOnDeals },
      totalSeconds: Math.round(totalMs / 100) / 10,
    };

    console.log(
      `loaded ${loaded.deals} deals / ${loaded.companies} companies / ${loaded.deal_investors} deal_investors in ${report.loadSeconds}s`,
    );
    console.log(
      `SELECT 1 round trip: p50 ${report.selectOneRoundTripMs.p50} ms, p95 ${report.selectOneRoundTripMs.p95} ms; 1-min load average ${report.loadAverage1m} on ${availableParallelism()} cores`,
    );
    console.log(`\nsaveDeals, ${report.calls} calls (after ${WARMUP} warm-up), ms per call:`);
    const line = (label: string, s: ReturnType<typeof stats>) =>
      `${label.padEnd(28)}${[s.p50, s.p95, s.p99, s.max, s.mean].map((x) => x.toFixed(2).padStart(9)).join('')}`;
    console.log(`${''.padEnd(28)}${['p50', 'p95', 'p99', 'max', 'mean'].map((x) => x.padStart(9)).join('')}`);
    console.log(line('wall (all)', report.wallMs));
    console.log(line('db (all)', report.dbMs));
    for (const [k, v] of byKind) {
      console.log(line(`wall ${k}`, stats(v.wall)));
      console.log(line(`db   ${k}`, stats(v.db)));
    }
    console.log('\nper statement (ms):                                 count      p50      p95      max');
    for (const [label, v] of [...meter.byStatement].filter(([, v]) => v.length >= 10)) {
      const st = stats(v);
      console.log(
        `  ${label.padEnd(50)}${String(v.length).padStart(6)}${[st.p50, st.p95, st.max].map((x) => x.toFixed(2).padStart(9)).join('')}`,
      );
    }
    console.log(`queries per call: p50 ${report.queriesPerCall.p50}, max ${report.queriesPerCall.max}`);
    console.log(`actions: ${[...byKind].map(([k, v]) => `${k} → ${JSON.stringify(v.actions)}`).join('; ')}`);
    console.log(`\nEXPLAIN (ANALYZE) upsert + blocking statement, ${b.name} (${b.n} deals):\n  ${plan.join('\n  ')}`);
    console.log(`\nindex scan: ${indexScan ? 'yes' : 'NO'}; total ${report.totalSeconds}s`);
    if (args.json) console.log(JSON.stringify(report));
    if (!indexScan || seqScanOnDeals) process.exitCode = 1;
  } finally {
    await db.destroy();
    if (!args.keep) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

await main();
