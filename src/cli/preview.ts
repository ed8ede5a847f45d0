import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Config } from '../config.js';
import { decodeBody } from '../fetch/charset.js';
import { createFetcher, fetcherOptionsFromConfig } from '../fetch/http.js';
import { detectSourceKind, discoverSource, type DiscoveredItem, type SourceKind } from '../sources/parse.js';

export interface PreviewOptions {
  /** Base URL for relative links (a file has none of its own). */
  base?: string;
  kind?: SourceKind;
  allowPrivate?: boolean;
  /** Child sitemaps of a sitemap index fetched at most, as a poll does. */
  maxChildren?: number;
}

export interface PreviewItem {
  url: string;
  title: string | null;
  publishedAt: string | null;
  /** A sitemap-index child that could not be followed (a file target). */
  sitemap?: true;
}

export interface Preview {
  source: string;
  kind: SourceKind;
  items: PreviewItem[];
  /** Distinct URLs listed and how many of them the SOURCE_MAX_ITEMS cap dropped. */
  total: number;
  dropped: number;
}

const MAX_FILE_BYTES = 50 * 1024 * 1024;

async function readSourceFile(file: string): Promise<string> {
  let bytes: Buffer = await readFile(file);
  if (bytes.length > MAX_FILE_BYTES) throw new Error(`${file}: larger than ${MAX_FILE_BYTES} bytes`);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes, { maxOutputLength: MAX_FILE_BYTES });
  return decodeBody(bytes, null).text;
}

const toItem = (i: DiscoveredItem): PreviewItem => ({
  url: i.url,
  title: i.title,
  publishedAt: i.publishedAt,
  ...(i.isSitemap ? { sitemap: true as const } : {}),
});

/**
 * What a source would yield, read the way a poll reads it (same fetcher, detection, parser and
 * cap), storing nothing. A sitemap index fetched over HTTP is followed one level, as a poll does.
 */
export async function previewSource(target: string, config: Config, opts: PreviewOptions = {}): Promise<Preview> {
  const isUrl = /^https?:\/\//i.test(target);
  const maxItems = config.SOURCE_MAX_ITEMS;
  const allowPrivate = Boolean(opts.allowPrivate) || config.FETCH_ALLOW_PRIVATE;
  const fetcher = isUrl ? createFetcher(fetcherOptionsFromConfig(config)) : null;
  try {
    let body: string;
    let contentType: string | null = null;
    let base: string;
    if (fetcher) {
      const res = await fetcher.fetch(target, { accept: opts.kind === 'html' ? 'page' : 'feed', allowPrivate });
      body = res.body;
      contentType = res.contentType;
      base = opts.base ?? res.finalUrl;
    } else {
      body = await readSourceFile(target);
      base = opts.base ?? pathToFileURL(path.resolve(target)).toString();
    }
    const kind = opts.kind ?? detectSourceKind(body, contentType);
    const found = discoverSource(kind, body, base, { maxItems });
    let dropped = found.dropped;
    const items = found.items.filter((i) => !(fetcher && i.isSitemap));
    if (fetcher) {
      for (const child of found.items.filter((i) => i.isSitemap).slice(0, opts.maxChildren ?? 20)) {
        const sub = await fetcher.fetch(child.url, { accept: 'feed', allowPrivate });
        const inner = discoverSource('sitemap', sub.body, sub.finalUrl, { maxItems });
        items.push(...inner.items.filter((i) => !i.isSitemap));
        dropped += inner.dropped;
      }
    }
    if (items.length > maxItems) dropped += items.splice(maxItems).length; // one cap per poll, as pollSource
    return { source: target, kind, items: items.map(toItem), total: items.length + dropped, dropped };
  } finally {
    await fetcher?.close();
  }
}

/** One line per item: date, URL, title (tab-separated), after a summary line. */
export function formatPreview(p: Preview): string {
  const cap = p.dropped > 0 ? ` (item cap: ${p.dropped} of ${p.total} not read; SOURCE_MAX_ITEMS)` : '';
  const lines = [`${p.source}: ${p.kind}, ${p.items.length} items${cap}`];
  for (const i of p.items) lines.push(`${i.publishedAt ?? '-'}\t${i.url}\t${i.sitemap ? '[sitemap] ' : ''}${i.title ?? ''}`);
  return `${lines.join('\n')}\n`;
}
