import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFetcher, FetchError, type Fetcher, type FetcherOptions } from '../../src/fetch/http.js';

// RFC 9309 2.3.1.4: a 5xx or network failure on robots.txt disallows the site only for now. The
// failure must be retryable and not outlive the retry schedule: the next attempt asks again.

type RobotsMode = 'ok' | '503' | 'drop' | '404';
let queue: RobotsMode[] = []; // answers for the next robots.txt requests, then 'ok'
let robotsRequests = 0;
let pageRequests = 0;
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/robots.txt') {
      robotsRequests++;
      const mode = queue.shift() ?? 'ok';
      if (mode === 'drop') return void req.socket.destroy();
      if (mode === '503') return void res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '0' }).end('busy');
      if (mode === '404') return void res.writeHead(404).end();
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\n');
    }
    pageRequests++;
    res.writeHead(200, { 'content-type': 'text/html' }).end('<p>article</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.closeAllConnections();
  server?.close();
});

const open: Fetcher[] = [];
function make(overrides: Partial<FetcherOptions> = {}): Fetcher {
  const f = createFetcher({
    userAgent: 'dealflow-test/1.0',
    timeoutMs: 2000,
    maxBytes: 64 * 1024,
    maxRedirects: 3,
    hostConcurrency: 4,
    hostDelayMs: 0,
    respectRobots: true,
    allowPrivate: true,
    retries: 0,
    retryBaseMs: 5,
    ...overrides,
  });
  open.push(f);
  return f;
}
beforeEach(() => {
  queue = [];
  robotsRequests = 0;
  pageRequests = 0;
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

const page = { accept: 'page' as const };

async function failure(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

describe('robots.txt that cannot be fetched right now', () => {
  it.each<RobotsMode>(['503', 'drop'])('fails the fetch as retryable on %s and asks again on the next attempt', async (mode) => {
    queue = [mode];
    const f = make();
    const err = await failure(f.fetch(`${base}/a`, page));
    expect({ code: err.code, retryable: err.retryable }).toEqual({ code: 'robots', retryable: true });
    expect(err.message).toMatch(/robots\.txt temporarily unreachable/);
    expect(pageRequests).toBe(0); // temporarily disallowed: the page itself is not fetched
    // The next attempt (seconds later in the job schedule) is not answered from a cached "disallow all".
    expect((await f.fetch(`${base}/a`, page)).body).toBe('<p>article</p>');
    expect(robotsRequests).toBe(2);
    // The good answer is cached and applied as usual.
    expect((await failure(f.fetch(`${base}/private/x`, page))).code).toBe('robots');
    expect(robotsRequests).toBe(2);
  });

  it("is retried by the fetcher's own retry loop", async () => {
    queue = ['503', 'drop'];
    expect((await make({ retries: 2 }).fetch(`${base}/a`, page)).status).toBe(200);
    expect(robotsRequests).toBe(3);
  });

  it('shares one robots.txt request between concurrent fetches, and all of them may retry', async () => {
    queue = ['503'];
    const f = make({ hostConcurrency: 1 });
    const errs = await Promise.all([1, 2, 3, 4, 5].map((n) => failure(f.fetch(`${base}/a${n}`, page))));
    expect(errs.every((e) => e.retryable)).toBe(true);
    expect(robotsRequests).toBe(1);
    const ok = await Promise.all([1, 2, 3, 4, 5].map((n) => f.fetch(`${base}/a${n}`, page)));
    expect(ok.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(robotsRequests).toBe(2);
  });

  it('a 4xx robots.txt still allows everything, cached', async () => {
    queue = ['404'];
    const f = make();
    expect((await f.fetch(`${base}/private/x`, page)).status).toBe(200);
    expect((await f.fetch(`${base}/private/y`, page)).status).toBe(200);
    expect(robotsRequests).toBe(1);
  });
});
