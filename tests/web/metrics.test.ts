import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/web/server.js';
import { buildMetricsServer } from '../../src/web/metrics-server.js';
import { insertArticle, insertDeal, insertItem } from '../review/fixtures.js';

// Reads /metrics the way a scraper does: a small parser for the Prometheus text format (0.0.4),
// then compares the samples with rows this file put in its own database.

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}
interface Family {
  help?: string;
  type?: string;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{(.*)\\})? (\\S+)$`);
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"(?:,|$)/y;

/** As Prometheus reads a value (Go's ParseFloat): NaN and Inf in any case; prom-client writes "Nan". */
function parseValue(v: string): number {
  if (/^nan$/i.test(v)) return Number.NaN;
  if (/^[+-]?inf(inity)?$/i.test(v)) return v.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const n = Number(v);
  if (v === '' || Number.isNaN(n)) throw new Error(`bad sample value ${JSON.stringify(v)}`);
  return n;
}

function parseLabels(s: string): Record<string, string> {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < s.length) {
    const m = LABEL.exec(s);
    if (!m) throw new Error(`bad label set {${s}}`);
    labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

/** Families by name; histogram/summary sample suffixes are filed under their family. */
function parseExposition(text: string): Map<string, Family> {
  const families = new Map<string, Family>();
  const fam = (name: string): Family => {
    let f = families.get(name);
    if (!f) families.set(name, (f = { samples: [] }));
    return f;
  };
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = new RegExp(`^# (HELP|TYPE) (${NAME}) (.*)$`).exec(line);
    if (meta) {
      const f = fam(meta[2]!);
      if (meta[1] === 'HELP') f.help = meta[3];
      else f.type = meta[3];
      continue;
    }
    if (line.startsWith('#')) continue;
    const m = SAMPLE.exec(line);
    if (!m) throw new Error(`bad sample line ${JSON.stringify(line)}`);
    const name = m[1]!;
    const base = name.replace(/_(bucket|sum|count)$/, '');
    const owner = families.has(name) || !families.has(base) ? name : base;
    fam(owner).samples.push({ name, labels: parseLabels(m[2] ?? ''), value: parseValue(m[3]!) });
  }
  return families;
}

function value(families: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  return families.get(name)?.samples.find((s) => s.name === name && JSON.stringify(s.labels) === JSON.stringify(labels))?.value;
}

const TOKEN = 'metrics-test-admin-token-0123';
let t: TestDb;

beforeAll(async () => {
  t = await createTestDb();
  // Three deals (one rejected by an operator, so two live), each with an extracted article.
  const deals = await Promise.all([insertDeal(t.db), insertDeal(t.db), insertDeal(t.db)]);
  await t.db.updateTable('deals').set({ rejected_at: new Date().toISOString() }).where('id', '=', deals[2]!.dealId).execute();
  // Articles in other statuses: two failed, one pending.
  for (const status of ['failed', 'failed', 'pending'] as const) {
    const id = await insertArticle(t.db);
    await t.db.updateTable('articles').set({ status }).where('id', '=', id).execute();
  }
  // Open review items: two low_confidence, one conflict; one more low_confidence already resolved.
  await insertItem(t.db, { dealId: deals[0]!.dealId });
  await insertItem(t.db, { dealId: deals[1]!.dealId });
  await insertItem(t.db, { kind: 'conflict', dealId: deals[0]!.dealId });
  const resolved = await insertItem(t.db, { dealId: deals[1]!.dealId });
  await t.db
    .updateTable('review_items')
    .set({ status: 'approved', resolved_by: 'olga', resolved_at: new Date().toISOString() })
    .where('id', '=', resolved)
    .execute();
  // Two extractions with token and cost figures.
  for (const [i, e] of [
    { input_tokens: 1200, output_tokens: 300, cost_usd: 0.25 },
    { input_tokens: 800, output_tokens: 150, cost_usd: 0.5 },
  ].entries()) {
    await t.db
      .insertInto('extractions')
      .values({ article_id: deals[i]!.articleIds[0]!, engine: 'llm', model: 'test-model', raw: '{}', deals: '[]', ...e })
      .execute();
  }
});
afterAll(async () => {
  await t?.drop();
});

describe('metrics exposition', () => {
  it('reports the deals, articles, review items and extraction spend in the database, on both listeners', async () => {
    const app = await buildServer({ db: t.db, config: loadConfig({ ADMIN_TOKEN: TOKEN, NODE_ENV: 'test' }) });
    const side = await buildMetricsServer({ db: t.db });
    try {
      const main = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
      const other = await side.inject({ url: '/metrics' });
      for (const res of [main, other]) {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
        const f = parseExposition(res.body);

        expect(f.get('dealflow_deals_total')).toMatchObject({ type: 'gauge', help: 'Live deals (deals_clean rows).' });
        expect(value(f, 'dealflow_deals_total')).toBe(2);

        const articles = Object.fromEntries(f.get('dealflow_articles')!.samples.map((s) => [s.labels.status, s.value]));
        expect(articles).toEqual({ pending: 1, parsed: 0, extracted: 3, duplicate: 0, failed: 2 });

        expect(f.get('dealflow_review_items_open')?.type).toBe('gauge');
        const review: Record<string, number> = Object.fromEntries(
          f.get('dealflow_review_items_open')!.samples.map((s) => [s.labels.kind, s.value]),
        );
        expect(review).toMatchObject({ low_confidence: 2, conflict: 1, possible_duplicate: 0 });
        expect(Object.values(review).reduce((a, b) => a + b, 0)).toBe(3);

        expect(f.get('dealflow_extraction_tokens_total')?.type).toBe('counter');
        expect(value(f, 'dealflow_extraction_tokens_total', { direction: 'input' })).toBe(2000);
        expect(value(f, 'dealflow_extraction_tokens_total', { direction: 'output' })).toBe(450);
        expect(value(f, 'dealflow_extraction_cost_usd_total')).toBeCloseTo(0.75, 6);

        // Memory and uptime keep their old names beside prom-client's process metrics.
        for (const name of [
          'process_resident_memory_bytes',
          'nodejs_heap_used_bytes',
          'process_uptime_seconds',
          'process_cpu_seconds_total',
        ])
          expect(value(f, name), name).toBeGreaterThan(0);
        // Every family announces its type, and no sample is given twice.
        for (const [name, fam] of f) {
          expect(fam.type, name).toMatch(/^(gauge|counter|histogram|summary|untyped)$/);
          const keys = fam.samples.map((s) => `${s.name}${JSON.stringify(s.labels)}`);
          expect(new Set(keys).size, name).toBe(keys.length);
        }
      }
    } finally {
      await app.close();
      await side.close();
    }
  });

  it('reads the values again at each scrape', async () => {
    const side = await buildMetricsServer({ db: t.db });
    try {
      const before = value(parseExposition((await side.inject({ url: '/metrics' })).body), 'dealflow_deals_total')!;
      await insertDeal(t.db);
      const after = parseExposition((await side.inject({ url: '/metrics' })).body);
      expect(value(after, 'dealflow_deals_total')).toBe(before + 1);
      expect(value(after, 'dealflow_articles', { status: 'extracted' })).toBe(4);
    } finally {
      await side.close();
    }
  });
});
