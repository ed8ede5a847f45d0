import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { ConfigError } from '../config.js';
import { DatabaseUnavailableError, EmbeddedPostgresError } from '../db/connect.js';
import { FilterError } from '../export/filters.js';
import { LlmError } from '../extract/llm/errors.js';
import { FetchError } from '../fetch/errors.js';
import { EcbFormatError } from '../fx/ecb.js';
import { ParseError } from '../parse/limits.js';
import { projectRoot } from '../paths.js';
import { RedisUnavailableError } from '../redis.js';
import { ReviewError } from '../review/errors.js';
import { SourceParseError } from '../sources/types.js';
import * as deals from './commands/deals.js';
import * as evaluate from './commands/eval.js';
import * as fx from './commands/fx.js';
import * as ingest from './commands/ingest.js';
import * as migrate from './commands/migrate.js';
import * as operators from './commands/operators.js';
import * as pages from './commands/pages.js';
import * as review from './commands/review.js';
import * as services from './commands/services.js';
import * as sources from './commands/sources.js';
import type { CliWiring, RegisterCommands } from './commands/types.js';

export type { CliWiring } from './commands/types.js';

const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };

/** The command groups, in the order `--help` lists them. */
const GROUPS: readonly RegisterCommands[] = [
  migrate.register,
  sources.register,
  ingest.register,
  services.register,
  pages.register,
  evaluate.register,
  deals.register,
  review.register,
  fx.register,
  operators.register,
];

export function buildCli(wiring: CliWiring): Command {
  const program = new Command('dealflow')
    .description('Turn funding news into a clean, deduplicated deal database')
    .version(pkg.version)
    .showHelpAfterError();
  // One-shot commands print their result, not the pipeline's info logs; services keep them.
  program.hook('preAction', (_program, action) => {
    if (process.env.LOG_LEVEL === undefined && !services.LONG_RUNNING.has(action.name())) process.env.LOG_LEVEL = 'warn';
  });
  for (const register of GROUPS) register(program, wiring);
  return program;
}

/** Run the CLI on `argv`; known operator errors become one line on stderr and exit code 1. */
export async function runCli(argv: string[], wiring: CliWiring): Promise<void> {
  try {
    await buildCli(wiring).parseAsync(argv);
  } catch (err) {
    // Known operator errors are one clear line; anything else keeps its stack for debugging.
    const known = [
      ConfigError,
      RedisUnavailableError,
      FetchError,
      SourceParseError,
      FilterError,
      ReviewError,
      LlmError,
      EcbFormatError,
      ParseError,
      DatabaseUnavailableError,
      EmbeddedPostgresError,
    ];
    const code = (err as NodeJS.ErrnoException).code;
    if (known.some((k) => err instanceof k) || code === 'ENOENT' || code === 'EACCES')
      process.stderr.write(`dealflow: ${(err as Error).message}\n`);
    else process.stderr.write(`dealflow: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
