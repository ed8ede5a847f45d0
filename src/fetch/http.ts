import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import zlib from 'node:zlib';
import type { LookupFunction } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import type { Config } from '../config.js';
import { decodeBody } from './charset.js';
import { FetchError } from './errors.js';
import { HostLimiter } from './host-limiter.js';
import { backoffDelay, parseRetryAfter } from './retry.js';
import { ALLOW_ALL, DISALLOW_ALL, parseRobots, type RobotsPolicy } from './robots.js';
import { assertPublicAddress, createGuardedLookup, resolverFor, type Resolver } from './safety.js';
import { resolveUrl } from './url.js';

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

export type FetchAccept = 'page' | 'feed';

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

const ACCEPT: Record<FetchAccept, string> = {
  page: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1',
  feed:
    'application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,' +
    'application/json;q=0.8,text/html;q=0.5,*/*;q=0.1',
};

function acceptableType(accept: FetchAccept, mime: string): boolean {
  if (accept === 'page') return mime === 'text/html' || mime === 'application/xhtml+xml';
  // Sources are feeds, sitemaps or HTML listings, so any text and any XML/JSON flavour may carry them.
  return (
    mime.startsWith('text/') ||
    mime === 'application/xml' ||
    mime === 'application/json' ||
    mime.endsWith('+xml') ||
    mime.endsWith('+json') ||
    mime === 'application/gzip' || // sitemap.xml.gz: its bytes must still gunzip to text (see below)
    mime === 'application/x-gzip'
  );
}

const MAGIC: Array<[string, number[]]> = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['ZIP', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip', [0x1f, 0x8b]],
];

/** Name of the binary format the bytes look like, or null for text. */
function sniffBinary(bytes: Uint8Array, contentType: string | null): string | null {
  for (const [name, sig] of MAGIC) if (sig.every((b, i) => bytes[i] === b)) return name;
  const utf16 = /utf-16/i.test(contentType ?? '') || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.subarray(0, 1024).includes(0)) return 'data with NUL bytes';
  return null;
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

async function decodeContent(raw: Buffer, encoding: string, maxBytes: number, url: string): Promise<Buffer> {
  const opts = { maxOutputLength: maxBytes };
  try {
    switch (encoding) {
      case '':
      case 'identity':
        return raw;
      case 'gzip':
      case 'x-gzip':
        return await gunzip(raw, opts);
      // "deflate" is meant to be zlib-wrapped but some servers send raw deflate: the header tells.
      case 'deflate':
        return (raw[0] ?? 0) % 16 === 8 ? await inflate(raw, opts) : await inflateRaw(raw, opts);
      case 'br':
        return await brotli(raw, { maxOutputLength: maxBytes });
      default:
        throw new FetchError('content_type', url, `unsupported Content-Encoding "${encoding}"`);
    }
  } catch (err) {
    if (err instanceof FetchError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new FetchError('too_large', url, `decompressed body exceeds ${maxBytes} bytes`);
    }
    throw new FetchError('network', url, `corrupt ${encoding} body: ${(err as Error).message}`, { cause: err });
  }
}

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | null {
  const v = headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

/** Close a body we will not read; undici reports that as an AbortError we expect and ignore. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
}

interface HopResponse {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  /** Raw (still content-encoded) body, read only for 2xx responses. */
  raw: Buffer | null;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ROBOTS_MAX_BYTES = 512 * 1024;
const MAX_CRAWL_DELAY_MS = 30_000;

/**
 * Identity of a redirect target for loop detection: exact URL minus the fragment. Not the canonical
 * form: sites legitimately redirect /a?utm_source=x to /a, which canonicalizes to the same string.
 */
function loopKey(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.toString();
}

/** Retry-After waits travel with the error that asked for them. */
const retryAfterOf = new WeakMap<FetchError, number>();

export function createFetcher(opts: FetcherOptions): Fetcher {
  const retryBaseMs = opts.retryBaseMs ?? 500;
  const maxRetryWaitMs = opts.maxRetryWaitMs ?? 30_000;
  const robotsTtlMs = opts.robotsTtlMs ?? 3_600_000;
  const resolve: Resolver = resolverFor(opts.lookup);
  const timeouts = { headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs };
  const connect = { timeout: opts.timeoutMs, ...(opts.lookup ? { lookup: opts.lookup } : {}) };
  const openAgent = new Agent({ ...timeouts, connect });
  const guardedAgent = new Agent({ ...timeouts, connect: { ...connect, lookup: createGuardedLookup(opts.lookup) } });
  const limiter = new HostLimiter(opts.hostConcurrency);
  const robots = new Map<string, { policy: RobotsPolicy; expiresAt: number }>();
  const robotsInFlight = new Map<string, Promise<RobotsPolicy>>();

  /** Check the hop's address (unless its origin is trusted) and return the agent that enforces it at connect time. */
  async function dispatcherFor(hop: URL, trusted: boolean): Promise<Agent> {
    if (trusted) return openAgent;
    await assertPublicAddress(hop.hostname, resolve);
    return guardedAgent;
  }

  function hostDelay(origin: string): number {
    const crawlDelay = robots.get(origin)?.policy.crawlDelayMs ?? 0;
    return Math.max(opts.hostDelayMs, Math.min(crawlDelay, MAX_CRAWL_DELAY_MS));
  }

  /** One HTTP exchange, politely scheduled; reads the body only for 2xx and enforces type and size. */
  async function exchange(
    hop: URL,
    agent: Agent,
    headers: Record<string, string>,
    accept: FetchAccept | 'robots',
    signal: AbortSignal,
  ): Promise<HopResponse> {
    return limiter.run(
      hop.host,
      hostDelay(hop.origin),
      async () => {
        const res = await request(hop, { dispatcher: agent, method: 'GET', headers, signal });
        const url = hop.toString();
        if (res.statusCode < 200 || res.statusCode >= 300) {
          await res.body.dump().catch(() => undefined);
          return { status: res.statusCode, headers: res.headers, raw: null };
        }
        const contentType = header(res.headers, 'content-type');
        const mime = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
        if (accept !== 'robots' && mime && !acceptableType(accept, mime)) {
          discard(res.body);
          throw new FetchError('content_type', url, `unwanted content type ${mime} for a ${accept}`);
        }
        const limit = accept === 'robots' ? ROBOTS_MAX_BYTES : opts.maxBytes;
        const declared = Number(header(res.headers, 'content-length'));
        if (declared > limit) {
          discard(res.body);
          throw new FetchError('too_large', url, `body of ${declared} bytes exceeds ${limit}`);
        }
        const chunks: Buffer[] = [];
        let total = 0;
        for await (const chunk of res.body as AsyncIterable<Buffer>) {
          total += chunk.length;
          if (total > limit) {
            discard(res.body);
            throw new FetchError('too_large', url, `body exceeds ${limit} bytes`);
          }
          chunks.push(chunk);
        }
        return { status: res.statusCode, headers: res.headers, raw: Buffer.concat(chunks) };
      },
      signal,
    );
  }

  async function loadRobots(origin: URL, trustedOrigin: string | null, signal: AbortSignal): Promise<RobotsPolicy> {
    let hop = new URL('/robots.txt', origin);
    const headers = { 'user-agent': opts.userAgent, accept: 'text/plain,*/*;q=0.1', 'accept-encoding': 'gzip, deflate, br' };
    for (let i = 0; i <= 5; i++) {
      const agent = await dispatcherFor(hop, hop.origin === trustedOrigin);
      const res = await exchange(hop, agent, headers, 'robots', signal);
      if (REDIRECTS.has(res.status)) {
        const next = resolveUrl(header(res.headers, 'location'), hop.toString());
        if (!next) return ALLOW_ALL;
        hop = new URL(next);
        continue;
      }
      if (res.status >= 200 && res.status < 300 && res.raw) {
        const body = await decodeContent(
          res.raw,
          (header(res.headers, 'content-encoding') ?? '').toLowerCase().trim(),
          ROBOTS_MAX_BYTES,
          hop.toString(),
        );
        return parseRobots(decodeBody(body, header(res.headers, 'content-type')).text, opts.userAgent);
      }
      // RFC 9309: a missing robots.txt (4xx) allows everything; a server error means "stay away for now".
      if (res.status >= 400 && res.status < 500) return ALLOW_ALL;
      throw statusError(hop.toString(), res);
    }
    return ALLOW_ALL;
  }

  async function robotsFor(hop: URL, trustedOrigin: string | null, signal: AbortSignal): Promise<RobotsPolicy> {
    const cached = robots.get(hop.origin);
    if (cached && cached.expiresAt > Date.now()) return cached.policy;
    let pending = robotsInFlight.get(hop.origin);
    if (!pending) {
      pending = loadRobots(hop, trustedOrigin, signal)
        .then((policy) => {
          robots.set(hop.origin, { policy, expiresAt: Date.now() + robotsTtlMs });
          return policy;
        })
        .catch((err: unknown) => {
          // Our own cancellation says nothing about the site.
          if (signal.aborted) throw err;
          const failure = classify(err, hop.toString(), signal);
          // RFC 9309 2.3.1.4: a 5xx or network failure makes the site disallowed only for now. Nothing
          // is cached, so the retry (ours or the job's) asks for robots.txt again; concurrent fetches
          // share this one answer through robotsInFlight.
          if (failure instanceof FetchError && failure.retryable) throw robotsUnreachable(failure);
          robots.set(hop.origin, { policy: DISALLOW_ALL, expiresAt: Date.now() + Math.min(robotsTtlMs, 300_000) });
          return DISALLOW_ALL;
        })
        .finally(() => robotsInFlight.delete(hop.origin));
      robotsInFlight.set(hop.origin, pending);
    }
    return pending;
  }

  async function attempt(url: URL, req: FetchRequest): Promise<FetchResult> {
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), opts.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timer.signal]) : timer.signal;
    let current = url;
    try {
      const visited = new Set([loopKey(url.toString())]);
      const headers: Record<string, string> = {
        'user-agent': opts.userAgent,
        accept: ACCEPT[req.accept],
        'accept-encoding': 'gzip, deflate, br',
        'accept-language': 'en;q=1.0, *;q=0.5',
      };
      if (req.etag) headers['if-none-match'] = req.etag;
      if (req.lastModified) headers['if-modified-since'] = req.lastModified;
      const trustedOrigin = trustedOriginOf(url, req);
      for (let redirects = 0; ; ) {
        // Whole origins, checked on every hop: a trusted 127.0.0.1:4911 may not send us to :6379.
        const agent = await dispatcherFor(current, current.origin === trustedOrigin);
        if (opts.respectRobots) {
          const policy = await robotsFor(current, trustedOrigin, signal);
          if (!policy.isAllowed(current.pathname + current.search)) {
            throw new FetchError('robots', current.toString(), 'disallowed by robots.txt');
          }
        }
        const res = await exchange(current, agent, headers, req.accept, signal);
        const here = current.toString();
        if (REDIRECTS.has(res.status)) {
          const next = resolveUrl(header(res.headers, 'location'), here);
          if (!next) throw new FetchError('invalid_url', here, `redirect ${res.status} to an unusable Location`);
          if (++redirects > opts.maxRedirects) {
            throw new FetchError('too_many_redirects', url.toString(), `more than ${opts.maxRedirects} redirects`);
          }
          const key = loopKey(next);
          if (visited.has(key)) throw new FetchError('redirect_loop', url.toString(), `redirect loop at ${next}`);
          visited.add(key);
          current = new URL(next);
          continue;
        }
        const base = {
          url: url.toString(),
          finalUrl: here,
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
        if (!res.raw) throw statusError(here, res);
        const encoding = (header(res.headers, 'content-encoding') ?? '').toLowerCase().trim();
        let bytes = await decodeContent(res.raw, encoding, opts.maxBytes, here);
        // Gzipped sitemaps are often sent without Content-Encoding: unwrap once, under the same size cap.
        if (req.accept === 'feed' && bytes[0] === 0x1f && bytes[1] === 0x8b)
          bytes = await decodeContent(bytes, 'gzip', opts.maxBytes, here);
        const binary = sniffBinary(bytes, base.contentType);
        if (binary) throw new FetchError('binary', here, `body is binary (${binary})`);
        return { ...base, notModified: false, body: decodeBody(bytes, base.contentType).text, bytes: bytes.length };
      }
    } catch (err) {
      throw classify(err, current.toString(), timer.signal, req.signal);
    } finally {
      clearTimeout(timeout);
    }
  }

  /** The one origin this request may reach even if private, or null. */
  function trustedOriginOf(url: URL, req: FetchRequest): string | null {
    if (!req.allowPrivate && !opts.allowPrivate) return null;
    if (req.trustOrigin === null) return null;
    try {
      const anchor = req.trustOrigin === undefined ? url : new URL(req.trustOrigin);
      return anchor.protocol === 'http:' || anchor.protocol === 'https:' ? anchor.origin : null;
    } catch {
      return null;
    }
  }

  /** A retryable robots.txt failure, as the error of the fetch that needed it (keeping any Retry-After). */
  function robotsUnreachable(cause: FetchError): FetchError {
    const err = new FetchError('robots', cause.url, `robots.txt temporarily unreachable (${cause.reason}), retry later`, {
      retryable: true,
      cause,
      ...(cause.status !== undefined ? { status: cause.status } : {}),
    });
    const wait = retryAfterOf.get(cause);
    if (wait !== undefined) retryAfterOf.set(err, wait);
    return err;
  }

  function statusError(url: string, res: HopResponse): FetchError {
    const retryable = res.status === 408 || res.status === 429 || res.status >= 500;
    const err = new FetchError('http_status', url, `HTTP ${res.status}`, { status: res.status, retryable });
    const wait = res.status === 429 || res.status === 503 ? parseRetryAfter(header(res.headers, 'retry-after')) : null;
    if (wait !== null) retryAfterOf.set(err, wait);
    return err;
  }

  function classify(err: unknown, url: string, timerSignal: AbortSignal, callerSignal?: AbortSignal): unknown {
    if (err instanceof FetchError) return err;
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof FetchError) return cause;
    if (callerSignal?.aborted) return callerSignal.reason ?? err; // the caller cancelled: not our failure to report
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (timerSignal.aborted || TIMEOUT_CODES.has(code)) {
      return new FetchError('timeout', url, `timed out after ${opts.timeoutMs} ms`, { retryable: true, cause: err });
    }
    const detail = code ? `${code}: ${(err as Error).message}` : (err as Error).message;
    return new FetchError('network', url, `network error (${detail})`, { retryable: true, cause: err });
  }

  function parseTarget(rawUrl: string): URL {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new FetchError('invalid_url', rawUrl, 'not an absolute URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new FetchError('invalid_url', rawUrl, `unsupported scheme ${url.protocol} only http and https URLs can be fetched`);
    }
    return url;
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
      for (let n = 0; ; n++) {
        try {
          return await attempt(url, req);
        } catch (err) {
          if (!(err instanceof FetchError) || !err.retryable || n >= opts.retries || req.signal?.aborted) throw err;
          const wait = retryAfterOf.get(err) ?? backoffDelay(n, retryBaseMs, maxRetryWaitMs);
          await sleep(Math.min(wait, maxRetryWaitMs), undefined, req.signal ? { signal: req.signal } : undefined);
        }
      }
    },
    async close() {
      await Promise.all([openAgent.close(), guardedAgent.close()]);
    },
  };
}
