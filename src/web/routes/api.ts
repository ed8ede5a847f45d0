import type { FastifyInstance } from 'fastify';
import { fetchCompaniesPage, fetchCompany, parseCompanyPageQuery } from '../../export/companies.js';
import { fetchDealsPage, parseDealPageQuery } from '../../export/filters.js';
import { findLiveDeal, liveDealSources } from '../../store/deal-queries.js';
import type { RouteDeps } from './context.js';
import { idParam, NoQuery, query } from './request.js';

// The JSON API over the live deals and companies (session or bearer token).

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
  app.get('/api/companies', async (req) => fetchCompaniesPage(db, parseCompanyPageQuery(req.query)));
  app.get('/api/companies/:id', async (req, reply) => {
    const id = idParam(req);
    query(NoQuery, req);
    const found = await fetchCompany(db, id);
    if ('company' in found) return found.company;
    if (found.merged_into !== null)
      return reply
        .code(404)
        .send({ error: `Company #${id} was merged into company #${found.merged_into}`, merged_into: found.merged_into });
    return reply.code(404).send({ error: `Company #${id} not found` });
  });
}
