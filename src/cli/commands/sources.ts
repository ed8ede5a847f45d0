import { type Command, Option } from 'commander';
import { createApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { addSource } from '../../pipeline/add-source.js';
import type { SourceKind } from '../../sources/types.js';
import { listSources, removeSource } from '../../store/sources.js';
import { positiveInt, printJson } from '../io.js';

const KINDS = ['rss', 'atom', 'rdf', 'jsonfeed', 'html', 'sitemap'];

/** `sources add | list | preview | remove`. */
export function register(program: Command): void {
  const sources = program.command('sources').description('manage news sources');
  sources
    .command('add <url>')
    .description('add a feed, sitemap or HTML listing page (kind detected unless given)')
    .addOption(new Option('--kind <kind>', 'source kind').choices(KINDS))
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
    .addOption(new Option('--kind <kind>', 'source kind (detected unless given)').choices(KINDS))
    .option('--json', 'print JSON')
    .option('--allow-private', 'allow fetching a private or loopback address', false)
    .action(async (target: string, o: { base?: string; kind?: SourceKind; json?: boolean; allowPrivate: boolean }) => {
      const { previewSource, formatPreview } = await import('../preview.js');
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
}
