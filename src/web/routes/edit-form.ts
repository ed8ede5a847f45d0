import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReviewError } from '../../review/errors.js';
import type { Html } from '../html.js';
import * as views from '../views.js';
import { page } from './context.js';
import { formValue, rawFormValue } from './request.js';

// The deal edit form, shared by the review item page and the deal page.

/** "Name (lead)" per line → investors; blank lines dropped. */
function investorsFromText(text: string): Array<{ name: string; lead: boolean }> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const lead = /\(\s*lead\s*\)\s*$/i.test(line);
      return { name: lead ? line.replace(/\(\s*lead\s*\)\s*$/i, '').trim() : line, lead };
    });
}

/** The edit form's values as the operator submitted them (shown again when the edit is invalid). */
function editValuesFromForm(body: unknown): views.EditValues {
  const keys = [
    'company_name',
    'country',
    'region',
    'round',
    'status',
    'amount_value',
    'amount_currency',
    'valuation_value',
    'valuation_currency',
    'announced_on',
  ] as const;
  const values = Object.fromEntries(keys.map((k) => [k, formValue(body, k)])) as Omit<views.EditValues, 'investors'>;
  return { ...values, investors: rawFormValue(body, 'investors') };
}

export function savedMessage(changes: Record<string, unknown>): string {
  return `Saved: ${Object.keys(changes).join(', ') || 'no changes'}.`;
}

/** Turn edit-form fields into an editDeal patch: only fields that differ from the deal; editDeal validates. */
export function patchFromForm(
  body: unknown,
  current: {
    round: string;
    status: string;
    country: string | null;
    region: string | null;
    announced_on: string | null;
    amount_value: number | null;
    amount_currency: string | null;
    valuation_value: number | null;
    valuation_currency: string | null;
  },
  companyName: string,
  investors: Array<{ name: string; lead: boolean }>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  const str = (k: string) => formValue(body, k);
  const orNull = (s: string) => (s === '' ? null : s);
  if (str('company_name') && str('company_name') !== companyName) patch.company_name = str('company_name');
  if (str('round') && str('round') !== current.round) patch.round = str('round');
  if (str('status') && str('status') !== current.status) patch.status = str('status');
  if (orNull(str('country').toUpperCase()) !== current.country) patch.country = orNull(str('country').toUpperCase());
  if (orNull(str('announced_on')) !== current.announced_on) patch.announced_on = orNull(str('announced_on'));
  // Fields a client did not send stay as they are (an API client may post only some).
  const sent = (k: string) => (body as Record<string, unknown> | undefined)?.[k] !== undefined;
  if (sent('region') && orNull(str('region')) !== current.region) patch.region = orNull(str('region'));
  if (sent('investors')) {
    const written = investorsFromText(rawFormValue(body, 'investors'));
    const asText = (xs: Array<{ name: string; lead: boolean }>) => xs.map(views.investorLine).join('\n');
    if (asText(written) !== asText(investors)) patch.investors = written;
  }
  for (const kind of ['amount', 'valuation'] as const) {
    const value = str(`${kind}_value`).replace(/[,_\s]/g, '');
    const currency = str(`${kind}_currency`).toUpperCase();
    const next = value === '' && currency === '' ? null : { value: value === '' ? Number.NaN : Number(value), currency };
    const prev = current[`${kind}_value`] === null ? null : { value: current[`${kind}_value`], currency: current[`${kind}_currency`] };
    if (JSON.stringify(next) !== JSON.stringify(prev)) patch[kind] = next;
  }
  return patch;
}

/** An invalid edit shows the page again (400) with the operator's input and the reason, instead of an error page. */
export async function editOrRerender(
  req: FastifyRequest,
  reply: FastifyReply,
  apply: () => Promise<string>,
  rerender: (edit: views.EditAttempt) => Promise<Html>,
  done: (msg: string) => string,
): Promise<FastifyReply> {
  try {
    return reply.redirect(done(await apply()), 303);
  } catch (err) {
    if (!(err instanceof ReviewError) || err.code !== 'invalid') throw err;
    return page(reply, await rerender({ values: editValuesFromForm(req.body), error: err.message }), 400);
  }
}
