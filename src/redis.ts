import { Redis } from 'ioredis';

export class RedisUnavailableError extends Error {}

/**
 * Connect and ping once with a short timeout, so a missing Redis is one clear line at startup
 * rather than an endless reconnect loop. BullMQ needs maxRetriesPerRequest: null on its connections.
 */
export async function connectRedis(url: string, timeoutMs = 3000): Promise<Redis> {
  const redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, connectTimeout: timeoutMs });
  redis.on('error', () => {}); // reconnects are handled by ioredis; errors surface on commands
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), timeoutMs)),
    ]);
    return redis;
  } catch (err) {
    redis.disconnect();
    throw new RedisUnavailableError(
      `Redis is not reachable at ${url} (${(err as Error).message}): start it ('redis-server' or 'docker compose up -d redis') or set REDIS_URL.`,
    );
  }
}
