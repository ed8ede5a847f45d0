import { detectSourceKind, type SourceKind } from '../sources/detect.js';
import { insertSource } from '../store/sources.js';
import type { Source } from '../db/types.js';
import type { PipelineDeps } from './deps.js';

export interface AddSourceOptions {
  kind?: SourceKind;
  name?: string | null;
  linkSelector?: string | null;
  intervalMs?: number;
  allowPrivate?: boolean;
}

/** Register a source; unless a kind is given, fetch it once and detect the kind from the body. */
export async function addSource(
  deps: Pick<PipelineDeps, 'db' | 'fetcher' | 'config'>,
  url: string,
  opts: AddSourceOptions = {},
): Promise<Source> {
  // Refuse what could never be fetched (file:, loopback without --allow-private) before storing it.
  await deps.fetcher.checkTarget(url, { allowPrivate: opts.allowPrivate ?? false });
  let kind = opts.kind;
  if (!kind) {
    // The feed accept-list takes any text type, so listing pages (HTML) are detected here too.
    const res = await deps.fetcher.fetch(url, { accept: 'feed', allowPrivate: opts.allowPrivate ?? false });
    kind = detectSourceKind(res.body, res.contentType);
  }
  return insertSource(deps.db, {
    url,
    kind,
    name: opts.name ?? null,
    link_selector: opts.linkSelector ?? null,
    interval_ms: opts.intervalMs ?? deps.config.SOURCE_INTERVAL_MS,
    allow_private: opts.allowPrivate ?? false,
  });
}
