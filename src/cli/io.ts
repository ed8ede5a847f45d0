import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { loadConfig } from '../config.js';
import { createFetcher, fetcherOptionsFromConfig } from '../fetch/http.js';

/** Commander parser for options that take a count or a number of minutes. */
export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Read an HTML file, or fetch a URL with the pipeline's own fetcher (same safety rules). */
export async function loadPage(target: string, allowPrivate: boolean): Promise<{ html: string; url: string }> {
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
