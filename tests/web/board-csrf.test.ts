import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { deleteRedisPrefix, testQueuePrefix } from '../helpers/redis.js';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/web/server.js';

// bull-board's write calls (pause, retry, clean, remove...) need the session's CSRF token in the
// X-XSRF-TOKEN header when made with a session cookie, not just SameSite.
const TOKEN = 'board-admin-token-0123456789';
const prefix = testQueuePrefix();
let t: TestDb;
let queue: Queue;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDb();
  const u = new URL(TEST_REDIS_URL);
  queue = new Queue('fetch', { prefix, connection: { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null } });
  await queue.add('a', { n: 1 });
  app = await buildServer({ db: t.db, config: loadConfig({ ADMIN_TOKEN: TOKEN, NODE_ENV: 'test' }), queues: [queue] });
});
afterAll(async () => {
  await app?.close();
  await queue?.close();
  await deleteRedisPrefix(prefix);
  await t?.drop();
});

async function login(): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    payload: `token=${TOKEN}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  const c = res.cookies.find((c) => c.name === 'df_session');
  return `df_session=${c!.value}`;
}

describe('bull-board CSRF', () => {
  it('gives the board page a readable XSRF-TOKEN cookie scoped to the board', async () => {
    const cookie = await login();
    const page = await app.inject({ url: '/admin/queues', headers: { cookie } });
    expect(page.statusCode).toBe(200);
    const xsrf = page.cookies.find((c) => c.name === 'XSRF-TOKEN');
    expect(xsrf).toMatchObject({ path: '/admin/queues', sameSite: 'Strict' });
    expect(xsrf?.httpOnly).toBeFalsy();
    expect(xsrf?.value.length).toBeGreaterThan(20);
  });

  it('refuses cookie-authenticated writes without the token and applies them with it', async () => {
    const cookie = await login();
    const xsrf = (await app.inject({ url: '/admin/queues', headers: { cookie } })).cookies.find((c) => c.name === 'XSRF-TOKEN')!.value;
    for (const [method, url] of [
      ['PUT', '/admin/queues/api/queues/fetch/pause'],
      ['PUT', '/admin/queues/api/queues/fetch/retry/failed'],
      ['PUT', '/admin/queues/api/queues/fetch/clean/completed'],
      ['DELETE', '/admin/queues/api/queues/fetch/empty'],
      ['POST', '/admin/queues/api/queues/fetch/add'],
      ['PATCH', '/admin/queues/api/queues/fetch/anything'],
    ] as const) {
      const res = await app.inject({ method, url, headers: { cookie } });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      const wrong = await app.inject({ method, url, headers: { cookie, 'x-xsrf-token': `${xsrf.slice(0, -2)}xx` } });
      expect(wrong.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(await queue.isPaused()).toBe(false);
    // Another session's token does not work either: it is bound to the session.
    const other = await login();
    const otherXsrf = (await app.inject({ url: '/admin/queues', headers: { cookie: other } })).cookies.find(
      (c) => c.name === 'XSRF-TOKEN',
    )!.value;
    expect(
      (await app.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/pause', headers: { cookie, 'x-xsrf-token': otherXsrf } }))
        .statusCode,
    ).toBe(403);

    const ok = await app.inject({ method: 'PUT', url: '/admin/queues/api/queues/fetch/pause', headers: { cookie, 'x-xsrf-token': xsrf } });
    expect(ok.statusCode).toBe(200);
    expect(await queue.isPaused()).toBe(true);
    // Reads need no token.
    expect((await app.inject({ url: '/admin/queues/api/queues', headers: { cookie } })).statusCode).toBe(200);
  });

  it('lets bearer-token clients write without a CSRF token', async () => {
    const res = await app.inject({
      method: 'PUT',
      url: '/admin/queues/api/queues/fetch/resume',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.statusCode).toBe(200);
    expect(await queue.isPaused()).toBe(false);
  });

  it('relies on cookie and header names the bundled bull-board client really uses', async () => {
    // Guards an upgrade: if the UI's axios stops sending X-XSRF-TOKEN from XSRF-TOKEN, the board's buttons break.
    const require = createRequire(import.meta.url);
    const dir = path.join(path.dirname(require.resolve('@bull-board/ui/package.json')), 'dist', 'static', 'js');
    const bundles = await Promise.all(
      (await readdir(dir)).filter((f) => f.endsWith('.js')).map((f) => readFile(path.join(dir, f), 'utf8')),
    );
    const all = bundles.join('\n');
    expect(all).toContain('xsrfCookieName:"XSRF-TOKEN"');
    expect(all).toContain('xsrfHeaderName:"X-XSRF-TOKEN"');
  });
});
