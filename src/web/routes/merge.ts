import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { mergeDealInto } from '../../review/actions.js';
import { ReviewError } from '../../review/errors.js';
import { getDealDetail, searchDeals } from '../../review/queries.js';
import * as views from '../views.js';
import { page, type RouteDeps } from './context.js';
import { doneUrl, formValue, idParam, PositiveId, query } from './request.js';

// Merging a deal into another one chosen by searching company names (GET /merge lists candidates).

const MergeQuery = z.strictObject({
  from: PositiveId.transform(Number),
  q: z.string().max(200).optional(),
});

/** The deal id a merge form names in its `into` field. */
export function mergeTarget(body: unknown): number {
  const into = Number(formValue(body, 'into'));
  if (!Number.isSafeInteger(into) || into <= 0) throw new ReviewError('invalid', 'Choose the deal to merge into');
  return into;
}

export function registerMerge(app: FastifyInstance, deps: RouteDeps): void {
  const { db, ctx } = deps;
  app.get('/merge', async (req, reply) => {
    const q = query(MergeQuery, req);
    const from = q.from;
    const d = await getDealDetail(db, from);
    const hits = q.q?.trim() ? await searchDeals(db, q.q, { excludeId: from }) : [];
    return page(reply, views.mergeSearchPage(ctx(req), { id: from, company: d.company.name }, q.q?.trim() ?? '', hits));
  });
  app.post('/deals/:id/merge', async (req, reply) => {
    const id = idParam(req);
    const into = mergeTarget(req.body);
    await mergeDealInto(db, id, into, req.actor!);
    return reply.redirect(doneUrl(`/deals/${into}`, `Merged deal #${id} into #${into}.`), 303);
  });
}
