import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { createExtractor } from '../../extract/index.js';
import { createLogger } from '../../logger.js';
import { parseArticle } from '../../parse/article.js';
import { extractDeals } from '../../pipeline/candidates.js';
import { loadPage, printJson } from '../io.js';

/** `parse` and `extract`: one page (file or URL) through the stages, no database. */
export function register(program: Command): void {
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
      const extractor = createExtractor(config, { log: createLogger(config.LOG_LEVEL) });
      const { candidates } = await extractDeals({ extractor, config }, article);
      const { paragraphs: _omit, ...articleJson } = article;
      printJson({ article: articleJson, deals: candidates.map((c) => c.deal) });
    });
}
