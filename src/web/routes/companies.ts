import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { fetchCompaniesPage, parseCompanyPageQuery } from '../../export/companies.js';
import { findCompanies, getCompanyDetail, mergeCompanyInto, splitCompanyOff } from '../../review/companies.js';
import { ReviewError } from '../../review/errors.js';
import * as companyViews from '../company-views.js';
import { page, type RouteDeps } from './context.js';
import { doneUrl, FlashQuery, formValue, formValues, idParam, PositiveId, query } from './request.js';

// Companies: the list, one company's page (names, funding timeline), and merging or splitting
// companies. Merge targets come from a name search (GET /companies/:id/merge); a form that came
// from a review item carries `item`, which the merge closes and where the operator lands again.

const MergeSearchQuery = z.strictObject({
  q: z.string().max(200).optional(),
  item: PositiveId.transform(Number).optional(),
});

/** A form field holding an id: absent → undefined, anything but a positive integer → a 400 naming it. */
function formId(body: unknown, key: string, label: string): number | undefined {
  const v = formValue(body, key);
  if (!v) return undefined;
  if (!PositiveId.safeParse(v).success) throw new ReviewError('invalid', `${label}: not a valid choice (${v.slice(0, 40)})`);
  return Number(v);
}

function formIds(body: unknown, key: string, label: string): number[] {
  return formValues(body, key).map((v) => {
    if (!PositiveId.safeParse(v.trim()).success) throw new ReviewError('invalid', `${label}: not a valid choice (${v.slice(0, 40)})`);
    return Number(v);
  });
}

export function registerCompanies(app: FastifyInstance, deps: RouteDeps): void {
  const { db, ctx } = deps;

  app.get('/companies', async (req, reply) => {
    const filters = Object.fromEntries(Object.entries(req.query as Record<string, unknown>).filter(([, v]) => v !== ''));
    const parsed = parseCompanyPageQuery({ limit: 50, ...filters });
    const result = await fetchCompaniesPage(db, parsed);
    const { cursor: _cursor, ...rest } = filters;
    return page(
      reply,
      companyViews.companiesPage(
        ctx(req),
        result.companies,
        { q: parsed.q, country: parsed.country },
        result.next_cursor,
        new URLSearchParams(rest as Record<string, string>).toString(),
      ),
    );
  });

  app.get('/companies/:id', async (req, reply) => {
    const flash = query(FlashQuery, req).done;
    return page(reply, companyViews.companyPage(ctx(req), await getCompanyDetail(db, idParam(req)), { flash }));
  });

  app.get('/companies/:id/merge', async (req, reply) => {
    const id = idParam(req);
    const q = query(MergeSearchQuery, req);
    const { company } = await getCompanyDetail(db, id);
    if (company.merged_into !== null) throw new ReviewError('conflict', `Company #${id} was merged into company #${company.merged_into}`);
    const text = q.q?.trim() ?? '';
    const hits = text ? await findCompanies(db, text, { excludeId: id }) : [];
    return page(reply, companyViews.companyMergePage(ctx(req), { id, name: company.name }, text, hits, q.item));
  });

  app.post('/companies/:id/merge', async (req, reply) => {
    const fromId = idParam(req);
    const intoId = formId(req.body, 'into', 'Company to merge into');
    if (intoId === undefined) throw new ReviewError('invalid', 'Choose the company to merge into');
    const itemId = formId(req.body, 'item', 'Review item');
    const moved = await mergeCompanyInto(db, { fromId, intoId, itemId }, req.actor!);
    const message = `Merged company #${fromId} into #${intoId} (${moved.movedDeals.length} deal(s), ${moved.movedAliases} name(s) moved).`;
    return reply.redirect(doneUrl(itemId ? `/review/${itemId}` : `/companies/${intoId}`, message), 303);
  });

  app.post('/companies/:id/split', async (req, reply) => {
    const companyId = idParam(req);
    const itemId = formId(req.body, 'item', 'Review item');
    const created = await splitCompanyOff(
      db,
      {
        companyId,
        aliasIds: formIds(req.body, 'alias', 'Name'),
        dealIds: formIds(req.body, 'deal', 'Deal'),
        name: formValue(req.body, 'name') || undefined,
      },
      req.actor!,
    );
    const message = `Split the chosen names and deals of company #${companyId} into new company #${created}.`;
    return reply.redirect(doneUrl(itemId ? `/review/${itemId}` : `/companies/${created}`, message), 303);
  });
}
