import { sql } from 'kysely';
import type { Queue } from 'bullmq';
import type { Db } from '../db/connect.js';
import { countOpenItems } from '../review/queries.js';

// Prometheus text exposition (format 0.0.4), written by hand: one HELP/TYPE block per family.

type Labels = Record<string, string>;
interface Sample {
  labels?: Labels;
  value: number;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function family(name: string, type: 'gauge' | 'counter', help: string, samples: Sample[]): string {
  const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`];
  for (const s of samples) {
    const labels =
      s.labels && Object.keys(s.labels).length
        ? `{${Object.entries(s.labels)
            .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
            .join(',')}}`
        : '';
    lines.push(`${name}${labels} ${Number.isFinite(s.value) ? s.value : 0}`);
  }
  return lines.join('\n');
}

const ARTICLE_STATUSES = ['pending', 'parsed', 'extracted', 'duplicate', 'failed'];
const JOB_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized', 'waiting-children'] as const;

export async function renderMetrics(db: Db, queues: Queue[] = []): Promise<string> {
  const [deals, articles, extraction, review] = await Promise.all([
    db
      .selectFrom('deals_clean')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('articles')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute(),
    db
      .selectFrom('extractions')
      .select([
        sql<number>`coalesce(sum(input_tokens), 0)`.as('input'),
        sql<number>`coalesce(sum(output_tokens), 0)`.as('output'),
        sql<number>`coalesce(sum(cost_usd), 0)`.as('cost'),
      ])
      .executeTakeFirstOrThrow(),
    countOpenItems(db),
  ]);
  const byStatus = new Map(articles.map((a) => [a.status as string, Number(a.n)]));
  const mem = process.memoryUsage();
  const out = [
    family('dealflow_deals_total', 'gauge', 'Live deals (deals_clean rows).', [{ value: Number(deals.n) }]),
    family(
      'dealflow_articles',
      'gauge',
      'Articles by processing status.',
      ARTICLE_STATUSES.map((s) => ({ labels: { status: s }, value: byStatus.get(s) ?? 0 })),
    ),
    family(
      'dealflow_review_items_open',
      'gauge',
      'Open review items by kind.',
      Object.entries(review).map(([kind, n]) => ({ labels: { kind }, value: n })),
    ),
    family('dealflow_extraction_tokens_total', 'counter', 'LLM tokens spent on extraction.', [
      { labels: { direction: 'input' }, value: Number(extraction.input) },
      { labels: { direction: 'output' }, value: Number(extraction.output) },
    ]),
    family('dealflow_extraction_cost_usd_total', 'counter', 'Estimated LLM extraction cost in USD.', [{ value: Number(extraction.cost) }]),
  ];
  if (queues.length) {
    const counts = await Promise.all(queues.map(async (q) => ({ name: q.name, counts: await q.getJobCounts(...JOB_STATES) })));
    out.push(
      family(
        'dealflow_queue_jobs',
        'gauge',
        'BullMQ jobs by queue and state.',
        counts.flatMap(({ name, counts: c }) => JOB_STATES.map((state) => ({ labels: { queue: name, state }, value: c[state] ?? 0 }))),
      ),
    );
  }
  out.push(
    family('process_resident_memory_bytes', 'gauge', 'Resident set size in bytes.', [{ value: mem.rss }]),
    family('nodejs_heap_used_bytes', 'gauge', 'V8 heap used in bytes.', [{ value: mem.heapUsed }]),
    family('process_uptime_seconds', 'gauge', 'Seconds since the process started.', [{ value: Math.round(process.uptime()) }]),
  );
  return `${out.join('\n')}\n`;
}
