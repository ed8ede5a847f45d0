import { decodeContent, contentEncoding } from './body.js';
import { decodeBody } from './charset.js';
import { FetchError } from './errors.js';
import { classifyFailure, robotsUnreachable, statusError } from './failures.js';
import { isRedirect } from './redirects.js';
import { header, robotsHeaders } from './request.js';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsPolicy } from './robots.js';
import type { Transport } from './transport.js';
import { resolveUrl } from './url.js';

const ROBOTS_MAX_BYTES = 512 * 1024;
const MAX_ROBOTS_REDIRECTS = 5;
/** Cap on a site's Crawl-delay, so one robots.txt cannot park our workers. */
const MAX_CRAWL_DELAY_MS = 30_000;
/** How long a site stays disallowed after robots.txt failed for good (5xx and network failures are not cached). */
const UNUSABLE_TTL_MS = 300_000;

export interface RobotsCacheOptions {
  userAgent: string;
  /** How long a fetched robots.txt is trusted. */
  ttlMs: number;
  timeoutMs: number;
}

/** robots.txt per origin, fetched once at a time and cached, with RFC 9309's failure rules. */
export interface RobotsCache {
  /** The policy for `hop`'s origin; throws a retryable `robots` error while robots.txt is unreachable. */
  policyFor(hop: URL, trustedOrigin: string | null, signal: AbortSignal): Promise<RobotsPolicy>;
  /** The origin's Crawl-delay (capped), 0 when none is known. */
  crawlDelayMs(origin: string): number;
}

export function createRobotsCache(transport: Transport, opts: RobotsCacheOptions): RobotsCache {
  const robots = new Map<string, { policy: RobotsPolicy; expiresAt: number }>();
  const inFlight = new Map<string, Promise<RobotsPolicy>>();

  async function load(origin: URL, trustedOrigin: string | null, signal: AbortSignal): Promise<RobotsPolicy> {
    let hop = new URL('/robots.txt', origin);
    const headers = robotsHeaders(opts.userAgent);
    for (let i = 0; i <= MAX_ROBOTS_REDIRECTS; i++) {
      const agent = await transport.agentFor(hop, hop.origin === trustedOrigin);
      const res = await transport.exchange(hop, agent, headers, 'robots', ROBOTS_MAX_BYTES, signal);
      if (isRedirect(res.status)) {
        const next = resolveUrl(header(res.headers, 'location'), hop.toString());
        if (!next) return ALLOW_ALL;
        hop = new URL(next);
        continue;
      }
      if (res.status >= 200 && res.status < 300 && res.raw) {
        const body = await decodeContent(res.raw, contentEncoding(res.headers), ROBOTS_MAX_BYTES, hop.toString());
        return parseRobots(decodeBody(body, header(res.headers, 'content-type')).text, opts.userAgent);
      }
      // RFC 9309: a missing robots.txt (4xx) allows everything; a server error means "stay away for now".
      if (res.status >= 400 && res.status < 500) return ALLOW_ALL;
      throw statusError(hop.toString(), res);
    }
    return ALLOW_ALL;
  }

  return {
    async policyFor(hop, trustedOrigin, signal) {
      const cached = robots.get(hop.origin);
      if (cached && cached.expiresAt > Date.now()) return cached.policy;
      let pending = inFlight.get(hop.origin);
      if (!pending) {
        pending = load(hop, trustedOrigin, signal)
          .then((policy) => {
            robots.set(hop.origin, { policy, expiresAt: Date.now() + opts.ttlMs });
            return policy;
          })
          .catch((err: unknown) => {
            // Our own cancellation says nothing about the site.
            if (signal.aborted) throw err;
            const failure = classifyFailure(err, hop.toString(), opts.timeoutMs, signal);
            // RFC 9309 2.3.1.4: a 5xx or network failure makes the site disallowed only for now. Nothing
            // is cached, so the retry (ours or the job's) asks for robots.txt again; concurrent fetches
            // share this one answer through inFlight.
            if (failure instanceof FetchError && failure.retryable) throw robotsUnreachable(failure);
            robots.set(hop.origin, { policy: DISALLOW_ALL, expiresAt: Date.now() + Math.min(opts.ttlMs, UNUSABLE_TTL_MS) });
            return DISALLOW_ALL;
          })
          .finally(() => inFlight.delete(hop.origin));
        inFlight.set(hop.origin, pending);
      }
      return pending;
    },
    crawlDelayMs(origin) {
      return Math.min(robots.get(origin)?.policy.crawlDelayMs ?? 0, MAX_CRAWL_DELAY_MS);
    },
  };
}
