import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from './env.js';

/** A unique BullMQ key prefix per test file, removed afterwards, so files never share queues. */
export function testQueuePrefix(): string {
  return `dealflow-test-${randomBytes(5).toString('hex')}`;
}

/** Delete every key under `prefix`, on the given connection or a short-lived one to the test Redis. */
export async function deleteRedisPrefix(prefix: string, connection?: Redis): Promise<void> {
  const redis = connection ?? new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    if (!connection) redis.disconnect();
  }
}
