import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { testDeps } from '../helpers/app.js';
import { startCanary, type Canary } from '../helpers/canary.js';
import { addSource } from '../../src/pipeline/add-source.js';
import { FetchError } from '../../src/fetch/http.js';

// A source that could never be fetched is refused when it is added, not stored to fail at every poll.

let t: TestDb;
let canary: Canary;
beforeAll(async () => {
  t = await createTestDb();
  canary = await startCanary('127.0.0.1');
});
afterAll(async () => {
  await canary?.close();
  await t?.drop();
});

async function refusal(p: Promise<unknown>): Promise<FetchError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

const stored = async () => (await t.db.selectFrom('sources').select('url').execute()).map((s) => s.url);

describe('sources add validates scheme and address', () => {
  it.each(['file:///etc/passwd', 'ftp://files.example.com/feed.xml', 'gopher://example.com/', 'javascript:alert(1)', 'not a url'])(
    'refuses %s even with allowPrivate',
    async (url) => {
      const deps = testDeps(t.db);
      try {
        for (const allowPrivate of [false, true]) {
          expect((await refusal(addSource(deps, url, { kind: 'rss', allowPrivate }))).code).toBe('invalid_url');
        }
      } finally {
        await deps.close();
      }
      expect(await stored()).toEqual([]);
    },
  );

  it('refuses private, loopback and link-local addresses without allowPrivate, with a one-line hint, before connecting', async () => {
    const deps = testDeps(t.db);
    try {
      for (const url of [
        `${canary.base}/feed.xml`,
        `http://localhost:${canary.port}/feed.xml`,
        `http://[::1]:${canary.port}/feed.xml`,
        'http://169.254.169.254/latest/meta-data/',
        'http://10.1.2.3/feed.xml',
      ]) {
        for (const kind of ['rss', undefined] as const) {
          const err = await refusal(addSource(deps, url, { kind }));
          expect({ url, code: err.code }).toEqual({ url, code: 'blocked_address' });
          expect(err.message).toMatch(/^refusing to fetch .*--allow-private/);
          expect(err.message).not.toContain('\n');
        }
      }
    } finally {
      await deps.close();
    }
    expect(canary.connections).toBe(0);
    expect(await stored()).toEqual([]);
  });

  it('stores a private source when allowed', async () => {
    const deps = testDeps(t.db);
    try {
      const s = await addSource(deps, `${canary.base}/feed.xml`, { kind: 'rss', allowPrivate: true });
      expect(s).toMatchObject({ url: `${canary.base}/feed.xml`, allow_private: true });
    } finally {
      await deps.close();
    }
  });
});
