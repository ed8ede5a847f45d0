import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { deleteRedisPrefix, testQueuePrefix } from '../helpers/redis.js';
import { TEST_REDIS_URL } from '../helpers/env.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/web/server.js';

const TOKEN = 'queue-admin-token-0123456';
const prefix = testQueuePrefix();
let t: TestDb;
let queue: Queue;
let app: FastifyInstance;
let redisDown = false;
let redis: Redis;

beforeAll(async () => {
  t = await createTestDb();
  redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1, lazyConnect: true });
  const u = new URL(TEST_REDIS_URL);
  queue = new Queue('fetch', { prefix, connection: { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null } });
  await queue.add('a', { n: 1 });
  await queue.add('b', { n: 2 }, { delay: 60_000 });
  app = await buildServer({
    db: t.db,
    config: loadConfig({ ADMIN_TOKEN: TOKEN, NODE_ENV: 'test' }),
    queues: [queue],
    checkRedis: async () => {
      if (redisDown) throw new Error('redis unreachable');
      await redis.ping();
    },
  });
});
afterAll(async () => {
  await app?.close();
  await queue?.close();
  redis?.disconnect();
  await deleteRedisPrefix(prefix);
  await t?.drop();
});

describe('queues', () => {
  it('exports job counts per queue and state in /metrics', async () => {
    const body = (await app.inject({ url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    expect(body).toContain('# TYPE dealflow_queue_jobs gauge');
    expect(body).toContain('dealflow_queue_jobs{queue="fetch",state="waiting"} 1');
    expect(body).toContain('dealflow_queue_jobs{queue="fetch",state="delayed"} 1');
    expect(body).toContain('dealflow_queue_jobs{queue="fetch",state="failed"} 0');
  });

  it('serves bull-board behind the login only', async () => {
    expect((await app.inject({ url: '/admin/queues/api/queues' })).statusCode).toBe(401);
    const res = await app.inject({ url: '/admin/queues/api/queues', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect((res.json() as { queues: { name: string }[] }).queues.map((q) => q.name)).toEqual(['fetch']);
  });

  it('reports readiness of db and redis', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await app.inject({ url: '/readyz', headers: auth })).json()).toEqual({ ok: true, checks: { db: 'ok', redis: 'ok' } });
    redisDown = true;
    const down = await app.inject({ url: '/readyz', headers: auth });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toEqual({ ok: false, checks: { db: 'ok', redis: 'unreachable' }, reason: 'redis unreachable' });
  });
});
