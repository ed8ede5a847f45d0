import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isReviewKind, REVIEW_KINDS } from '../../deal/review.js';
import { approveItem, editDeal, mergeDealInto, rejectItem, splitDeal } from '../../review/actions.js';
import { getItemCompanies } from '../../review/companies.js';
import { ReviewError } from '../../review/errors.js';
import { countOpenItems, getComparedDeals, getItemDetail, listOpenItems, nextOpenItemId } from '../../review/queries.js';
import * as views from '../views.js';
import { page, type RouteDeps } from './context.js';
import { editOrRerender, patchFromForm, savedMessage } from './edit-form.js';
import { mergeTarget } from './merge.js';
import { articleIds, doneUrl, FlashQuery, idParam, query } from './request.js';

// The review queue and one item's page with its actions (approve, reject, edit, merge, split).

const ReviewQuery = z.strictObject({ kind: z.string().max(100).optional() });

export function registerReview(app: FastifyInstance, deps: RouteDeps): void {
  const { db, ctx } = deps;

  app.get('/review', async (req, reply) => {
    const kind = query(ReviewQuery, req).kind || undefined;
    if (kind !== undefined && !isReviewKind(kind))
      throw new ReviewError('invalid', `Unknown review kind: ${kind} (kinds: ${REVIEW_KINDS.join(', ')})`);
    const [items, counts] = await Promise.all([listOpenItems(db, { kind }), countOpenItems(db)]);
    return page(reply, views.queuePage(ctx(req), items, kind, counts));
  });

  const renderItem = async (req: FastifyRequest, id: number, opts: { flash?: string; edit?: views.EditAttempt }) => {
    const [detail, nextId] = await Promise.all([getItemDetail(db, id), nextOpenItemId(db, id)]);
    const [compared, companies] = await Promise.all([
      getComparedDeals(db, detail.item.payload),
      getItemCompanies(db, detail.item, detail.company?.id ?? null),
    ]);
    return views.itemPage(ctx(req), detail, { ...opts, nextId, compared, companies });
  };
  app.get('/review/:id', async (req, reply) => {
    const flash = query(FlashQuery, req).done;
    return page(reply, await renderItem(req, idParam(req), { flash }));
  });

  /** POST /review/:id/<name>: run the action, then show the item again with its outcome. */
  const itemAction = (name: string, run: (id: number, req: FastifyRequest) => Promise<string>) =>
    app.post(`/review/:id/${name}`, async (req, reply) => {
      const id = idParam(req);
      const done = await run(id, req);
      return reply.redirect(doneUrl(`/review/${id}`, done), 303);
    });
  const itemDeal = async (id: number) => {
    const d = await getItemDetail(db, id);
    if (!d.deal || !d.company) throw new ReviewError('invalid', `Review item #${id} has no deal`);
    return { deal: d.deal, company: d.company, investors: d.investors };
  };

  itemAction('approve', async (id, req) => {
    await approveItem(db, id, req.actor!);
    return 'Approved.';
  });
  itemAction('reject', async (id, req) => {
    await rejectItem(db, id, req.actor!);
    return 'Rejected; the deal left the clean set.';
  });
  app.post('/review/:id/edit', async (req, reply) => {
    const id = idParam(req);
    const { deal, company, investors } = await itemDeal(id);
    return editOrRerender(
      req,
      reply,
      async () => savedMessage(await editDeal(db, deal.id, patchFromForm(req.body, deal, company.name, investors), req.actor!)),
      (edit) => renderItem(req, id, { edit }),
      (msg) => doneUrl(`/review/${id}`, msg),
    );
  });
  itemAction('merge', async (id, req) => {
    const { deal } = await itemDeal(id);
    const into = mergeTarget(req.body);
    await mergeDealInto(db, deal.id, into, req.actor!);
    return `Merged deal #${deal.id} into #${into}.`;
  });
  itemAction('split', async (id, req) => {
    const { deal } = await itemDeal(id);
    const created = await splitDeal(db, deal.id, articleIds(req.body), req.actor!);
    return `Split selected sources into new deal #${created}.`;
  });
}
