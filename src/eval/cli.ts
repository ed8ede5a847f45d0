/**
 * `npm run eval -- <dir> [--json] [--engine offline|llm]` and `dealflow eval <dir> [--json] [--engine E]`:
 * score an extraction engine on a labelled corpus, at the configured review threshold.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig, type Config } from '../config.js';
import { createExtractor, llmConfigured } from '../extract/index.js';
import { createOfflineExtractor } from '../extract/offline/index.js';
import type { Extractor } from '../extract/types.js';
import { projectRoot } from '../paths.js';
import { CorpusError } from './corpus.js';
import { evaluateCorpus, SCORED_FIELDS, type EvalReport } from './score.js';

const pct = (x: number | null): string => (x === null ? '   n/a' : `${(100 * x).toFixed(1).padStart(5)}%`);

export const ENGINES = ['offline', 'llm'] as const;
export type EngineChoice = (typeof ENGINES)[number];

/**
 * The engine to score. `llm` is the pipeline's LLM path (with its offline pre-filter) and needs
 * OPENAI_API_KEY or OPENAI_BASE_URL; `offline` is the rule engine alone.
 */
export function evalExtractor(engine: EngineChoice, config: Config): Extractor {
  if (engine === 'offline') return createOfflineExtractor();
  if (!llmConfigured(config)) {
    throw new CorpusError('--engine llm needs OPENAI_API_KEY or OPENAI_BASE_URL (a local OpenAI-compatible server)');
  }
  return createExtractor(config);
}

/** Human-readable summary: totals, threshold view, reliability table, per-field accuracy, then every case with a mistake. */
export function formatReport(r: EvalReport): string {
  const t = r.atThreshold;
  const lines = [
    `corpus ${r.dir} — ${r.cases} cases, engine ${r.engine}`,
    `deals: gold ${r.deals.gold}, predicted ${r.deals.predicted}, matched ${r.deals.matched}`,
    `  precision ${pct(r.deals.precision)}  recall ${pct(r.deals.recall)}  F1 ${pct(r.deals.f1)}`,
    `at REVIEW_CONFIDENCE_THRESHOLD ${t.threshold}: ${t.accepted} deals stored as they are, ${pct(t.toReview).trim()} of predicted deals go to review`,
    `  precision ${pct(t.precision)}  recall ${pct(t.recall)}`,
    'reliability (confidence bucket → observed precision):',
    ...r.reliability
      .filter((b) => b.count > 0)
      .map(
        (b) =>
          `  [${b.from.toFixed(1)}, ${b.to.toFixed(1)}${b.to >= 1 ? ']' : ')'}  deals ${String(b.count).padStart(4)}  correct ${String(b.correct).padStart(4)}  precision ${pct(b.precision)}  mean confidence ${b.meanConfidence!.toFixed(2)}`,
      ),
    `evidence check failed on ${r.evidenceFailed} of ${r.deals.predicted} predicted deals`,
    'fields (over matched deals where gold has the field):',
    ...SCORED_FIELDS.map((f) => `  ${f.padEnd(10)} ${pct(r.fields[f].accuracy)}  (${r.fields[f].correct}/${r.fields[f].total})`),
    `timing: extract ${r.timing.extractMs.toFixed(1)} ms (${r.timing.extractPerSecond.toFixed(0)} articles/s), ` +
      `end-to-end ${r.timing.totalMs.toFixed(0)} ms (${r.timing.endToEndPerSecond.toFixed(1)} articles/s)`,
  ];
  if (r.usage.inputTokens || r.usage.outputTokens) {
    lines.push(`LLM tokens: input ${r.usage.inputTokens}, output ${r.usage.outputTokens}, cost $${r.usage.costUsd.toFixed(4)}`);
  }
  for (const c of r.perCase) {
    const evidence = c.predictions.flatMap((p) => p.review.filter((x) => x.startsWith('evidence_failed')).map((x) => `${p.company}: ${x}`));
    if (!c.missed.length && !c.spurious.length && !c.fieldErrors.length && !c.error && !evidence.length) continue;
    lines.push(`- ${c.name}`);
    if (c.error) lines.push(`    error: ${c.error}`);
    if (c.missed.length) lines.push(`    missed: ${c.missed.join(', ')}`);
    if (c.spurious.length) lines.push(`    spurious: ${c.spurious.join(', ')}`);
    for (const e of c.fieldErrors) {
      lines.push(`    ${e.company} ${e.field}: expected ${JSON.stringify(e.expected)}, got ${JSON.stringify(e.actual)}`);
    }
    for (const e of evidence) lines.push(`    ${e}`);
  }
  return lines.join('\n');
}

export interface RunEvalOptions {
  json: boolean;
  extractor?: Extractor;
  /** Deals below it go to review; default REVIEW_CONFIDENCE_THRESHOLD from the config. */
  threshold?: number;
}

/** Evaluates and prints (JSON or text); returns the report and never exits the process. */
export async function runEval(dir: string, opts: RunEvalOptions): Promise<EvalReport> {
  const config = loadConfig();
  const threshold = opts.threshold ?? config.REVIEW_CONFIDENCE_THRESHOLD;
  const report = await evaluateCorpus(path.resolve(dir), opts.extractor ?? createOfflineExtractor(), {
    threshold,
    articleMaxDeals: config.ARTICLE_MAX_DEALS,
    dealMaxUsd: config.DEAL_MAX_USD,
  });
  process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
  return report;
}

/** Default corpus: $DEALFLOW_CORPUS_DIR, else the shared dev corpus beside the project. */
export function defaultCorpusDir(): string {
  return process.env.DEALFLOW_CORPUS_DIR ?? path.join(projectRoot(), '..', 'shared', 'corpus', 'deals-dev');
}

/** Value of `--name V` or `--name=V` in argv. */
export function flagValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const engine = (flagValue(args, '--engine') ?? 'offline') as EngineChoice;
  const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--engine') ?? defaultCorpusDir();
  (async () => {
    if (!ENGINES.includes(engine)) throw new CorpusError(`--engine must be one of ${ENGINES.join(', ')}`);
    const config = loadConfig();
    await runEval(dir, {
      json: args.includes('--json'),
      extractor: evalExtractor(engine, config),
      threshold: config.REVIEW_CONFIDENCE_THRESHOLD,
    });
  })().catch((err: unknown) => {
    process.stderr.write(`eval failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
