import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseWith } from '../../export/filters.js';
import { ReviewError } from '../../review/errors.js';

// Reading a request: form fields, the :id parameter and query strings. Every route's query string
// is parsed with zod; a bad or unknown parameter is a 400 naming it.

export function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function formValue(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : '';
}

/** A form field without trimming line structure (textarea). */
export function rawFormValue(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : '';
}

export function formValues(body: unknown, key: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

/** A positive integer id in a query string or path. */
export const PositiveId = z.string().regex(/^[1-9]\d{0,15}$/, 'must be a positive integer');

const ArticleIds = z.array(PositiveId.transform(Number)).max(1000);

/** The source articles a split form selected (`article` checkboxes); a forged value is a 400. */
export function articleIds(body: unknown): number[] {
  const r = ArticleIds.safeParse(formValues(body, 'article').map((v) => v.trim()));
  if (!r.success) throw new ReviewError('invalid', 'Selected sources: every choice must be an article id');
  return r.data;
}

const IdParams = z.object({
  id: PositiveId.transform(Number).pipe(z.number().int().max(Number.MAX_SAFE_INTEGER)),
});
export const NoQuery = z.strictObject({});
export const FlashQuery = z.strictObject({ done: z.string().max(500).optional() });

export function idParam(req: FastifyRequest): number {
  return parseWith(IdParams, req.params).id;
}

export const query = <T>(schema: z.ZodType<T>, req: FastifyRequest): T => parseWith(schema, req.query);

/** Where to send the browser after an action, with its outcome shown as the page's flash message. */
export function doneUrl(path: string, message: string): string {
  return `${path}?done=${encodeURIComponent(message)}`;
}
