import type { FastifyInstance } from 'fastify';
import { fetchDealsPage } from '../../export/filters.js';
import { countOpenItems, listAudit } from '../../review/queries.js';
import { latestAnnounced, topInvestors, weeklyDeals } from '../../store/stats.js';
import * as views from '../views.js';
import { page, type RouteDeps } from './context.js';
import { NoQuery, query } from './request.js';

// The overview pages: the dashboard and the audit log.

export function registerDashboard(app: FastifyInstance, deps: RouteDeps): void {
  const { db, ctx } = deps;
  app.get('/', async (req, reply) => {
    query(NoQuery, req);
    const until = await latestAnnounced(db);
    const weeks = 12;
    const [counts, recent, byRegion, byRound, investors] = await Promise.all([
      countOpenItems(db),
      fetchDealsPage(db, { limit: 20 }),
      weeklyDeals(db, 'region', { weeks, until }),
      weeklyDeals(db, 'round', { weeks, until }),
      topInvestors(db, { weeks, until }),
    ]);
    return page(reply, views.dashboardPage(ctx(req), counts, recent.deals, { until, weeks, byRegion, byRound, investors }));
  });
  app.get('/audit', async (req, reply) => {
    query(NoQuery, req);
    return page(reply, views.auditPage(ctx(req), await listAudit(db)));
  });
}
