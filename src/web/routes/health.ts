import type { FastifyInstance } from 'fastify';
import { createMetricsRegistry, sendMetrics } from '../metrics.js';
import { readiness } from '../probes.js';
import type { RouteDeps } from './context.js';

// Liveness and readiness (public) and Prometheus metrics (admin or metrics token).

export function registerHealth(app: FastifyInstance, deps: Pick<RouteDeps, 'db' | 'queues' | 'checkRedis' | 'log'>): void {
  const { db } = deps;
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    const r = await readiness({ db, checkRedis: deps.checkRedis, log: deps.log });
    return reply
      .code(r.ok ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send(r);
  });
  const metricsRegister = createMetricsRegistry(db, deps.queues);
  app.get('/metrics', async (_req, reply) => sendMetrics(reply, metricsRegister));
}
