import type { FastifyInstance } from 'fastify';
import { fetchDealsPage, parseDealPageQuery } from '../../export/filters.js';
import { findLiveDeal, liveDealSources } from '../../store/deal-queries.js';
import type { RouteDeps } from './context.js';
import { idParam, NoQuery, query } from './request.js';

// The JSON API over the live deals (session or bearer token).

export function registerApi(app: FastifyInstance, deps: Pick<RouteDeps, 'db'>): void {
  const { db } = deps;
  app.get('/api/deals', async (req) => fetchDealsPage(db, parseDealPageQuery(req.query)));
  app.get('/api/deals/:id', async (req, reply) => {
    const id = idParam(req);
    query(NoQuery, req);
    const deal = await findLiveDeal(db, id);
    if (!deal) return reply.code(404).send({ error: `Deal #${id} not found (or merged/rejected)` });
    const sources = await liveDealSources(db, id);
    return { ...deal, sources };
  });
}
