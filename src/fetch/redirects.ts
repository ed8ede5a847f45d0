import { FetchError } from './errors.js';
import { header } from './request.js';
import { resolveUrl } from './url.js';
import type { Dispatcher } from 'undici';

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * Identity of a redirect target for loop detection: exact URL minus the fragment. Not the canonical
 * form: sites legitimately redirect /a?utm_source=x to /a, which canonicalizes to the same string.
 */
export function loopKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.toString();
}

/**
 * The hops of one fetch: each redirect is resolved against the hop that sent it and checked against
 * the cap and the URLs already visited. Per-hop address safety and robots are the caller's, since
 * they apply to the first hop too.
 */
export class RedirectTrail {
  readonly #start: string;
  readonly #max: number;
  readonly #visited: Set<string>;
  #count = 0;

  constructor(start: URL, maxRedirects: number) {
    this.#start = start.toString();
    this.#max = maxRedirects;
    this.#visited = new Set([loopKey(this.#start)]);
  }

  /** Redirects followed so far. */
  get count(): number {
    return this.#count;
  }

  /** The next hop for a redirect response from `here`; throws on an unusable Location, too many hops or a loop. */
  follow(res: { status: number; headers: Dispatcher.ResponseData['headers'] }, here: string): URL {
    const next = resolveUrl(header(res.headers, 'location'), here);
    if (!next) throw new FetchError('invalid_url', here, `redirect ${res.status} to an unusable Location`);
    if (++this.#count > this.#max) throw new FetchError('too_many_redirects', this.#start, `more than ${this.#max} redirects`);
    const key = loopKey(next);
    if (this.#visited.has(key)) throw new FetchError('redirect_loop', this.#start, `redirect loop at ${next}`);
    this.#visited.add(key);
    return new URL(next);
  }
}
