import type { LookupFunction } from 'node:net';
import { Agent, type Dispatcher, request } from 'undici';
import { readLimitedBody } from './body.js';
import { HostLimiter } from './host-limiter.js';
import type { FetchAccept } from './request.js';
import { assertPublicAddress, createGuardedLookup, type Resolver, resolverFor } from './safety.js';

export interface HopResponse {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  /** Raw (still content-encoded) body, read only for 2xx responses. */
  raw: Buffer | null;
}

export interface TransportOptions {
  timeoutMs: number;
  hostConcurrency: number;
  lookup?: LookupFunction;
  /** Minimum gap between request starts to one origin (politeness, robots Crawl-delay). */
  delayFor: (origin: string) => number;
}

/** One HTTP exchange per call, through the agent that enforces the hop's address rule at connect time. */
export interface Transport {
  /**
   * Check a hop before any request to it: unless its origin is trusted, its host must resolve to
   * public addresses only. Returns the agent that enforces the same rule when connecting, so a DNS
   * answer that changes between check and connect is caught too.
   */
  agentFor(hop: URL, trusted: boolean): Promise<Dispatcher>;
  /** GET `hop` politely scheduled per host; reads the body only for 2xx, within `limit` bytes and `accept`'s types. */
  exchange(
    hop: URL,
    agent: Dispatcher,
    headers: Record<string, string>,
    accept: FetchAccept | 'robots',
    limit: number,
    signal: AbortSignal,
  ): Promise<HopResponse>;
  close(): Promise<void>;
}

export function createTransport(opts: TransportOptions): Transport {
  const resolve: Resolver = resolverFor(opts.lookup);
  const timeouts = { headersTimeout: opts.timeoutMs, bodyTimeout: opts.timeoutMs };
  const connect = { timeout: opts.timeoutMs, ...(opts.lookup ? { lookup: opts.lookup } : {}) };
  const openAgent = new Agent({ ...timeouts, connect });
  const guardedAgent = new Agent({ ...timeouts, connect: { ...connect, lookup: createGuardedLookup(opts.lookup) } });
  const limiter = new HostLimiter(opts.hostConcurrency);

  return {
    async agentFor(hop, trusted) {
      if (trusted) return openAgent;
      await assertPublicAddress(hop.hostname, resolve);
      return guardedAgent;
    },
    exchange(hop, agent, headers, accept, limit, signal) {
      return limiter.run(
        hop.host,
        opts.delayFor(hop.origin),
        async () => {
          const res = await request(hop, { dispatcher: agent, method: 'GET', headers, signal });
          if (res.statusCode < 200 || res.statusCode >= 300) {
            await res.body.dump().catch(() => undefined);
            return { status: res.statusCode, headers: res.headers, raw: null };
          }
          const raw = await readLimitedBody(res, accept, limit, hop.toString());
          return { status: res.statusCode, headers: res.headers, raw };
        },
        signal,
      );
    },
    async close() {
      await Promise.all([openAgent.close(), guardedAgent.close()]);
    },
  };
}
