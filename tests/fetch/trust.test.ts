import http from 'node:http';
import { lookup as dnsLookup } from 'node:dns/promises';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, FetchError, type Fetcher, type FetcherOptions } from '../../src/fetch/http.js';
import { classifyAddress } from '../../src/fetch/safety.js';
import { startCanary, type Canary } from '../helpers/canary.js';

// A private source (127.0.0.1:A) is trusted; trust must cover exactly its origin. Canaries on other
// loopback addresses, names and ports record every connection and must never see one.

const PAGE = '<!doctype html><html><body><p>trusted page</p></body></html>';
let trusted: http.Server;
let trustedBase: string;
const trustedHits: string[] = [];
let canaries: Canary[] = [];
let onSamePort: Canary; // 127.0.0.1, another port
const targets: string[] = []; // URLs that reach a canary

beforeAll(async () => {
  trusted = http.createServer((req, res) => {
    trustedHits.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/robots.txt') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
    if (url.pathname === '/redirect') {
      return void res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('to') ?? '/' }).end();
    }
    res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
  });
  await new Promise<void>((r) => trusted.listen(0, '127.0.0.1', r));
  trustedBase = `http://127.0.0.1:${(trusted.address() as AddressInfo).port}`;

  onSamePort = await startCanary('127.0.0.1');
  const other = await startCanary('127.0.0.2');
  canaries = [onSamePort, other];
  targets.push(`${onSamePort.base}/secret`, `${other.base}/secret`, `http://localhost:${onSamePort.port}/secret`);
  const v6 = await startCanary('::1').catch(() => null); // hosts without IPv6 loopback skip this one
  if (v6) {
    canaries.push(v6);
    targets.push(`${v6.base}/secret`);
  }
  // A name from /etc/hosts (the machine's own name), when it points at loopback here.
  const own = await dnsLookup(os.hostname(), { all: true }).catch(() => []);
  if (own.length && own.every((a) => classifyAddress(a.address) === 'loopback' && a.address.startsWith('127.0.0.1'))) {
    targets.push(`http://${os.hostname()}:${onSamePort.port}/secret`);
  }
});

afterAll(async () => {
  trusted?.closeAllConnections();
  trusted?.close();
  await Promise.all(canaries.map((c) => c.close()));
});

const open: Fetcher[] = [];
function make(overrides: Partial<FetcherOptions> = {}): Fetcher {
  const f = createFetcher({
    userAgent: 'dealflow-test/1.0',
    timeoutMs: 2000,
    maxBytes: 64 * 1024,
    maxRedirects: 5,
    hostConcurrency: 4,
    hostDelayMs: 0,
    respectRobots: true,
    allowPrivate: false,
    retries: 0,
    ...overrides,
  });
  open.push(f);
  return f;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

async function refusal(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

function untouched(): void {
  for (const c of canaries)
    expect({ canary: c.base, connections: c.connections, requests: c.requests }).toEqual({ canary: c.base, connections: 0, requests: [] });
}

describe('trust belongs to the source origin', () => {
  it('fetches the trusted origin itself (control)', async () => {
    const res = await make().fetch(`${trustedBase}/article`, {
      accept: 'page',
      allowPrivate: true,
      trustOrigin: `${trustedBase}/feed.xml`,
    });
    expect(res.body).toBe(PAGE);
  });

  it('guards every other URL a trusted source links to: other loopback addresses, names and ports', async () => {
    expect(targets.length).toBeGreaterThanOrEqual(3);
    for (const target of targets) {
      const err = await refusal(make().fetch(target, { accept: 'page', allowPrivate: true, trustOrigin: `${trustedBase}/feed.xml` }));
      expect({ target, code: err.code }).toEqual({ target, code: 'blocked_address' });
    }
    untouched();
  });

  it('gives FETCH_ALLOW_PRIVATE (fetcher-wide trust) the same scope', async () => {
    const f = make({ allowPrivate: true });
    expect((await f.fetch(`${trustedBase}/article`, { accept: 'page', trustOrigin: trustedBase })).body).toBe(PAGE);
    for (const target of targets) {
      expect((await refusal(f.fetch(target, { accept: 'page', trustOrigin: `${trustedBase}/feed.xml` }))).code).toBe('blocked_address');
      expect((await refusal(f.fetch(target, { accept: 'page', trustOrigin: null }))).code).toBe('blocked_address');
    }
    untouched();
  });
});

describe('trust compares whole origins on every redirect hop', () => {
  it.each([301, 302, 303, 307, 308])('refuses a %i from the trusted port to another local port', async (status) => {
    const to = `${onSamePort.base}/`;
    const err = await refusal(
      make().fetch(`${trustedBase}/redirect?status=${status}&to=${encodeURIComponent(to)}`, { accept: 'page', allowPrivate: true }),
    );
    expect(err.code).toBe('blocked_address');
    untouched(); // not even GET /robots.txt
  });

  it('refuses the other port after same-origin hops too, and follows same-origin hops (control)', async () => {
    const inner = `${trustedBase}/redirect?status=307&to=${encodeURIComponent(`http://localhost:${onSamePort.port}/`)}`;
    const err = await refusal(
      make().fetch(`${trustedBase}/redirect?to=${encodeURIComponent(inner)}`, { accept: 'page', allowPrivate: true }),
    );
    expect(err.code).toBe('blocked_address');
    const ok = await make().fetch(`${trustedBase}/redirect?to=${encodeURIComponent('/landing')}`, { accept: 'page', allowPrivate: true });
    expect(ok.finalUrl).toBe(`${trustedBase}/landing`);
    untouched();
  });
});
