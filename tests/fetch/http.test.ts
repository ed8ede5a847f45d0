import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupFunction } from 'node:net';
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  createFetcher,
  FetchError,
  fetcherOptionsFromConfig,
  type Fetcher,
  type FetcherOptions,
  type FetchRequest,
} from '../../src/fetch/http.js';

interface Hit {
  path: string;
  at: number;
  headers: IncomingMessage['headers'];
}

const hits: Hit[] = [];
const counts = new Map<string, number>();
let inFlight = 0;
let maxInFlight = 0;
let server: Server;
let base: string;
let port: number;

const PAGE = '<!doctype html><html><body><p>hello</p></body></html>';

function send(res: ServerResponse, status: number, type: string | null, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...(type ? { 'content-type': type } : {}), ...extra });
  res.end(body);
}

function handle(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', base);
  const key = url.pathname + url.search;
  const n = (counts.get(key) ?? 0) + 1;
  counts.set(key, n);
  hits.push({ path: key, at: Date.now(), headers: req.headers });
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  res.on('close', () => inFlight--);
  const p = url.pathname;

  if (p === '/robots.txt') return send(res, 200, 'text/plain', 'User-agent: *\nDisallow: /private\n\nUser-agent: otherbot\nDisallow: /\n');
  if (p === '/html' || p.startsWith('/private')) return send(res, 200, 'text/html; charset=utf-8', PAGE);
  if (p === '/feed') return send(res, 200, 'application/rss+xml', '<rss><channel></channel></rss>');
  if (p.startsWith('/redirect/')) {
    const left = Number(p.split('/')[2]);
    return send(res, 302, null, '', { location: left > 1 ? `/redirect/${left - 1}` : '/html' });
  }
  if (p === '/redirect-to') return send(res, 301, null, '', { location: url.searchParams.get('to') ?? '/' });
  if (p === '/strip') {
    return url.searchParams.has('utm_source') ? send(res, 301, null, '', { location: '/strip' }) : send(res, 200, 'text/html', PAGE);
  }
  if (p === '/loop/a') return send(res, 302, null, '', { location: `${base}/loop/b` });
  if (p === '/loop/b') return send(res, 307, null, '', { location: '/loop/a#x' });
  if (p === '/slow') {
    const t = setTimeout(() => send(res, 200, 'text/html', PAGE), 3000);
    res.on('close', () => clearTimeout(t));
    return;
  }
  if (p === '/slowish') {
    const t = setTimeout(() => send(res, 200, 'text/html', PAGE), 150);
    res.on('close', () => clearTimeout(t));
    return;
  }
  if (p === '/big') {
    // Chunked, no Content-Length: the cap must stop the stream, not the header check.
    res.writeHead(200, { 'content-type': 'text/html' });
    let sent = 0;
    const pump = (): void => {
      while (sent < 1_000_000 && !res.destroyed) {
        sent += 8192;
        if (!res.write('a'.repeat(8192))) return void res.once('drain', pump);
      }
      res.end();
    };
    return pump();
  }
  if (p === '/big-declared') return send(res, 200, 'text/html', 'b'.repeat(100_000));
  if (p === '/gzip') return send(res, 200, 'text/html', gzipSync(PAGE), { 'content-encoding': 'gzip' });
  if (p === '/br') return send(res, 200, 'text/html', brotliCompressSync(PAGE), { 'content-encoding': 'br' });
  if (p === '/deflate-raw') return send(res, 200, 'text/html', deflateRawSync(PAGE), { 'content-encoding': 'deflate' });
  if (p === '/gzip-bomb') return send(res, 200, 'text/html', gzipSync(Buffer.alloc(5_000_000, 0x61)), { 'content-encoding': 'gzip' });
  if (p === '/cp1252') {
    const body = Buffer.concat([
      Buffer.from('<p>'),
      Buffer.from([0x93]),
      Buffer.from('Caf'),
      Buffer.from([0xe9, 0x94, 0x20, 0x80]),
      Buffer.from('5M</p>'),
    ]);
    return send(res, 200, 'text/html; charset=windows-1252', body);
  }
  if (p === '/sjis') {
    // Only the <meta> says Shift_JIS; the header has no charset.
    const body = Buffer.concat([
      Buffer.from('<html><head><meta charset="Shift_JIS"></head><body>'),
      Buffer.from([0x93, 0xfa, 0x96, 0x7b]),
      Buffer.from('</body></html>'),
    ]);
    return send(res, 200, 'text/html', body);
  }
  if (p === '/etag') {
    if (req.headers['if-none-match'] === '"v1"' || req.headers['if-modified-since'] === 'Wed, 01 May 2024 00:00:00 GMT') {
      return send(res, 304, null, '');
    }
    return send(res, 200, 'text/html', PAGE, { etag: '"v1"', 'last-modified': 'Wed, 01 May 2024 00:00:00 GMT' });
  }
  if (p === '/flaky429') {
    if (n === 1) return send(res, 429, 'text/plain', 'slow down', { 'retry-after': url.searchParams.get('after') ?? '1' });
    return send(res, 200, 'text/html', PAGE);
  }
  if (p === '/flaky503') return n <= 2 ? send(res, 503, 'text/plain', 'busy') : send(res, 200, 'text/html', PAGE);
  if (p === '/missing') return send(res, 404, 'text/html', 'nope');
  if (p === '/png') return send(res, 200, 'image/png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
  if (p === '/pdf') return send(res, 200, 'application/pdf', '%PDF-1.4\n');
  if (p === '/nul') return send(res, 200, 'text/html', Buffer.from([0x3c, 0x70, 0x3e, 0x00, 0x01, 0x02, 0x00]));
  if (p === '/pdf-as-html') return send(res, 200, 'text/html', '%PDF-1.7\n%\u00e2\u00e3\n1 0 obj');
  if (p === '/drop') return void req.socket.destroy();
  send(res, 404, 'text/plain', 'unknown route');
}

const open: Fetcher[] = [];
function make(overrides: Partial<FetcherOptions> = {}): Fetcher {
  const f = createFetcher({
    userAgent: 'dealflow-test/1.0 (+https://example.invalid)',
    timeoutMs: 2000,
    maxBytes: 64 * 1024,
    maxRedirects: 3,
    hostConcurrency: 4,
    hostDelayMs: 0,
    respectRobots: false,
    allowPrivate: true,
    retries: 0,
    retryBaseMs: 10,
    ...overrides,
  });
  open.push(f);
  return f;
}

async function failure(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

const page: FetchRequest = { accept: 'page' };
const countOf = (path: string): number => counts.get(path) ?? 0;

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('basic fetching', () => {
  it('returns decoded text, metadata and sends our User-Agent', async () => {
    const res = await make().fetch(`${base}/html`, page);
    expect(res).toMatchObject({ url: `${base}/html`, finalUrl: `${base}/html`, status: 200, notModified: false, body: PAGE, redirects: 0 });
    expect(res.contentType).toBe('text/html; charset=utf-8');
    expect(res.bytes).toBe(Buffer.byteLength(PAGE));
    const hit = hits.findLast((h) => h.path === '/html')!;
    expect(hit.headers['user-agent']).toBe('dealflow-test/1.0 (+https://example.invalid)');
    expect(hit.headers['accept-encoding']).toContain('br');
  });

  it.each(['not a url', 'ftp://example.com/x', 'file:///etc/passwd'])('rejects %s as invalid_url', async (u) => {
    expect((await failure(make().fetch(u, page))).code).toBe('invalid_url');
  });
});

describe('redirects', () => {
  it('follows up to the limit and reports the final URL', async () => {
    const res = await make().fetch(`${base}/redirect/3`, page);
    expect(res).toMatchObject({ finalUrl: `${base}/html`, redirects: 3, body: PAGE });
  });

  it('refuses chains longer than maxRedirects', async () => {
    const err = await failure(make().fetch(`${base}/redirect/4`, page));
    expect(err.code).toBe('too_many_redirects');
    expect(err.message).toContain('/redirect/4');
  });

  it('detects loops (fragment and absolute/relative spelling do not hide them)', async () => {
    const err = await failure(make({ maxRedirects: 10 }).fetch(`${base}/loop/a`, page));
    expect(err.code).toBe('redirect_loop');
  });

  it('follows a redirect that only strips tracking parameters (not a loop)', async () => {
    const res = await make().fetch(`${base}/strip?utm_source=x`, page);
    expect(res).toMatchObject({ finalUrl: `${base}/strip`, redirects: 1, body: PAGE });
  });

  it('rejects a redirect to a non-http scheme', async () => {
    const err = await failure(make().fetch(`${base}/redirect-to?to=${encodeURIComponent('javascript:alert(1)')}`, page));
    expect(err.code).toBe('invalid_url');
  });
});

describe('limits', () => {
  it('times out a slow response', async () => {
    const started = Date.now();
    const err = await failure(make({ timeoutMs: 300 }).fetch(`${base}/slow`, page));
    expect(err.code).toBe('timeout');
    expect(err.retryable).toBe(true);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('aborts a streamed body past maxBytes', async () => {
    const err = await failure(make().fetch(`${base}/big`, page));
    expect(err.code).toBe('too_large');
  });

  it('refuses a declared Content-Length past maxBytes', async () => {
    expect((await failure(make().fetch(`${base}/big-declared`, page))).code).toBe('too_large');
  });

  it('caps the decompressed size of a gzip bomb', async () => {
    expect((await failure(make().fetch(`${base}/gzip-bomb`, page))).code).toBe('too_large');
  });

  it('maps a dropped connection to a retryable network error', async () => {
    const err = await failure(make().fetch(`${base}/drop`, page));
    expect(err.code).toBe('network');
    expect(err.retryable).toBe(true);
  });
});

describe('content decoding', () => {
  it.each(['/gzip', '/br', '/deflate-raw'])('decodes %s bodies', async (path) => {
    const res = await make().fetch(`${base}${path}`, page);
    expect(res.body).toBe(PAGE);
    expect(res.bytes).toBe(Buffer.byteLength(PAGE));
  });

  it('decodes windows-1252 from the header', async () => {
    expect((await make().fetch(`${base}/cp1252`, page)).body).toBe('<p>“Café” €5M</p>');
  });

  it('decodes Shift_JIS from <meta charset>', async () => {
    expect((await make().fetch(`${base}/sjis`, page)).body).toContain('<body>日本</body>');
  });
});

describe('conditional GET', () => {
  it('sends validators and reports 304 as notModified, keeping them', async () => {
    const f = make();
    const first = await f.fetch(`${base}/etag`, page);
    expect(first).toMatchObject({ status: 200, etag: '"v1"', lastModified: 'Wed, 01 May 2024 00:00:00 GMT' });
    const second = await f.fetch(`${base}/etag`, { ...page, etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ status: 304, notModified: true, body: '', etag: '"v1"', lastModified: 'Wed, 01 May 2024 00:00:00 GMT' });
    const byDate = await f.fetch(`${base}/etag`, { ...page, lastModified: 'Wed, 01 May 2024 00:00:00 GMT' });
    expect(byDate.notModified).toBe(true);
    expect(hits.findLast((h) => h.path === '/etag')!.headers['if-modified-since']).toBe('Wed, 01 May 2024 00:00:00 GMT');
  });
});

describe('retries', () => {
  it('waits for Retry-After on 429, then succeeds', async () => {
    const started = Date.now();
    const res = await make({ retries: 2 }).fetch(`${base}/flaky429?after=1`, page);
    expect(res.status).toBe(200);
    expect(countOf('/flaky429?after=1')).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('caps a long Retry-After', async () => {
    const started = Date.now();
    const res = await make({ retries: 1, maxRetryWaitMs: 200 }).fetch(`${base}/flaky429?after=3600`, page);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('retries 5xx with backoff and gives up after `retries`', async () => {
    const err = await failure(make({ retries: 1 }).fetch(`${base}/flaky503?a`, page));
    expect(err).toMatchObject({ code: 'http_status', status: 503, retryable: true });
    expect(countOf('/flaky503?a')).toBe(2);
    const ok = await make({ retries: 2 }).fetch(`${base}/flaky503?b`, page);
    expect(ok.status).toBe(200);
    expect(countOf('/flaky503?b')).toBe(3);
  });

  it('does not retry a 404', async () => {
    const err = await failure(make({ retries: 3 }).fetch(`${base}/missing`, page));
    expect(err).toMatchObject({ code: 'http_status', status: 404, retryable: false });
    expect(countOf('/missing')).toBe(1);
  });
});

describe('robots.txt', () => {
  it('blocks disallowed paths and fetches robots.txt once per host', async () => {
    const before = countOf('/robots.txt');
    const f = make({ respectRobots: true });
    expect((await f.fetch(`${base}/html`, page)).status).toBe(200);
    const err = await failure(f.fetch(`${base}/private/deal`, page));
    expect(err.code).toBe('robots');
    expect(err.retryable).toBe(false);
    await f.fetch(`${base}/html`, page);
    expect(countOf('/robots.txt') - before).toBe(1);
    expect(countOf('/private/deal')).toBe(0);
  });

  it('is ignored when respectRobots is off', async () => {
    expect((await make().fetch(`${base}/private/other`, page)).status).toBe(200);
  });
});

describe('content types', () => {
  it.each(['/png', '/pdf'])('rejects %s by Content-Type', async (path) => {
    expect((await failure(make().fetch(`${base}${path}`, page))).code).toBe('content_type');
    expect((await failure(make().fetch(`${base}${path}`, { accept: 'feed' }))).code).toBe('content_type');
  });

  it.each(['/nul', '/pdf-as-html'])('rejects binary %s served as text/html', async (path) => {
    expect((await failure(make().fetch(`${base}${path}`, page))).code).toBe('binary');
  });

  it('accepts feeds for feed requests but not as pages', async () => {
    expect((await make().fetch(`${base}/feed`, { accept: 'feed' })).body).toContain('<rss>');
    expect((await make().fetch(`${base}/html`, { accept: 'feed' })).status).toBe(200);
    expect((await failure(make().fetch(`${base}/feed`, page))).code).toBe('content_type');
  });
});

describe('SSRF guard', () => {
  it.each(['/html', '/redirect/1'])('refuses 127.0.0.1 without allowPrivate (%s), before connecting', async (path) => {
    const before = hits.length;
    const err = await failure(make({ allowPrivate: false }).fetch(`${base}${path}`, page));
    expect(err.code).toBe('blocked_address');
    expect(err.retryable).toBe(false);
    expect(hits.length).toBe(before);
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[::1]/',
    'http://[::ffff:7f00:1]/',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://10.0.0.1/',
    'http://metadata.google.internal/computeMetadata/v1/',
  ])('refuses %s', async (u) => {
    expect((await failure(make({ allowPrivate: false }).fetch(u, page))).code).toBe('blocked_address');
  });

  it('refuses localhost by name', async () => {
    expect((await failure(make({ allowPrivate: false }).fetch(`http://localhost:${port}/html`, page))).code).toBe('blocked_address');
  });

  it("trusts a source's own private host per request, but re-checks redirects to other hosts", async () => {
    const f = make({ allowPrivate: false });
    const trusted = { ...page, allowPrivate: true };
    expect((await f.fetch(`${base}/redirect/2`, trusted)).finalUrl).toBe(`${base}/html`);
    const toMetadata = `${base}/redirect-to?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`;
    expect((await failure(f.fetch(toMetadata, trusted))).code).toBe('blocked_address');
    const toLocalhost = `${base}/redirect-to?to=${encodeURIComponent(`http://localhost:${port}/html`)}`;
    const before = countOf('/html');
    expect((await failure(f.fetch(toLocalhost, trusted))).code).toBe('blocked_address');
    expect(countOf('/html')).toBe(before);
  });

  it('checks the address actually connected to (DNS rebinding)', async () => {
    // First answer (the pre-check) is public; every later one (the connection) points at loopback.
    let calls = 0;
    const lookup: LookupFunction = (_host, options, callback) => {
      calls++;
      const address = calls === 1 ? '93.184.216.34' : '127.0.0.1';
      if (options.all)
        (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address, family: 4 }]);
      else callback(null, address, 4);
    };
    const before = hits.length;
    const err = await failure(make({ allowPrivate: false, lookup }).fetch(`http://rebind.example:${port}/html`, page));
    expect(err.code).toBe('blocked_address');
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(hits.length).toBe(before);
  });

  it('connects through an injected lookup when it answers publicly (control for the test above)', async () => {
    const lookup: LookupFunction = (_host, options, callback) => {
      if (options.all)
        (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [
          { address: '127.0.0.1', family: 4 },
        ]);
      else callback(null, '127.0.0.1', 4);
    };
    const res = await make({ allowPrivate: true, lookup }).fetch(`http://named.example:${port}/html`, page);
    expect(res.body).toBe(PAGE);
  });
});

describe('politeness', () => {
  it('spaces requests to one host by hostDelayMs, in arrival order', async () => {
    const f = make({ hostDelayMs: 250, hostConcurrency: 1 });
    const started = Date.now();
    await Promise.all([0, 1, 2, 3].map((i) => f.fetch(`${base}/html?polite=${i}`, page)));
    const mine = hits.filter((h) => h.path.startsWith('/html?polite='));
    expect(mine.map((h) => h.path)).toEqual([0, 1, 2, 3].map((i) => `/html?polite=${i}`));
    // Starts are spaced exactly; arrivals add scheduling jitter on a loaded machine, hence loose bounds.
    for (let i = 1; i < mine.length; i++) expect(mine[i]!.at - mine[i - 1]!.at).toBeGreaterThanOrEqual(125);
    expect(mine.at(-1)!.at - mine[0]!.at).toBeGreaterThanOrEqual(650);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('keeps at most hostConcurrency requests in flight per host', async () => {
    maxInFlight = 0;
    const f = make({ hostConcurrency: 2 });
    await Promise.all([0, 1, 2, 3, 4, 5].map((i) => f.fetch(`${base}/slowish?c=${i}`, page)));
    expect(maxInFlight).toBe(2);
  });

  it('honours Crawl-delay from robots.txt', async () => {
    const robotsServer = createServer((req, res) => {
      hits.push({ path: `crawl:${req.url}`, at: Date.now(), headers: req.headers });
      if (req.url === '/robots.txt') return send(res, 200, 'text/plain', 'User-agent: dealflow-test\nCrawl-delay: 0.5\n');
      send(res, 200, 'text/html', PAGE);
    });
    await new Promise<void>((resolve) => robotsServer.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(robotsServer.address() as AddressInfo).port}`;
      const f = make({ respectRobots: true });
      await f.fetch(`${url}/a`, page); // learns the delay
      await Promise.all([f.fetch(`${url}/b`, page), f.fetch(`${url}/c`, page)]);
      const pages = hits.filter((h) => h.path === 'crawl:/b' || h.path === 'crawl:/c');
      expect(pages).toHaveLength(2);
      expect(Math.abs(pages[1]!.at - pages[0]!.at)).toBeGreaterThanOrEqual(350);
    } finally {
      robotsServer.closeAllConnections();
      await new Promise<void>((resolve) => robotsServer.close(() => resolve()));
    }
  });
});

describe('fetcherOptionsFromConfig', () => {
  it('maps the FETCH_* settings', () => {
    const opts = fetcherOptionsFromConfig(loadConfig({ FETCH_MAX_BYTES: '1234', FETCH_ALLOW_PRIVATE: 'true', FETCH_RETRIES: '4' }));
    expect(opts).toMatchObject({ maxBytes: 1234, allowPrivate: true, retries: 4, respectRobots: true, maxRedirects: 5 });
  });
});
