/**
 * `npm run eval:oracle -- DIR [--json] [--min-f1 0.98]`: score the LLM path (prompt building,
 * token selection, merging, normalisation, evidence check) against an oracle server that answers
 * with the gold deals as written in each article. Exit code 1 when deal F1 is below --min-f1 or a
 * deal fails the evidence check.
 *
 * `npm run eval:oracle -- DIR --serve` only starts the oracle and prints its address, for
 * `OPENAI_BASE_URL=<address> dealflow eval DIR --engine llm` (stop it with Ctrl-C).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config.js';
import { createExtractor } from '../extract/index.js';
import { flagValue, runEval } from './cli.js';
import { loadCorpus } from './corpus.js';
import { startOracleServer } from './oracle.js';
import type { EvalReport } from './score.js';

export async function runOracleEval(dir: string, opts: { json: boolean }): Promise<EvalReport> {
  const cases = await loadCorpus(path.resolve(dir));
  const oracle = await startOracleServer(cases);
  try {
    const env = { ...process.env, OPENAI_API_KEY: '', OPENAI_BASE_URL: oracle.baseURL, LLM_MODEL: 'oracle', LOG_LEVEL: 'silent' };
    const config = loadConfig(env);
    return await runEval(dir, { json: opts.json, extractor: createExtractor(config), threshold: config.REVIEW_CONFIDENCE_THRESHOLD });
  } finally {
    await oracle.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const minF1 = Number(flagValue(args, '--min-f1') ?? 0.98);
  const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--min-f1');
  (async () => {
    if (!dir) throw new Error('usage: npm run eval:oracle -- DIR [--json] [--min-f1 0.98] [--serve]');
    if (args.includes('--serve')) {
      const oracle = await startOracleServer(await loadCorpus(path.resolve(dir)));
      process.stdout.write(`OPENAI_BASE_URL=${oracle.baseURL}\n`);
      const stop = () => void oracle.close();
      process.once('SIGINT', stop).once('SIGTERM', stop);
      return;
    }
    const report = await runOracleEval(dir, { json: args.includes('--json') });
    if (report.deals.f1 < minF1 || report.evidenceFailed > 0) {
      process.stderr.write(
        `oracle eval: F1 ${report.deals.f1.toFixed(3)} (minimum ${minF1}), ${report.evidenceFailed} evidence failures\n`,
      );
      process.exitCode = 1;
    }
  })().catch((err: unknown) => {
    process.stderr.write(`eval failed: ${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
