// Deduplication quality end to end: the fixture news site (7 publishers, fictional deals, every
// trap of issue 13) ingested through `sources add` and `ingest --once` with the offline engine,
// scored by B-cubed precision/recall/F1 over (article, gold deal) mentions.
// Usage: npm run bench:dedupe-quality [-- --json] [-- --keep] [-- --reverse (publishers added in reverse order)]
// Database server: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/); the database
// dealflow_bench_dedupe_quality is dropped and recreated on every run (and dropped at the end unless --keep).
import { parseArgs } from 'node:util';
import type { DedupeQuality } from '../src/eval/dedupe-quality.js';
import { runDedupeSite } from '../tests/helpers/dedupe-site/run.js';
import { admin, benchDbUrl } from './lib/db.js';

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    reverse: { type: 'boolean', default: false },
  },
});
const DB_NAME = 'dealflow_bench_dedupe_quality';

const pct = (x: number) => x.toFixed(3);

function printReport(q: DedupeQuality, articles: number, publishers: number, seconds: number): void {
  const b = q.bcubed;
  console.log(`dedupe quality: ${articles} articles from ${publishers} publishers, ${q.deals.length} gold deals, ${q.mentions} mentions`);
  console.log(`B-cubed precision ${pct(b.precision)}  recall ${pct(b.recall)}  F1 ${pct(b.f1)}   (target F1 >= 0.95)`);
  console.log(
    `mentions paired by name ${q.pairedByName}, by elimination ${q.pairedByElimination}, unpaired ${q.unpaired}; stored deals ${q.storedDeals}; extra links ${q.extra.length}; ${seconds.toFixed(1)} s`,
  );
  console.log('');
  console.log(`${'trap'.padEnd(26)}${'deals'.padStart(6)}${'P'.padStart(7)}${'R'.padStart(7)}${'F1'.padStart(7)}  missed  split / merged`);
  for (const t of q.traps) {
    const bad = [...t.split.map((d) => `split ${d}`), ...t.merged.map((d) => `merged ${d}`)].join(', ');
    console.log(
      `${t.trap.padEnd(26)}${String(t.deals).padStart(6)}${pct(t.bcubed.precision).padStart(7)}${pct(t.bcubed.recall).padStart(7)}${pct(t.bcubed.f1).padStart(7)}  ${String(t.missed).padStart(6)}  ${bad || '-'}`,
    );
  }
  console.log('');
  console.log('gold deals split or merged (stored deal ids; names as stored):');
  for (const d of q.deals.filter((x) => x.split || x.merged || x.found < x.mentions)) {
    const names = [...new Set(q.mentionList.filter((m) => m.gold === d.id && m.storedAs).map((m) => m.storedAs))].join(' | ');
    const parts = [
      `${d.found}/${d.mentions} found`,
      d.split ? `split over ${d.storedDeals.join(', ')}` : '',
      d.merged ? `merged with ${d.mergedWith.join(', ')}` : '',
      names ? `as ${names}` : '',
    ].filter(Boolean);
    console.log(`  ${d.id.padEnd(20)} ${parts.join('; ')}`);
  }
  const unpaired = q.mentionList.filter((m) => m.predicted === null);
  if (unpaired.length) {
    console.log('');
    console.log('mentions with no stored deal (not extracted, or a background round left unlinked):');
    for (const m of unpaired) console.log(`  ${m.gold.padEnd(20)} ${m.url.replace(/^https?:\/\/[^/]+/, '')}`);
  }
  if (q.extra.length) {
    console.log('');
    console.log('extra links (no gold mention paired):');
    for (const l of q.extra)
      console.log(
        `  deal ${l.dealId} "${l.company}" ${l.round} ${l.amountValue ?? '-'} ${l.amountCurrency ?? ''} <- ${l.url.replace(/^https?:\/\/[^/]+/, '')}`,
      );
  }
}

await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
await admin(`CREATE DATABASE ${DB_NAME}`);
try {
  const started = performance.now();
  const result = await runDedupeSite(benchDbUrl(DB_NAME), { reverse: args.reverse });
  const seconds = (performance.now() - started) / 1000;
  if (args.json) {
    const { articles, publishers, ingest, quality } = result;
    console.log(JSON.stringify({ articles, publishers, seconds, ingest, ...quality }, null, 2));
  } else {
    printReport(result.quality, result.articles, result.publishers, seconds);
  }
} finally {
  if (!args.keep) await admin(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
}
