import type { FastifyInstance } from 'fastify';
import { fetchDealsPage, parseDealPageQuery } from '../../export/filters.js';
import { editDeal, splitDeal } from '../../review/actions.js';
import { getDealDetail } from '../../review/queries.js';
import * as views from '../views.js';
import { page, type RouteDeps } from './context.js';
import { editOrRerender, patchFromForm, savedMessage } from './edit-form.js';
import { articleIds, doneUrl, FlashQuery, idParam, query } from './request.js';

// The deal list (filters as on /api/deals), one deal's page, its edit form and splitting its sources off.

export function registerDeals(app: FastifyInstance, deps: RouteDeps): void {
  const { db, ctx } = deps;
  app.get('/deals', async (req, reply) => {
    const filters = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, v]) => v !== ''));
    const result = await fetchDealsPage(db, parseDealPageQuery({ limit: 50, ...filters }));
    const { cursor: _cursor, ...rest } = filters;
    return page(
      reply,
      views.dealsPage(ctx(req), result.deals, result.next_cursor, new URLSearchParams(rest as Record<string, string>).toString()),
    );
  });
  app.get('/deals/:id', async (req, reply) => {
    const flash = query(FlashQuery, req).done;
    return page(reply, views.dealPage(ctx(req), await getDealDetail(db, idParam(req)), { flash }));
  });
  app.post('/deals/:id/edit', async (req, reply) => {
    const id = idParam(req);
    const d = await getDealDetail(db, id);
    return editOrRerender(
      req,
      reply,
      async () => savedMessage(await editDeal(db, id, patchFromForm(req.body, d.deal, d.company.name, d.investors), req.actor!)),
      async (edit) => views.dealPage(ctx(req), await getDealDetail(db, id), { edit }),
      (msg) => doneUrl(`/deals/${id}`, msg),
    );
  });
  app.post('/deals/:id/split', async (req, reply) => {
    const id = idParam(req);
    const created = await splitDeal(db, id, articleIds(req.body), req.actor!);
    return reply.redirect(doneUrl(`/deals/${created}`, `Split the selected sources of deal #${id} into new deal #${created}.`), 303);
  });
}
