import type { LookupFunction } from 'node:net';
import type { Config } from '../config.js';
import { bodyText } from './body.js';
import { FetchError } from './errors.js';
import { classifyFailure, retryAfter, statusError } from './failures.js';
import { isRedirect, RedirectTrail } from './redirects.js';
import { type FetchAccept, header, parseTarget, requestHeaders, trustedOriginOf } from './request.js';
import { withRetries } from './retry.js';
import { createRobotsCache } from './robots-cache.js';
import { assertPublicAddress, resolverFor } from './safety.js';
import { createTransport, type HopResponse } from './transport.js';

export { FetchError, type FetchErrorCode } from './errors.js';

export const ALLOW_PRIVATE_HINT = 'use --allow-private to trust a private or loopback address';

export interface FetcherOptions {
  userAgent: string;
  /** Budget for one attempt: every redirect hop, headers and body. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  hostConcurrency: number;
  hostDelayMs: number;
  respectRobots: boolean;
  /**
   * Treat every request as if it set `allowPrivate` (FETCH_ALLOW_PRIVATE: tests, local demo). Trust
   * still covers only the origin each request acts for; every other origin is guarded.
   */
  allowPrivate: boolean;
  /** Extra attempts after retryable failures. */
  retries: number;
  /** First backoff step; doubles per attempt (full jitter). Default 500 ms. */
  retryBaseMs?: number;
  /** Ceiling for one backoff or Retry-After wait. Default 30 s. */
  maxRetryWaitMs?: number;
  /** How long a host's robots.txt is trusted. Default 1 h (5 min when unusable; 5xx and network failures are not cached). */
  robotsTtlMs?: number;
  /** DNS lookup used for the SSRF pre-check and at connect time; defaults to node:dns. */
  lookup?: LookupFunction;
}

export type { FetchAccept } from './request.js';

export interface FetchRequest {
  accept: FetchAccept;
  etag?: string | null;
  lastModified?: string | null;
  /**
   * Trust one origin even if its address is private (e.g. the bundled demo on 127.0.0.1): the origin
   * (scheme, host and port) of `trustOrigin`. Every other URL, including any redirect hop to another
   * port on the same host, gets the public-address guard, so a trusted source can neither link nor
   * bounce us to a metadata endpoint, a loopback service or another local port.
   */
  allowPrivate?: boolean;
  /**
   * The URL whose origin `allowPrivate` (or the fetcher-wide setting) trusts: the source a fetch acts
   * for, so the articles and sitemaps it lists are trusted only on the source's own origin. Defaults
   * to the URL fetched; null trusts nothing.
   */
  trustOrigin?: string | null;
  signal?: AbortSignal;
}

export interface FetchResult {
  url: string;
  finalUrl: string;
  status: number;
  notModified: boolean;
  contentType: string | null;
  /** Decoded text; empty when notModified. */
  body: string;
  etag: string | null;
  lastModified: string | null;
  /** Body size after content decoding. */
  bytes: number;
  redirects: number;
}

export interface Fetcher {
  fetch(url: string, req: FetchRequest): Promise<FetchResult>;
  /**
   * Vet a URL an operator names (a source being added, a page to parse) before it is stored or
   * fetched: http(s) only, and unless private addresses are allowed, a host that is and resolves to
   * public addresses only. Throws a one-line FetchError that hints at --allow-private.
   */
  checkTarget(url: string, req?: { allowPrivate?: boolean }): Promise<URL>;
  close(): Promise<void>;
}

/** FetcherOptions from the FETCH_* settings. */
export function fetcherOptionsFromConfig(config: Config): FetcherOptions {
  return {
    userAgent: config.FETCH_USER_AGENT,
    timeoutMs: config.FETCH_TIMEOUT_MS,
    maxBytes: config.FETCH_MAX_BYTES,
    maxRedirects: config.FETCH_MAX_REDIRECTS,
    hostConcurrency: config.FETCH_HOST_CONCURRENCY,
    hostDelayMs: config.FETCH_HOST_DELAY_MS,
    respectRobots: config.FETCH_RESPECT_ROBOTS,
    allowPrivate: config.FETCH_ALLOW_PRIVATE,
    retries: config.FETCH_RETRIES,
  };
}

/**
 * The fetcher: each attempt walks the redirect trail hop by hop (address check, robots, one
 * exchange), and failed attempts are retried with backoff or the server's Retry-After.
 */
export function createFetcher(opts: FetcherOptions): Fetcher {
  const retryBaseMs = opts.retryBaseMs ?? 500;
  const maxRetryWaitMs = opts.maxRetryWaitMs ?? 30_000;
  const resolve = resolverFor(opts.lookup);
  const transport = createTransport({
    timeoutMs: opts.timeoutMs,
    hostConcurrency: opts.hostConcurrency,
    ...(opts.lookup ? { lookup: opts.lookup } : {}),
    delayFor: (origin) => Math.max(opts.hostDelayMs, robots.crawlDelayMs(origin)),
  });
  const robots = createRobotsCache(transport, {
    userAgent: opts.userAgent,
    ttlMs: opts.robotsTtlMs ?? 3_600_000,
    timeoutMs: opts.timeoutMs,
  });

  /** One attempt within the timeout budget: every redirect hop, headers and body. */
  async function attempt(url: URL, req: FetchRequest): Promise<FetchResult> {
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), opts.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timer.signal]) : timer.signal;
    let current = url;
    try {
      const headers = requestHeaders(opts.userAgent, req);
      const trustedOrigin = trustedOriginOf(url, req, opts.allowPrivate);
      const trail = new RedirectTrail(url, opts.maxRedirects);
      for (;;) {
        // Whole origins, checked on every hop: a trusted 127.0.0.1:4911 may not send us to :6379.
        const agent = await transport.agentFor(current, current.origin === trustedOrigin);
        if (opts.respectRobots) {
          const policy = await robots.policyFor(current, trustedOrigin, signal);
          if (!policy.isAllowed(current.pathname + current.search)) {
            throw new FetchError('robots', current.toString(), 'disallowed by robots.txt');
          }
        }
        const res = await transport.exchange(current, agent, headers, req.accept, opts.maxBytes, signal);
        if (!isRedirect(res.status)) return await toResult(url, current.toString(), res, req, trail.count, opts.maxBytes);
        current = trail.follow(res, current.toString());
      }
    } catch (err) {
      throw classifyFailure(err, current.toString(), opts.timeoutMs, timer.signal, req.signal);
    } finally {
      clearTimeout(timeout);
    }
  }

  return {
    async checkTarget(rawUrl, req = {}) {
      const url = parseTarget(rawUrl.trim());
      if (req.allowPrivate || opts.allowPrivate) return url;
      try {
        await assertPublicAddress(url.hostname, resolve);
      } catch (err) {
        if (!(err instanceof FetchError) || err.code !== 'blocked_address') throw err;
        throw new FetchError('blocked_address', url.toString(), `${err.reason}; ${ALLOW_PRIVATE_HINT}`);
      }
      return url;
    },
    async fetch(rawUrl, req) {
      const url = parseTarget(rawUrl);
      return withRetries(() => attempt(url, req), {
        retries: opts.retries,
        baseMs: retryBaseMs,
        maxWaitMs: maxRetryWaitMs,
        retryable: (err) => err instanceof FetchError && err.retryable,
        waitFor: (err) => (err instanceof FetchError ? retryAfter(err) : undefined),
        ...(req.signal ? { signal: req.signal } : {}),
      });
    },
    close: () => transport.close(),
  };
}

/** The final (non-redirect) response of an attempt as a FetchResult; other statuses than 2xx and 304 throw. */
async function toResult(
  url: URL,
  finalUrl: string,
  res: HopResponse,
  req: FetchRequest,
  redirects: number,
  maxBytes: number,
): Promise<FetchResult> {
  const base = {
    url: url.toString(),
    finalUrl,
    status: res.status,
    contentType: header(res.headers, 'content-type'),
    etag: header(res.headers, 'etag'),
    lastModified: header(res.headers, 'last-modified'),
    redirects,
  };
  if (res.status === 304) {
    // A 304 may omit validators: the ones we sent are still current.
    return {
      ...base,
      notModified: true,
      body: '',
      bytes: 0,
      etag: base.etag ?? req.etag ?? null,
      lastModified: base.lastModified ?? req.lastModified ?? null,
    };
  }
  if (!res.raw) throw statusError(finalUrl, res);
  const { text, bytes } = await bodyText(res.raw, res.headers, req.accept, maxBytes, finalUrl);
  return { ...base, notModified: false, body: text, bytes };
}
