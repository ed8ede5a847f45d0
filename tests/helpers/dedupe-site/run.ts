import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createDb } from '../../../src/db/connect.js';
import { scoreDedupe, type DedupeQuality, type StoredLink } from '../../../src/eval/dedupe-quality.js';
import { ARTICLES } from './articles.js';
import { GOLD_DEALS } from './deals.js';
import { startDedupeSite } from './site.js';

/**
 * Ingest the deduplication fixture site through the shipped CLI (`sources add URL --allow-private`
 * per publisher, then `ingest --once --json`) into `databaseUrl`, and score what deals_clean and
 * deal_sources_clean say against the gold. Needs the compiled CLI (`npm run build`).
 */

const run = promisify(execFile);

export interface DedupeSiteRun {
  quality: DedupeQuality;
  /** `ingest --once --json` output. */
  ingest: Record<string, unknown>;
  articles: number;
  publishers: number;
}

/**
 * `reverse` adds the publishers in reverse order, so articles are processed in another order (a
 * later story before the report it retells): the result should not depend on it.
 */
export async function runDedupeSite(databaseUrl: string, opts: { cwd?: string; reverse?: boolean } = {}): Promise<DedupeSiteRun> {
  const cwd = opts.cwd ?? process.cwd();
  // The offline engine (no OpenAI key), no politeness delay against a local server.
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('OPENAI_') && k !== 'FETCH_ALLOW_PRIVATE')),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    FETCH_HOST_DELAY_MS: '0',
  };
  const dealflow = async (args: string[]) => {
    try {
      return (await run(process.execPath, ['bin/dealflow.js', ...args], { cwd, env, timeout: 300_000, maxBuffer: 16 << 20 })).stdout;
    } catch (err) {
      const e = err as { stderr?: string; message: string };
      throw new Error(`dealflow ${args.join(' ')} failed: ${e.stderr || e.message}`);
    }
  };
  const site = await startDedupeSite();
  try {
    for (const url of opts.reverse ? [...site.sourceUrls].reverse() : site.sourceUrls)
      await dealflow(['sources', 'add', url, '--allow-private']);
    const ingest = JSON.parse(await dealflow(['ingest', '--once', '--json'])) as Record<string, unknown>;
    const db = createDb(databaseUrl, 2);
    try {
      const rows = await db
        .selectFrom('deal_sources_clean as s')
        .innerJoin('deals_clean as d', 'd.id', 's.deal_id')
        .innerJoin('articles as a', 'a.id', 's.article_id')
        .select(['a.url', 'd.id', 'd.company_name', 'd.round', 'd.amount_value', 'd.amount_currency'])
        .execute();
      const links: StoredLink[] = rows.map((r) => ({
        url: r.url,
        dealId: r.id,
        company: r.company_name,
        round: r.round,
        amountValue: r.amount_value === null ? null : Number(r.amount_value),
        amountCurrency: r.amount_currency,
      }));
      const quality = scoreDedupe(
        GOLD_DEALS,
        ARTICLES.map((a) => ({ url: site.urlOf(a), deals: a.gold })),
        links,
      );
      return { quality, ingest, articles: ARTICLES.length, publishers: site.sourceUrls.length };
    } finally {
      await db.destroy();
    }
  } finally {
    await site.close();
  }
}
