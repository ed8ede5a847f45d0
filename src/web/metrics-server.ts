import Fastify, { type FastifyInstance } from 'fastify';
import type { Queue } from 'bullmq';
import type { Db } from '../db/connect.js';
import { safeEqual } from './auth.js';
import { createMetricsRegistry, sendMetrics } from './metrics.js';

// /metrics on its own listen address (METRICS_HOST/METRICS_PORT), for scrapers on a private
// network: no login there, but METRICS_TOKEN (when set) is still required as a bearer token.
export async function buildMetricsServer(deps: { db: Db; queues?: Queue[]; token?: string }): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const register = createMetricsRegistry(deps.db, deps.queues);
  app.get('/metrics', async (req, reply) => {
    const auth = req.headers.authorization ?? '';
    if (deps.token && !(auth.startsWith('Bearer ') && safeEqual(auth.slice(7).trim(), deps.token))) {
      return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: 'metrics token required' });
    }
    return sendMetrics(reply, register);
  });
  return app;
}
