import { Command, InvalidArgumentError, Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, ConfigError } from '../config.js';
import { createApp } from '../app.js';
import { connectRedis, RedisUnavailableError } from '../redis.js';
import { createLogger } from '../logger.js';
import { createFetcher, fetcherOptionsFromConfig } from '../fetch/http.js';
import { parseArticle } from '../parse/article.js';
import { ParseError } from '../parse/limits.js';
import { createExtractor } from '../extract/index.js';
import { toCandidates } from '../pipeline/candidates.js';
import { addSource } from '../pipeline/add-source.js';
import { formatOnceSummary, ingestOnce } from '../pipeline/run-once.js';
import { articlesToRun } from '../store/articles.js';
import { listSources, removeSource } from '../store/sources.js';
import { createQueues, requeueArticles, type StartWorkers } from '../queue/queues.js';
import { startRuntime, shutdownOnSignals } from './runtime.js';
import { progressBar } from './progress.js';
import { FetchError } from '../fetch/errors.js';
import { SourceParseError, type SourceKind } from '../sources/types.js';
import { FilterError } from '../export/filters.js';
import { ReviewError } from '../review/errors.js';
import { LlmError } from '../extract/llm/errors.js';
import { projectRoot } from '../paths.js';
import { EcbFormatError } from '../fx/ecb.js';
import { DatabaseUnavailableError, EmbeddedPostgresError } from '../db/connect.js';

const pkg = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as { version: string };

const LONG_RUNNING = new Set(['worker', 'serve', 'start']);

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Read an HTML file, or fetch a URL with the pipeline's own fetcher (same safety rules). */
async function loadPage(target: string, allowPrivate: boolean): Promise<{ html: string; url: string }> {
  if (/^https?:\/\//i.test(target)) {
    const config = loadConfig();
    const fetcher = createFetcher(fetcherOptionsFromConfig(config));
    try {
      await fetcher.checkTarget(target, { allowPrivate }); // one line with the --allow-private hint
      const res = await fetcher.fetch(target, { accept: 'page', allowPrivate: allowPrivate || config.FETCH_ALLOW_PRIVATE });
      return { html: res.body, url: res.finalUrl };
    } finally {
      await fetcher.close();
    }
  }
  const html = await readFile(target, 'utf8');
  return { html, url: `file://${new URL(target, `file://${process.cwd()}/`).pathname}` };
}

/** What the composition root hands the CLI: the queue consumers from workers/. */
export interface CliWiring {
  startWorkers: StartWorkers;
}

export function buildCli(wiring: CliWiring): Command {
  const program = new Command('dealflow')
    .description('Turn funding news into a clean, deduplicated deal database')
    .version(pkg.version)
    .showHelpAfterError();
  // One-shot commands print their result, not the pipeline's info logs; services keep them.
  program.hook('preAction', (_program, action) => {
    if (process.env.LOG_LEVEL === undefined && !LONG_RUNNING.has(action.name())) process.env.LOG_LEVEL = 'warn';
  });

  program
    .command('migrate')
    .description('apply database migrations (also run automatically at startup)')
    .action(async () => {
      const app = await createApp();
      await app.close();
    });

  const sources = program.command('sources').description('manage news sources');
  sources
    .command('add <url>')
    .description('add a feed, sitemap or HTML listing page (kind detected unless given)')
    .addOption(new Option('--kind <kind>', 'source kind').choices(['rss', 'atom', 'rdf', 'jsonfeed', 'html', 'sitemap']))
    .option('--name <name>', 'display name')
    .option('--selector <css>', 'CSS selector for article links on an HTML listing page')
    .option('--interval <minutes>', 'how often to check', positiveInt)
    .option('--allow-private', 'allow a private or loopback address (intranet feeds)', false)
    .action(async (url: string, o: { kind?: 'rss'; name?: string; selector?: string; interval?: number; allowPrivate: boolean }) => {
      const app = await createApp();
      try {
        const s = await addSource(app, url, {
          kind: o.kind,
          name: o.name,
          linkSelector: o.selector,
          intervalMs: o.interval ? o.interval * 60_000 : undefined,
          allowPrivate: o.allowPrivate,
        });
        process.stdout.write(`added source ${s.id}: ${s.url} (${s.kind})\n`);
      } finally {
        await app.close();
      }
    });
  sources
    .command('list')
    .description('list sources with their health')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const app = await createApp();
      try {
        const rows = await listSources(app.db);
        if (o.json) return printJson(rows);
        for (const s of rows) {
          const health = s.last_error ? `errors=${s.error_count} last_error=${JSON.stringify(s.last_error)}` : 'ok';
          process.stdout.write(
            `${s.id}\t${s.kind}\t${s.enabled ? 'enabled' : 'disabled'}\t${s.url}\tlast_success=${s.last_success_at?.toISOString() ?? '-'}\tnext=${s.next_check_at?.toISOString() ?? '-'}\t${health}\n`,
          );
        }
      } finally {
        await app.close();
      }
    });
  sources
    .command('preview <urlOrFile>')
    .description('show the detected kind and the items (url, title, publishedAt) a source yields; stores nothing')
    .option('--base <url>', 'base URL for relative links (default: the URL fetched, or the file)')
    .addOption(
      new Option('--kind <kind>', 'source kind (detected unless given)').choices(['rss', 'atom', 'rdf', 'jsonfeed', 'html', 'sitemap']),
    )
    .option('--json', 'print JSON')
    .option('--allow-private', 'allow fetching a private or loopback address', false)
    .action(async (target: string, o: { base?: string; kind?: SourceKind; json?: boolean; allowPrivate: boolean }) => {
      const { previewSource, formatPreview } = await import('./preview.js');
      const preview = await previewSource(target, loadConfig(), { base: o.base, kind: o.kind, allowPrivate: o.allowPrivate });
      if (o.json) printJson(preview);
      else process.stdout.write(formatPreview(preview));
    });
  sources
    .command('remove <idOrUrl>')
    .description('remove a source (its articles and deals stay)')
    .action(async (idOrUrl: string) => {
      const app = await createApp();
      try {
        const n = await removeSource(app.db, idOrUrl);
        if (n === 0) throw new Error(`no source ${idOrUrl}`);
        process.stdout.write(`removed source ${idOrUrl}\n`);
      } finally {
        await app.close();
      }
    });

  program
    .command('ingest')
    .description('poll every source now')
    .option('--once', 'run every stage inline in this process (no Redis needed) and exit')
    .option('--json', 'print the summary as JSON')
    .action(async (o: { once?: boolean; json?: boolean }) => {
      const app = await createApp();
      try {
        if (o.once) {
          const bar = progressBar();
          const summary = await ingestOnce(app, { onProgress: bar.update });
          bar.stop();
          if (o.json) printJson(summary);
          else process.stdout.write(`${formatOnceSummary(summary)}\n`);
          return;
        }
        // Without --once, hand the work to the running workers through the queue.
        const redis = await connectRedis(app.config.REDIS_URL);
        const queues = createQueues(redis, app.config.QUEUE_PREFIX);
        try {
          const rows = await listSources(app.db, { enabledOnly: true });
          await queues.sources.addBulk(rows.map((s) => ({ name: 'poll', data: { sourceId: s.id } })));
          // Unfinished and failed articles run again (failed ones get a fresh set of attempts).
          const rerun = await articlesToRun(app.db, { includeFailed: true });
          await requeueArticles(queues, rerun);
          process.stdout.write(`queued ${rows.length} sources and ${rerun.length} unfinished or failed articles\n`);
        } finally {
          await queues.close();
          redis.disconnect();
        }
      } finally {
        await app.close();
      }
    });

  program
    .command('worker')
    .description('run the job schedulers and workers (BullMQ on Redis)')
    .action(async () => {
      await shutdownOnSignals(await startRuntime({ workers: true, server: false, demo: false }, wiring));
    });
  program
    .command('serve')
    .description('serve the review UI, API, health and metrics')
    .action(async () => {
      await shutdownOnSignals(await startRuntime({ workers: false, server: true, demo: false }, wiring));
    });
  program
    .command('start')
    .description('workers, schedulers and the web server in one process (with the demo site when no sources exist)')
    .action(async () => {
      await shutdownOnSignals(await startRuntime({ workers: true, server: true, demo: true }, wiring));
    });

  program
    .command('parse <fileOrUrl...>')
    .description('print the article text and metadata of pages (no database); several: one JSON object per line')
    .option('--json', 'print JSON (default)')
    .option('--allow-private', 'allow fetching a private or loopback address', false)
    .action(async (targets: string[], o: { allowPrivate: boolean }) => {
      if (targets.length === 1) {
        const { html, url } = await loadPage(targets[0]!, o.allowPrivate);
        return printJson(parseArticle(html, url));
      }
      // Several pages: one line each, in order; a page that fails is a line with its error.
      for (const target of targets) {
        try {
          const { html, url } = await loadPage(target, o.allowPrivate);
          process.stdout.write(`${JSON.stringify({ file: target, ...parseArticle(html, url) })}\n`);
        } catch (err) {
          process.stdout.write(`${JSON.stringify({ file: target, error: (err as Error).message })}\n`);
          process.exitCode = 1;
        }
      }
    });

  program
    .command('extract <fileOrUrl>')
    .description('extract deals from one page (no database): {"article":{...},"deals":[...]}')
    .option('--json', 'print JSON (default)')
    .option('--allow-private', 'allow fetching a private or loopback address', false)
    .action(async (target: string, o: { allowPrivate: boolean }) => {
      const config = loadConfig();
      const { html, url } = await loadPage(target, o.allowPrivate);
      const article = parseArticle(html, url);
      const result = await createExtractor(config, { log: createLogger(config.LOG_LEVEL) }).extract({
        url: article.canonicalUrl,
        title: article.title,
        text: article.text,
        publishedAt: article.publishedAt,
        siteName: article.siteName,
      });
      const { paragraphs: _omit, ...articleJson } = article;
      printJson({ article: articleJson, deals: toCandidates({ config }, result, article).map((c) => c.deal) });
    });

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
      const { runEval, evalExtractor } = await import('../eval/cli.js');
      const { CorpusError } = await import('../eval/corpus.js');
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

  program
    .command('deals')
    .description('export clean deals')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'ndjson']).default('ndjson'))
    .option('--since <date>', 'announced on or after YYYY-MM-DD')
    .option('--round <round>')
    .option('--country <code>')
    .option('--region <region>')
    .option('--min-usd <n>', 'minimum amount in USD', Number)
    .option('--company <text>')
    .action(
      async (o: {
        format: 'csv' | 'ndjson';
        since?: string;
        round?: string;
        country?: string;
        region?: string;
        minUsd?: number;
        company?: string;
      }) => {
        const { exportDeals } = await import('../export/deals.js');
        const { parseDealFilters } = await import('../export/filters.js');
        const { format, minUsd, ...rest } = o;
        const filters = parseDealFilters({ ...rest, min_usd: minUsd }); // bad filters fail before connecting
        const app = await createApp();
        try {
          await exportDeals(app.db, { format, filters }, process.stdout);
        } finally {
          await app.close();
        }
      },
    );

  program
    .command('review')
    .description('work through the review queue in the terminal')
    .option('--kind <kind>', 'only this kind of item')
    .option('--actor <name>', 'name recorded in the audit log', process.env.USER ?? 'operator')
    .action(async (o: { kind?: string; actor: string }) => {
      const { runReviewCli } = await import('../review/tui.js');
      const app = await createApp();
      try {
        await runReviewCli({ db: app.db, actor: o.actor, input: process.stdin, output: process.stdout, kind: o.kind });
      } finally {
        await app.close();
      }
    });

  program
    .command('fx')
    .description('exchange rates used for USD conversion')
    .command('refresh')
    .description('fetch the reference rates (FX_RATES_URL, ECB format) now and store them')
    .option('--allow-private', 'allow a private or loopback address', false)
    .action(async (o: { allowPrivate: boolean }) => {
      const { refreshReferenceRates } = await import('../fx/refresh.js');
      const app = await createApp();
      try {
        const r = await refreshReferenceRates(app, { allowPrivate: o.allowPrivate || app.config.FETCH_ALLOW_PRIVATE });
        process.stdout.write(`stored ${r.stored} reference rates; latest ${r.until ?? '-'}\n`);
      } finally {
        await app.close();
      }
    });

  program
    .command('operators-add <username>')
    .description('create a review UI operator account (password from DEALFLOW_PASSWORD or stdin)')
    .action(async (username: string) => {
      const { createOperator } = await import('../review/operators.js');
      const password = process.env.DEALFLOW_PASSWORD ?? (await readFile('/dev/stdin', 'utf8')).trim();
      const app = await createApp();
      try {
        await createOperator(app.db, username, password);
        process.stdout.write(`operator ${username} created\n`);
      } finally {
        await app.close();
      }
    });

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
