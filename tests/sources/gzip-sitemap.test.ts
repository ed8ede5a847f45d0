import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher, FetchError, type Fetcher } from '../../src/fetch/http.js';
import { discoverItems } from '../../src/sources/parse.js';

const SITEMAP = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://press.example.com/2024/02/sorrelwick-series-a</loc><lastmod>2024-02-05</lastmod></url>
</urlset>`;

let server: Server;
let base: string;
let fetcher: Fetcher;

beforeAll(async () => {
  server = createServer((req, res) => {
    const types: Record<string, string> = { '/as-xml.xml.gz': 'application/xml', '/as-gzip.xml.gz': 'application/x-gzip' };
    if (req.url === '/bomb.xml.gz') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      return res.end(gzipSync(Buffer.alloc(2_000_000, 0x20)));
    }
    const type = types[req.url ?? ''];
    if (!type) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': type }); // no Content-Encoding: the bytes are the .gz file
    res.end(gzipSync(SITEMAP));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fetcher = createFetcher({
    userAgent: 'dealflow-test/1.0',
    timeoutMs: 2000,
    maxBytes: 64 * 1024,
    maxRedirects: 0,
    hostConcurrency: 2,
    hostDelayMs: 0,
    respectRobots: false,
    allowPrivate: true,
    retries: 0,
  });
});

afterAll(async () => {
  await fetcher.close();
  await new Promise((r) => server.close(r));
});

describe('gzipped sitemaps without Content-Encoding', () => {
  it.each(['/as-xml.xml.gz', '/as-gzip.xml.gz'])('are gunzipped when a feed is fetched: %s', async (path) => {
    const res = await fetcher.fetch(`${base}${path}`, { accept: 'feed' });
    expect(discoverItems('sitemap', res.body, res.finalUrl).map((i) => i.url)).toEqual([
      'https://press.example.com/2024/02/sorrelwick-series-a',
    ]);
  });

  it('still obey the size cap after decompression', async () => {
    const err = await fetcher.fetch(`${base}/bomb.xml.gz`, { accept: 'feed' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).code).toBe('too_large');
  });

  it('are still refused as pages', async () => {
    const err = await fetcher.fetch(`${base}/as-xml.xml.gz`, { accept: 'page' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FetchError);
  });
});
