import { type Command, Option } from 'commander';
import { loadConfig } from '../../config.js';

/** `eval <dir>`: score an extraction engine on a labelled corpus. */
export function register(program: Command): void {
  program
    .command('eval <dir>')
    .description('score the extraction engine on a labelled corpus (NAME.html + NAME.json pairs)')
    .option('--json', 'print the full report as JSON')
    .addOption(
      new Option('--engine <engine>', 'engine to score (llm: OPENAI_API_KEY or OPENAI_BASE_URL)')
        .choices(['offline', 'llm'])
        .default('offline'),
    )
    .action(async (dir: string, o: { json?: boolean; engine: 'offline' | 'llm' }) => {
      const { runEval, evalExtractor } = await import('../../eval/cli.js');
      const { CorpusError } = await import('../../eval/corpus.js');
      const config = loadConfig();
      try {
        await runEval(dir, {
          json: Boolean(o.json),
          extractor: evalExtractor(o.engine, config),
          threshold: config.REVIEW_CONFIDENCE_THRESHOLD,
        });
      } catch (err) {
        // A missing or malformed corpus is an operator error: one line, no stack.
        if (!(err instanceof CorpusError)) throw err;
        process.stderr.write(`dealflow: ${err.message}\n`);
        process.exitCode = 1;
      }
    });
}
