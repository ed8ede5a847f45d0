import { getSource, recordPollFailure, recordPollSuccess } from '../store/sources.js';
import { articlesToRun, insertDiscovered } from '../store/articles.js';
import { discoverSource, MAX_ITEMS_PER_SOURCE } from '../sources/parse.js';
import type { PipelineDeps } from './deps.js';

export interface PollResult {
  sourceId: number;
  notModified: boolean;
  discovered: number;
  /** Articles seen for the first time. */
  newArticles: number;
  /**
   * Every unfinished article of the source: the new ones plus any that an earlier poll recorded
   * but never queued or finished (its worker died in between). Queue these; job ids dedupe.
   */
  pendingArticleIds: number[];
}

/** Fetch a source (conditional GET), list its article URLs and record the new ones. */
export async function pollSource(deps: PipelineDeps, sourceId: number): Promise<PollResult> {
  const { db, fetcher, log } = deps;
  const source = await getSource(db, sourceId);
  if (!source) throw new Error(`source ${sourceId} does not exist`);
  try {
    const res = await fetcher.fetch(source.url, {
      accept: source.kind === 'html' ? 'page' : 'feed',
      etag: source.etag,
      lastModified: source.last_modified,
      allowPrivate: source.allow_private,
      trustOrigin: source.url,
    });
    if (res.notModified) {
      await recordPollSuccess(db, source, { etag: source.etag, lastModified: source.last_modified });
      return {
        sourceId,
        notModified: true,
        discovered: 0,
        newArticles: 0,
        pendingArticleIds: await articlesToRun(db, { includeFailed: false, sourceId }),
      };
    }
    const maxItems = deps.config.SOURCE_MAX_ITEMS ?? MAX_ITEMS_PER_SOURCE;
    const found = discoverSource(source.kind, res.body, res.finalUrl, { linkSelector: source.link_selector, maxItems });
    let dropped = found.dropped;
    // A sitemap index lists child sitemaps, not articles: those are followed once, one level deep.
    const articles = found.items.filter((i) => !i.isSitemap);
    for (const child of found.items.filter((i) => i.isSitemap).slice(0, 20)) {
      // Trust stays with the source's origin: a child sitemap elsewhere gets the public-address guard.
      const sub = await fetcher.fetch(child.url, { accept: 'feed', allowPrivate: source.allow_private, trustOrigin: source.url });
      const inner = discoverSource('sitemap', sub.body, sub.finalUrl, { maxItems });
      articles.push(...inner.items.filter((i) => !i.isSitemap));
      dropped += inner.dropped;
    }
    // The cap holds for the poll as a whole, not per child sitemap.
    if (articles.length > maxItems) dropped += articles.splice(maxItems).length;
    const warning =
      dropped > 0 ? `item cap: read ${articles.length} of ${articles.length + dropped} items (SOURCE_MAX_ITEMS=${maxItems})` : null;
    if (warning) log.warn({ sourceId, read: articles.length, dropped, maxItems }, 'source item cap reached: items dropped');
    const newArticles = (await insertDiscovered(db, source.id, articles)).length;
    const warnings = [warning, articles.length === 0 ? emptySourceWarning(source.kind, source.link_selector) : null].filter(Boolean);
    await recordPollSuccess(db, source, { etag: res.etag, lastModified: res.lastModified, warning: warnings.join('; ') || null });
    if (articles.length === 0) log.warn({ sourceId, url: source.url }, warnings.at(-1)!);
    else log.info({ sourceId, discovered: articles.length, new: newArticles }, 'source polled');
    return {
      sourceId,
      notModified: false,
      discovered: articles.length,
      newArticles,
      pendingArticleIds: await articlesToRun(db, { includeFailed: false, sourceId }),
    };
  } catch (err) {
    // A broken source is recorded for operators and retried later; it never crashes the worker.
    const message = (err as Error).message;
    await recordPollFailure(db, source, message);
    log.warn({ sourceId, err: message }, 'source poll failed');
    throw err;
  }
}

/** Why a source that answered yielded nothing, and what to try. */
function emptySourceWarning(kind: string, selector: string | null): string {
  if (kind !== 'html') return `warning: the ${kind} source lists no items`;
  return selector
    ? `warning: the listing page yielded 0 article links with --selector ${JSON.stringify(selector)}; check the selector`
    : 'warning: the listing page yielded 0 article links; add the source again with --selector CSS (the links to articles), or use its feed or sitemap';
}
