import type { Queue } from 'bullmq';
import type { FastifyReply } from 'fastify';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../db/connect.js';
import { countOpenItems } from '../review/queries.js';
import { type ExtractionSpend, countArticlesByStatus, countLiveDeals, extractionSpend } from '../store/metrics.js';

// Prometheus exposition through prom-client. Every value is read at scrape time by a collect()
// callback, so the registry holds no state of its own between scrapes. The application metrics live
// in a registry per server (tests build many servers against different databases in one process;
// the global default registry would reject the second registration of each name).

const ARTICLE_STATUSES = ['pending', 'parsed', 'extracted', 'duplicate', 'failed'];
const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children'] as const;

// prom-client's process and Node.js metrics (CPU, memory, heap spaces, event loop lag, GC, handles,
// file descriptors) describe the process, not a server: one registry per process, merged into each
// server's, so building a server does not start another event-loop monitor and GC observer.
// prom-client supplies process_resident_memory_bytes itself; the other two are the older names
// kept for existing dashboards.
let processMetrics: Registry | undefined;
function processRegistry(): Registry {
  if (processMetrics) return processMetrics;
  const register = new Registry();
  collectDefaultMetrics({ register });
  new Gauge({
    name: 'nodejs_heap_used_bytes',
    help: 'V8 heap used in bytes.',
    registers: [register],
    collect() {
      this.set(process.memoryUsage().heapUsed);
    },
  });
  new Gauge({
    name: 'process_uptime_seconds',
    help: 'Seconds since the process started.',
    registers: [register],
    collect() {
      this.set(Math.round(process.uptime()));
    },
  });
  processMetrics = register;
  return register;
}

export function createMetricsRegistry(db: Db, queues: Queue[] = []): Registry {
  const register = new Registry();

  new Gauge({
    name: 'dealflow_deals_total',
    help: 'Live deals (deals_clean rows).',
    registers: [register],
    async collect() {
      this.set(await countLiveDeals(db));
    },
  });
  new Gauge({
    name: 'dealflow_articles',
    help: 'Articles by processing status.',
    labelNames: ['status'],
    registers: [register],
    async collect() {
      const byStatus = await countArticlesByStatus(db);
      for (const status of ARTICLE_STATUSES) this.set({ status }, byStatus.get(status) ?? 0);
    },
  });
  new Gauge({
    name: 'dealflow_review_items_open',
    help: 'Open review items by kind.',
    labelNames: ['kind'],
    registers: [register],
    async collect() {
      for (const [kind, n] of Object.entries(await countOpenItems(db))) this.set({ kind }, n);
    },
  });
  // Totals kept in PostgreSQL, so these counters are set from the database rather than incremented
  // in the process (reset() then inc() by the stored total: a Counter has no set()).
  // Both extraction counters come from one query: concurrent collect() calls share it.
  let spendInFlight: Promise<ExtractionSpend> | undefined;
  const spend = (): Promise<ExtractionSpend> => {
    spendInFlight ??= extractionSpend(db).finally(() => {
      spendInFlight = undefined;
    });
    return spendInFlight;
  };
  new Counter({
    name: 'dealflow_extraction_tokens_total',
    help: 'LLM tokens spent on extraction.',
    labelNames: ['direction'],
    registers: [register],
    async collect() {
      const s = await spend();
      this.reset();
      this.inc({ direction: 'input' }, s.inputTokens);
      this.inc({ direction: 'output' }, s.outputTokens);
    },
  });
  new Counter({
    name: 'dealflow_extraction_cost_usd_total',
    help: 'Estimated LLM extraction cost in USD.',
    registers: [register],
    async collect() {
      const s = await spend();
      this.reset();
      this.inc(s.costUsd);
    },
  });
  if (queues.length) {
    new Gauge({
      name: 'dealflow_queue_jobs',
      help: 'BullMQ jobs by queue and state.',
      labelNames: ['queue', 'state'],
      registers: [register],
      async collect() {
        const counts = await Promise.all(queues.map(async (q) => ({ queue: q.name, c: await q.getJobCounts(...JOB_STATES) })));
        for (const { queue, c } of counts) for (const state of JOB_STATES) this.set({ queue, state }, c[state] ?? 0);
      },
    });
  }

  return Registry.merge([register, processRegistry()]);
}

/** The /metrics handler body shared by the main server and the separate metrics listener. */
export async function sendMetrics(reply: FastifyReply, register: Registry): Promise<FastifyReply> {
  const body = await register.metrics();
  return reply.type(register.contentType).send(body);
}
