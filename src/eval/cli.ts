/** `npm run eval -- <dir> [--json]` and `dealflow eval <dir> [--json]`: score the offline engine. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createOfflineExtractor } from '../extract/offline/index.js';
import type { Extractor } from '../extract/types.js';
import { projectRoot } from '../paths.js';
import { evaluateCorpus, SCORED_FIELDS, type EvalReport } from './score.js';

const pct = (x: number | null): string => (x === null ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

/** Human-readable summary: totals, per-field accuracy, then every case with a mistake. */
export function formatReport(r: EvalReport): string {
  const lines = [
    `corpus ${r.dir} — ${r.cases} cases, engine ${r.engine}`,
    `deals: gold ${r.deals.gold}, predicted ${r.deals.predicted}, matched ${r.deals.matched}`,
    `  precision ${pct(r.deals.precision)}  recall ${pct(r.deals.recall)}  F1 ${pct(r.deals.f1)}`,
    'fields (over matched deals where gold has the field):',
    ...SCORED_FIELDS.map((f) => `  ${f.padEnd(10)} ${pct(r.fields[f].accuracy)}  (${r.fields[f].correct}/${r.fields[f].total})`),
    `timing: extract ${r.timing.extractMs.toFixed(1)} ms (${r.timing.extractPerSecond.toFixed(0)} articles/s), ` +
      `end-to-end ${r.timing.totalMs.toFixed(0)} ms (${r.timing.endToEndPerSecond.toFixed(1)} articles/s)`,
  ];
  for (const c of r.perCase) {
    if (!c.missed.length && !c.spurious.length && !c.fieldErrors.length && !c.error) continue;
    lines.push(`- ${c.name}`);
    if (c.error) lines.push(`    error: ${c.error}`);
    if (c.missed.length) lines.push(`    missed: ${c.missed.join(', ')}`);
    if (c.spurious.length) lines.push(`    spurious: ${c.spurious.join(', ')}`);
    for (const e of c.fieldErrors) {
      lines.push(`    ${e.company} ${e.field}: expected ${JSON.stringify(e.expected)}, got ${JSON.stringify(e.actual)}`);
    }
  }
  return lines.join('\n');
}

/** Evaluates and prints (JSON or text); returns the report and never exits the process. */
export async function runEval(dir: string, opts: { json: boolean; extractor?: Extractor }): Promise<EvalReport> {
  const report = await evaluateCorpus(path.resolve(dir), opts.extractor ?? createOfflineExtractor());
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  return report;
}

/** Default corpus: $DEALFLOW_CORPUS_DIR, else the shared dev corpus beside the project. */
export function defaultCorpusDir(): string {
  return process.env.DEALFLOW_CORPUS_DIR ?? path.join(projectRoot(), '..', 'shared', 'corpus', 'deals-dev');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--')) ?? defaultCorpusDir();
  runEval(dir, { json: args.includes('--json') }).catch((err: unknown) => {
    process.stderr.write(`eval failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
