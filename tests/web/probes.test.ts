import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { loadConfig } from '../../src/config.js';
import { createDb, type Db } from '../../src/db/connect.js';
import { buildServer } from '../../src/web/server.js';
import { buildMetricsServer } from '../../src/web/metrics-server.js';

const TOKEN = 'probe-admin-token-0123456789';
const METRICS_TOKEN = 'probe-metrics-token-012345';
const config = loadConfig({ ADMIN_TOKEN: TOKEN, METRICS_TOKEN, NODE_ENV: 'test' });
let t: TestDb;
const closers: (() => unknown)[] = [];

/** A TCP port with nothing listening on it (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** A Redis client configured like the runtime's (commands wait while it reconnects). */
function redisAt(url: string): Redis {
  const r = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: 500 });
  r.on('error', () => {});
  closers.push(() => r.disconnect());
  return r;
}

async function server(db: Db, redis: Redis): Promise<FastifyInstance> {
  const app = await buildServer({ db, config, checkRedis: async () => void (await redis.ping()) });
  closers.push(() => app.close());
  return app;
}

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await t?.drop();
});

describe('probes', () => {
  it('serves /healthz and /readyz without login', async () => {
    const app = await server(t.db, redisAt(TEST_REDIS_URL));
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ ok: true });
    const ready = await app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ok: true, checks: { db: 'ok', redis: 'ok' } });
  });

  it('answers 503 with a reason when Redis is down, promptly even though its client waits to reconnect', async () => {
    const app = await server(t.db, redisAt(`redis://127.0.0.1:${await closedPort()}`));
    const started = Date.now();
    const res = await app.inject({ url: '/readyz' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json()).toMatchObject({ ok: false, checks: { db: 'ok' }, reason: expect.stringMatching(/^redis (timeout|unreachable)$/) });
  });

  it('answers 503 with a reason when PostgreSQL is down, without leaking the error', async () => {
    const db = createDb(`postgres://postgres@127.0.0.1:${await closedPort()}/nowhere`, 1);
    closers.push(() => db.destroy());
    const app = await server(db, redisAt(TEST_REDIS_URL));
    const res = await app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ ok: false, checks: { db: 'unreachable', redis: 'ok' }, reason: 'db unreachable' });
    expect(res.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
  });
});

describe('metrics', () => {
  it('requires the admin or metrics bearer token (or a session) on the main listener', async () => {
    const app = await server(t.db, redisAt(TEST_REDIS_URL));
    const anon = await app.inject({ url: '/metrics' });
    expect(anon.statusCode).toBe(401);
    expect(anon.body).not.toContain('dealflow_extraction_cost_usd_total');
    expect((await app.inject({ url: '/metrics', headers: { authorization: 'Bearer not-the-right-token' } })).statusCode).toBe(401);
    for (const token of [TOKEN, METRICS_TOKEN]) {
      const res = await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('dealflow_extraction_cost_usd_total');
    }
    // The metrics token opens nothing else.
    for (const url of ['/api/deals', '/', '/admin/queues/api/queues']) {
      expect((await app.inject({ url, headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).statusCode, url).toBe(401);
    }
  });

  it('can be served on a separate listen address, still behind METRICS_TOKEN when set', async () => {
    expect(loadConfig({ METRICS_PORT: '9464' })).toMatchObject({ METRICS_PORT: 9464, METRICS_HOST: '127.0.0.1' });
    for (const token of [METRICS_TOKEN, undefined]) {
      const m = await buildMetricsServer({ db: t.db, token });
      closers.push(() => m.close());
      const base = await m.listen({ host: '127.0.0.1', port: 0 });
      const anon = await fetch(`${base}/metrics`);
      expect(anon.status).toBe(token ? 401 : 200);
      const authed = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(authed.status).toBe(200);
      expect(await authed.text()).toContain('dealflow_deals_total');
      expect((await fetch(`${base}/api/deals`)).status).toBe(404);
    }
  });
});
