// End-to-end load: N generated articles through the full pipeline (feed → fetch → parse → article
// dedupe → extract → normalise → deal dedupe/store) on BullMQ workers, real Redis and Postgres.
// Usage: node --import tsx bench/load.ts [--json] [--articles N] [--engine llm|offline]
//          [--concurrency N] [--latency MS] [--seed N] [--statements]
// --statements lists every statement with its share of PostgreSQL CPU (read from /proc around each
// query, which costs the pipeline process some CPU of its own).
// Without --articles: the LLM engine at 1k/2k/5k/10k articles (linearity) plus the offline engine at 5k.
// The news site and the fake model run in a child process (bench/lib/servers.ts), so the CPU
// figures are the pipeline process's own (workers, fetch client, parsing, pg and Redis clients).
// Services: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/; the database
// dealflow_bench_load is recreated per run and dropped after), BENCH_REDIS_URL (default
// redis://127.0.0.1:6379; a unique queue prefix, deleted after).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { createPool } from '../src/db/connect.js'; // also registers the numeric/int8/date type parsers
import { loadConfig } from '../src/config.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/types.js';
import { createExtractor } from '../src/extract/index.js';
import { createFetcher, fetcherOptionsFromConfig } from '../src/fetch/http.js';
import { createLogger } from '../src/logger.js';
import { insertSource } from '../src/store/sources.js';
import { createQueues } from '../src/queue/queues.js';
import { startWorkers } from '../workers/worker.js';
import { expectedDeals, generateNews } from '../tests/helpers/news-generator.js';
import { deleteRedisPrefix } from '../tests/helpers/redis.js';
import { admin, benchDbUrl, positiveInt } from './lib/db.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    articles: { type: 'string' },
    engine: { type: 'string', default: 'llm' },
    concurrency: { type: 'string', default: '32' },
    latency: { type: 'string', default: '50' },
    seed: { type: 'string', default: '7' },
    statements: { type: 'boolean', default: false },
  },
});
const CONCURRENCY = positiveInt(args.concurrency, 'concurrency');
const LATENCY_MS = Number(args.latency);
const SEED = positiveInt(args.seed, 'seed');
const DB_NAME = 'dealflow_bench_load';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POLL_MS = 250;

type Engine = 'llm' | 'offline';
if (args.engine !== 'llm' && args.engine !== 'offline') throw new Error(`--engine must be llm or offline, got ${args.engine}`);
const plan: Array<{ engine: Engine; articles: number }> = args.articles
  ? [{ engine: args.engine, articles: positiveInt(args.articles, 'articles') }]
  : [...[1000, 2000, 5000, 10_000].map((articles) => ({ engine: 'llm' as const, articles })), { engine: 'offline', articles: 5000 }];

/** user+system CPU of a Postgres backend, from /proc (null when the server is not on this machine). */
function backendCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** Statements that differ only in literals (advisory lock keys, list lengths) are one statement. */
function statementKey(sql: string): string {
  return sql
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/-?\b\d+\b/g, 'N')
    .slice(0, 70);
}

/**
 * Attribute each Postgres backend's CPU to the statement it ran: a backend serves one query at a
 * time, so its CPU clock's advance from a query's start to its end is that query's (in 10 ms ticks,
 * so only totals over many calls mean anything).
 */
function meterBackendCpu(pool: pg.Pool, add: (sql: string, ms: number) => void): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...a: unknown[]) => Promise<unknown>;
    (client as unknown as { query: unknown }).query = async (...a: unknown[]) => {
      const pid = (client as unknown as { processID: number }).processID;
      const before = backendCpuMs(pid) ?? 0;
      try {
        return await query(...a);
      } finally {
        if (typeof a[0] === 'string') add(a[0], (backendCpuMs(pid) ?? 0) - before);
      }
    };
  });
}

interface Servers {
  feedUrls: string[];
  llmBaseUrl: string;
  stop(): Promise<{ cpuMs: number; llmRequests: number }>;
}

async function startServers(articles: number): Promise<Servers> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/lib/servers.ts', String(articles), String(SEED), String(LATENCY_MS)],
    { stdio: 'pipe' },
  );
  child.stderr.pipe(process.stderr);
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const r = await Promise.race([
      lines.next(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('servers child did not answer in 30 s')), 30_000).unref()),
    ]);
    if (r.done) throw new Error('servers child exited early');
    return JSON.parse(r.value) as unknown;
  };
  try {
    const ready = (await next()) as { feedUrls: string[]; llmBaseUrl: string };
    let stopped: Promise<{ cpuMs: number; llmRequests: number }> | undefined;
    return {
      ...ready,
      // Idempotent: called after measuring and again in cleanup; a child that does not answer is killed.
      stop: () =>
        (stopped ??= (async () => {
          child.stdin.write('stop\n');
          try {
            return (await next()) as { cpuMs: number; llmRequests: number };
          } finally {
            child.stdin.end();
            setTimeout(() => child.kill(), 5000).unref();
          }
        })()),
    };
  } catch (err) {
    child.kill();
    throw err;
  }
}

interface RunResult {
  engine: Engine;
  articles: number;
  concurrency: number;
  wallSeconds: number;
  articlesPerSecond: number;
  /** Article jobs completed per second, first job start to last completion. */
  jobsPerSecond: number;
  /** Article job attempts that threw (each is retried by BullMQ; final failures show in outcomes). */
  failedAttempts: number;
  cpuMsPerArticle: number;
  peakRssMb: number;
  dbQueriesPerArticle: number;
  /** Client-observed query time (summed over concurrent queries), per article. */
  dbMsPerArticle: number;
  /** CPU of this run's Postgres backends, per article (null if not measurable). */
  pgCpuMsPerArticle: number | null;
  serversCpuMs: number;
  llmRequests: number;
  outcomes: Record<string, number>;
  /** The statements with the most client-observed time: ms per article, calls per article. */
  topStatements: Array<{ sql: string; msPerArticle: number; callsPerArticle: number; pgCpuMsPerArticle?: number }>;
  dealsStored: number;
  dealsExpected: number;
  reviewItems: number;
}

async function run(engine: Engine, articles: number): Promise<RunResult> {
  const world = generateNews(articles, SEED);
  await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${DB_NAME}`);
  const url = benchDbUrl(DB_NAME);
  {
    const m = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
    await migrateToLatest(m);
    await m.destroy();
  }
  const servers = await startServers(articles);
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    DATABASE_URL: url,
    // Local servers: no politeness delay (on the internet FETCH_HOST_DELAY_MS, not CPU, bounds throughput).
    FETCH_HOST_DELAY_MS: '0',
    WORKER_CONCURRENCY: String(CONCURRENCY),
    ...(engine === 'llm' ? { OPENAI_API_KEY: 'bench', OPENAI_BASE_URL: servers.llmBaseUrl } : {}),
  });
  const log = createLogger(config.LOG_LEVEL);
  // The app's pool (openDatabase → createDb: same size, prepared statements), plus a query meter.
  const pool = createPool(url);
  const meter = { queries: 0, ms: 0, byStatement: new Map<string, { n: number; ms: number; pgCpuMs: number }>() };
  const statement = (sql: string) => {
    const key = statementKey(sql);
    return meter.byStatement.get(key) ?? meter.byStatement.set(key, { n: 0, ms: 0, pgCpuMs: 0 }).get(key)!;
  };
  if (args.statements) meterBackendCpu(pool, (sql, ms) => (statement(sql).pgCpuMs += ms));
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      meter.queries++;
      meter.ms += e.queryDurationMillis;
      const st = statement(e.query.sql);
      st.n++;
      st.ms += e.queryDurationMillis;
    },
  });
  const fetcher = createFetcher(fetcherOptionsFromConfig(config));
  const deps = { db, config, log, fetcher, extractor: createExtractor(config, { db, log }) };
  const prefix = `dealflow-bench-${randomBytes(5).toString('hex')}`;
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = createQueues(redis, prefix);
  const monitor = new pg.Client({ connectionString: url });
  await monitor.connect();
  let workers: ReturnType<typeof startWorkers> | undefined;
  try {
    const sources = [];
    for (const feed of servers.feedUrls) {
      sources.push(
        await insertSource(db, { url: feed, kind: 'rss', name: null, link_selector: null, interval_ms: 3_600_000, allow_private: true }),
      );
    }
    meter.queries = 0;
    meter.ms = 0;
    meter.byStatement.clear();
    let firstActive = 0;
    let lastCompleted = 0;
    let completed = 0;
    let failedAttempts = 0;
    let peakRss = process.memoryUsage().rss;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    workers = startWorkers(deps, queues, redis, prefix, CONCURRENCY);
    workers.articles.on('active', () => (firstActive ||= performance.now()));
    workers.articles.on('completed', () => {
      completed++;
      lastCompleted = performance.now();
    });
    workers.articles.on('failed', () => failedAttempts++);
    await queues.sources.addBulk(sources.map((s) => ({ name: 'poll', data: { sourceId: s.id } })));

    const deadline = Date.now() + 120_000 + articles * 100;
    for (;;) {
      await new Promise((r) => setTimeout(r, POLL_MS));
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      const { rows } = await monitor.query<{ total: number; open: number }>(
        "SELECT count(*)::int AS total, count(*) FILTER (WHERE status IN ('pending', 'parsed'))::int AS open FROM articles",
      );
      const { total = 0, open = 0 } = rows[0] ?? {};
      const pollsLeft = (await queues.sources.getJobCountByTypes('waiting', 'active', 'delayed')) > 0;
      if (!pollsLeft && total >= articles && open === 0) break;
      if (Date.now() > deadline) throw new Error(`run did not finish in time: ${total} articles discovered, ${open} open`);
    }
    await workers.close();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const backends = await monitor.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [DB_NAME],
    );
    const pgCpu = backends.rows.map((b) => backendCpuMs(b.pid));
    const outcomes = Object.fromEntries(
      (await monitor.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM articles GROUP BY status')).rows.map(
        (r) => [r.status, r.n],
      ),
    );
    const [stored] = (await monitor.query<{ n: number }>('SELECT count(*)::int AS n FROM deals WHERE merged_into IS NULL')).rows;
    const [review] = (await monitor.query<{ n: number }>('SELECT count(*)::int AS n FROM review_items')).rows;
    const serverStats = await servers.stop();
    const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
    return {
      engine,
      articles,
      concurrency: CONCURRENCY,
      wallSeconds: round(wallMs / 1000, 1),
      articlesPerSecond: round(articles / (wallMs / 1000), 1),
      jobsPerSecond: round(completed / ((lastCompleted - firstActive) / 1000), 1),
      failedAttempts,
      cpuMsPerArticle: round((cpu.user + cpu.system) / 1000 / articles),
      peakRssMb: Math.round(peakRss / 1048576),
      dbQueriesPerArticle: round(meter.queries / articles, 1),
      dbMsPerArticle: round(meter.ms / articles),
      pgCpuMsPerArticle: pgCpu.every((x) => x !== null) && pgCpu.length ? round(pgCpu.reduce((a, b) => a! + b!, 0)! / articles) : null,
      serversCpuMs: Math.round(serverStats.cpuMs),
      llmRequests: serverStats.llmRequests,
      outcomes,
      topStatements: [...meter.byStatement]
        .sort((a, b) => b[1].ms - a[1].ms)
        .slice(0, args.statements ? undefined : 6)
        .map(([sql, st]) => ({
          sql,
          msPerArticle: round(st.ms / articles),
          callsPerArticle: round(st.n / articles),
          ...(args.statements ? { pgCpuMsPerArticle: round(st.pgCpuMs / articles) } : {}),
        })),
      dealsStored: stored?.n ?? 0,
      dealsExpected: expectedDeals(world),
      reviewItems: review?.n ?? 0,
    };
  } finally {
    await workers?.close();
    await queues.sources.obliterate({ force: true }).catch(() => {});
    await queues.articles.obliterate({ force: true }).catch(() => {});
    await queues.close();
    await deleteRedisPrefix(prefix, redis);
    redis.disconnect();
    await monitor.end();
    await fetcher.close();
    await db.destroy();
    await servers.stop().catch(() => {});
    await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  }
}

/** Least-squares fit of total CPU ms against articles: a flat per-article cost is a straight line. */
function fit(rows: RunResult[]): { slopeMsPerArticle: number; interceptMs: number; r2: number; costRatio: number } | null {
  if (rows.length < 2) return null;
  const xs = rows.map((r) => r.articles);
  const ys = rows.map((r) => r.cpuMsPerArticle * r.articles);
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  const sxy = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0);
  const sxx = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = ys.reduce((s, y) => s + (y - my) ** 2, 0);
  const ssRes = ys.reduce((s, y, i) => s + (y - (intercept + slope * xs[i]!)) ** 2, 0);
  const largest = rows.at(-1)!;
  const smallest = rows[0]!;
  return {
    slopeMsPerArticle: Math.round(slope * 100) / 100,
    interceptMs: Math.round(intercept),
    r2: Math.round((1 - ssRes / ssTot) * 10000) / 10000,
    costRatio: Math.round((largest.cpuMsPerArticle / smallest.cpuMsPerArticle) * 100) / 100,
  };
}

const started = performance.now();
const results: RunResult[] = [];
for (const p of plan) {
  process.stderr.write(`running ${p.engine} engine, ${p.articles} articles…\n`);
  results.push(await run(p.engine, p.articles));
}

const cols: Array<[string, (r: RunResult) => string | number]> = [
  ['engine', (r) => r.engine],
  ['articles', (r) => r.articles],
  ['wall s', (r) => r.wallSeconds],
  ['art/s', (r) => r.articlesPerSecond],
  ['jobs/s', (r) => r.jobsPerSecond],
  ['failed tries', (r) => r.failedAttempts],
  ['cpu ms/art', (r) => r.cpuMsPerArticle],
  ['pg cpu ms/art', (r) => r.pgCpuMsPerArticle ?? 'n/a'],
  ['db q/art', (r) => r.dbQueriesPerArticle],
  ['db ms/art', (r) => r.dbMsPerArticle],
  ['peak rss MB', (r) => r.peakRssMb],
  ['llm calls', (r) => r.llmRequests],
  ['deals/expected', (r) => `${r.dealsStored}/${r.dealsExpected}`],
  ['review', (r) => r.reviewItems],
  [
    'outcomes',
    (r) =>
      Object.entries(r.outcomes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
  ],
];
console.log(
  `\nload bench: ${availableParallelism()} cores, worker concurrency ${CONCURRENCY}, fake LLM latency ${LATENCY_MS} ms (separate process), seed ${SEED}`,
);
console.log(cols.map(([h]) => h.padStart(h === 'outcomes' ? 0 : 14)).join(' '));
for (const r of results) console.log(cols.map(([h, f]) => String(f(r)).padStart(h === 'outcomes' ? 0 : 14)).join(' '));
for (const r of results) {
  const what = args.statements ? 'statements' : 'top statements';
  const cpu = args.statements ? ', PostgreSQL CPU ms/article' : '';
  console.log(`\n${r.engine} ${r.articles}: ${what} by client-observed time (ms/article, calls/article${cpu})`);
  for (const t of r.topStatements) {
    const pgCpu = t.pgCpuMsPerArticle === undefined ? '' : String(t.pgCpuMsPerArticle).padStart(8);
    console.log(`  ${String(t.msPerArticle).padStart(8)} ${String(t.callsPerArticle).padStart(6)}${pgCpu}  ${t.sql}`);
  }
}
const linearity: Partial<Record<Engine, NonNullable<ReturnType<typeof fit>>>> = {};
for (const engine of ['llm', 'offline'] as const) {
  const f = fit(results.filter((r) => r.engine === engine));
  if (!f) continue;
  linearity[engine] = f;
  console.log(
    `${engine} linearity: total CPU ≈ ${f.interceptMs} ms + ${f.slopeMsPerArticle} ms × articles (R² ${f.r2}); ` +
      `CPU ms/article at the largest size ÷ at the smallest = ${f.costRatio}`,
  );
}
const totalSeconds = Math.round((performance.now() - started) / 100) / 10;
console.log(
  `max RSS over the whole process (resourceUsage): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; total ${totalSeconds} s`,
);
if (args.json)
  console.log(
    JSON.stringify({
      cores: availableParallelism(),
      concurrency: CONCURRENCY,
      llmLatencyMs: LATENCY_MS,
      seed: SEED,
      runs: results,
      linearity,
      totalSeconds,
    }),
  );
if (results.some((r) => (r.outcomes.failed ?? 0) > 0 || r.dealsStored !== r.dealsExpected)) process.exitCode = 1;
