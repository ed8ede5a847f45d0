/**
 * The fetcher's parts on their own: request headers and origin trust, the redirect trail, body
 * reading under limits, and the retry loop. tests/fetch/http.test.ts covers them composed.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import type { Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { bodyText, readLimitedBody } from '../../src/fetch/body.js';
import { FetchError } from '../../src/fetch/errors.js';
import { RedirectTrail } from '../../src/fetch/redirects.js';
import { requestHeaders, trustedOriginOf } from '../../src/fetch/request.js';
import { withRetries } from '../../src/fetch/retry.js';

const body = (...chunks: string[]) => Readable.from(chunks.map((c) => Buffer.from(c))) as unknown as Dispatcher.ResponseData['body'];
const codeOf = async (p: Promise<unknown>) => ((await p.catch((e: unknown) => e)) as FetchError).code;

describe('requestHeaders and trustedOriginOf', () => {
  it('asks conditionally only with the validators it has', () => {
    const h = requestHeaders('bot/1', { accept: 'page', etag: '"v1"', lastModified: null });
    expect(h['if-none-match']).toBe('"v1"');
    expect(h).not.toHaveProperty('if-modified-since');
    expect(h.accept).toMatch(/^text\/html/);
    expect(requestHeaders('bot/1', { accept: 'feed' }).accept).toMatch(/^application\/rss\+xml/);
  });

  it('trusts one origin, only when private addresses are allowed', () => {
    const url = new URL('http://127.0.0.1:4911/feed.xml');
    expect(trustedOriginOf(url, {}, false)).toBeNull();
    expect(trustedOriginOf(url, { allowPrivate: true }, false)).toBe('http://127.0.0.1:4911');
    expect(trustedOriginOf(url, { trustOrigin: 'http://10.0.0.5:8080/x' }, true)).toBe('http://10.0.0.5:8080');
    expect(trustedOriginOf(url, { allowPrivate: true, trustOrigin: null }, false)).toBeNull();
    expect(trustedOriginOf(url, { allowPrivate: true, trustOrigin: 'file:///etc/passwd' }, false)).toBeNull();
  });
});

describe('RedirectTrail', () => {
  const hop = (location: string) => ({ status: 302, headers: { location } });

  it('resolves each Location against the hop that sent it and counts the hops', () => {
    const trail = new RedirectTrail(new URL('https://news.example/a'), 3);
    const next = trail.follow(hop('/b?x=1'), 'https://news.example/a');
    expect(next.toString()).toBe('https://news.example/b?x=1');
    expect(trail.follow(hop('https://other.example/c'), next.toString()).toString()).toBe('https://other.example/c');
    expect(trail.count).toBe(2);
  });

  it('refuses loops, too many hops and unusable targets', async () => {
    const loop = new RedirectTrail(new URL('https://news.example/a'), 5);
    expect(() => loop.follow(hop('/a#top'), 'https://news.example/b')).toThrow(/redirect loop/);
    const short = new RedirectTrail(new URL('https://news.example/a'), 1);
    short.follow(hop('/b'), 'https://news.example/a');
    expect(() => short.follow(hop('/c'), 'https://news.example/b')).toThrow(/more than 1 redirects/);
    const bad = new RedirectTrail(new URL('https://news.example/a'), 5);
    expect(() => bad.follow(hop('javascript:alert(1)'), 'https://news.example/a')).toThrow(FetchError);
  });
});

describe('body reading', () => {
  it('reads a body of an accepted type within the limit', async () => {
    const raw = await readLimitedBody({ headers: { 'content-type': 'text/html' }, body: body('<p>', 'hi</p>') }, 'page', 100, 'u');
    expect(raw.toString()).toBe('<p>hi</p>');
  });

  it('refuses an unwanted type, a declared and an actual size over the limit', async () => {
    const read = (headers: Record<string, string>, limit = 8) => readLimitedBody({ headers, body: body('0123456789') }, 'page', limit, 'u');
    expect(await codeOf(read({ 'content-type': 'application/pdf' }))).toBe('content_type');
    expect(await codeOf(read({ 'content-type': 'text/html', 'content-length': '10' }))).toBe('too_large');
    expect(await codeOf(read({ 'content-type': 'text/html' }))).toBe('too_large');
  });

  it('unwraps a gzipped sitemap sent without Content-Encoding, and refuses binary pages', async () => {
    const xml = '<urlset><url><loc>https://news.example/a</loc></url></urlset>';
    const text = await bodyText(gzipSync(xml), { 'content-type': 'application/gzip' }, 'feed', 1000, 'u');
    expect(text).toEqual({ text: xml, bytes: xml.length });
    expect(await codeOf(bodyText(gzipSync(xml), { 'content-type': 'text/html' }, 'page', 1000, 'u'))).toBe('binary');
    expect(await codeOf(bodyText(gzipSync('x'.repeat(5000)), { 'content-encoding': 'gzip' }, 'page', 1000, 'u'))).toBe('too_large');
  });
});

describe('withRetries', () => {
  const failing = (errors: unknown[]) => {
    let calls = 0;
    const run = async () => {
      const err = errors[calls++];
      if (err) throw err;
      return calls;
    };
    return { run, calls: () => calls };
  };
  const policy = { baseMs: 1, maxWaitMs: 5, retryable: (e: unknown) => (e as Error).message === 'again' };

  it('tries again after retryable failures, up to the limit', async () => {
    const ok = failing([new Error('again'), new Error('again')]);
    expect(await withRetries(ok.run, { ...policy, retries: 2 })).toBe(3);
    const spent = failing([new Error('again'), new Error('again'), new Error('again')]);
    await expect(withRetries(spent.run, { ...policy, retries: 2 })).rejects.toThrow('again');
    expect(spent.calls()).toBe(3);
  });

  it('stops at the first failure that is not retryable, and uses the wait the failure asks for', async () => {
    const fatal = failing([new Error('no')]);
    await expect(withRetries(fatal.run, { ...policy, retries: 5 })).rejects.toThrow('no');
    expect(fatal.calls()).toBe(1);
    const asked: unknown[] = [];
    const waited = failing([new Error('again')]);
    await withRetries(waited.run, {
      ...policy,
      retries: 1,
      waitFor: (e) => {
        asked.push(e);
        return 1;
      },
    });
    expect(asked).toHaveLength(1);
  });
});
