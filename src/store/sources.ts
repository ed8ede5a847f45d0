import type { Db } from '../db/connect.js';
import type { NewSource, Source } from '../db/types.js';

export async function insertSource(db: Db, source: NewSource): Promise<Source> {
  return db
    .insertInto('sources')
    .values(source)
    .onConflict((oc) => oc.column('url').doUpdateSet((eb) => ({ kind: eb.ref('excluded.kind'), enabled: true })))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listSources(db: Db, opts: { enabledOnly?: boolean } = {}): Promise<Source[]> {
  let q = db.selectFrom('sources').selectAll().orderBy('id');
  if (opts.enabledOnly) q = q.where('enabled', '=', true);
  return q.execute();
}

export async function getSource(db: Db, id: number): Promise<Source | undefined> {
  return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function removeSource(db: Db, idOrUrl: string): Promise<number> {
  const byId = /^\d+$/.test(idOrUrl);
  const res = await db
    .deleteFrom('sources')
    .where(byId ? 'id' : 'url', '=', byId ? Number(idOrUrl) : idOrUrl)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A successful poll; `cache.warning` (a cut by the item cap, a listing with no links) stays visible as last_error. */
export async function recordPollSuccess(
  db: Db,
  source: Source,
  cache: { etag: string | null; lastModified: string | null; warning?: string | null },
): Promise<void> {
  const now = new Date();
  await db
    .updateTable('sources')
    .set({
      etag: cache.etag,
      last_modified: cache.lastModified,
      last_checked_at: now,
      last_success_at: now,
      next_check_at: new Date(now.getTime() + source.interval_ms),
      error_count: 0,
      // A successful poll can still have something to report (the item cap cut it, or it yielded nothing).
      last_error: cache.warning ?? null,
    })
    .where('id', '=', source.id)
    .execute();
}

/** Failures back off the next check exponentially (capped at 24h) and keep the error for operators. */
export async function recordPollFailure(db: Db, source: Source, error: string): Promise<void> {
  const now = new Date();
  const delay = Math.min(source.interval_ms * 2 ** Math.min(source.error_count, 8), 24 * 3600_000);
  await db
    .updateTable('sources')
    .set((eb) => ({
      last_checked_at: now,
      next_check_at: new Date(now.getTime() + delay),
      error_count: eb('error_count', '+', 1),
      last_error: error.slice(0, 2000),
    }))
    .where('id', '=', source.id)
    .execute();
}

export interface SourceProgress {
  polled: boolean;
  articles: number;
  unfinished: number;
  deals: number;
  reviewItems: number;
}

/** How far a source's ingest has got: polled yet, articles still unfinished, deals and review items from them. */
export async function sourceProgress(db: Db, sourceId: number): Promise<SourceProgress> {
  const [source, articles, deals, items] = await Promise.all([
    db.selectFrom('sources').select('last_success_at').where('id', '=', sourceId).executeTakeFirst(),
    db
      .selectFrom('articles')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.countAll<number>().filterWhere('status', 'in', ['pending', 'parsed']).as('unfinished'),
      ])
      .where('source_id', '=', sourceId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('deal_sources as ds')
      .innerJoin('articles as a', 'a.id', 'ds.article_id')
      .select((eb) => eb.fn.count<number>('ds.deal_id').distinct().as('n'))
      .where('a.source_id', '=', sourceId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('review_items as r')
      .innerJoin('articles as a', 'a.id', 'r.article_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.source_id', '=', sourceId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    polled: Boolean(source?.last_success_at),
    articles: Number(articles.n),
    unfinished: Number(articles.unfinished),
    deals: Number(deals.n),
    reviewItems: Number(items.n),
  };
}
