import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import { z } from 'zod';
import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import type { Logger } from '../logger.js';
import { fetchDealsPage, FilterError, parseDealPageQuery, parseWith } from '../export/filters.js';
import { approveItem, editDeal, mergeDealInto, rejectItem, splitDeal } from '../review/actions.js';
import { ReviewError } from '../review/errors.js';
import { verifyOperator } from '../review/operators.js';
import {
  countOpenItems,
  getComparedDeals,
  getDealDetail,
  getItemDetail,
  listAudit,
  listOpenItems,
  nextOpenItemId,
  searchDeals,
} from '../review/queries.js';
import { isReviewKind, REVIEW_KINDS } from '../deal/review.js';
import { findLiveDeal, liveDealSources } from '../store/deal-queries.js';
import { createSession, deleteExpiredSessions, deleteSession, findSession } from '../store/sessions.js';
import { latestAnnounced, topInvestors, weeklyDeals } from '../store/stats.js';
import { csrfToken, deriveSecret, safeEqual, safeNext, SESSION_COOKIE, SESSION_TTL_MS } from './auth.js';
import { boardFontFile, boardFontsCss, FONTS_PATH, localiseBoardFonts } from './board-fonts.js';
import { LoginThrottle } from './login-throttle.js';
import type { Html } from './html.js';
import { createMetricsRegistry, sendMetrics } from './metrics.js';
import { readiness } from './probes.js';
import * as views from './views.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting: the operator username, or 'admin' for the token. */
    actor: string | null;
    /** Raw session value (for the CSRF token); null for bearer-token requests. */
    sessionValue: string | null;
  }
}

export interface ServerDeps {
  db: Db;
  config: Config;
  log?: Logger;
  queues?: Queue[];
  checkRedis?: () => Promise<void>;
}

// Probes are public (an orchestrator cannot log in); /metrics is not (it shows token spend and costs).
const PUBLIC_PATHS = new Set(['/healthz', '/readyz', '/login', '/assets/app.css', '/assets/app.js']);
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// bull-board's bundled React UI: same-origin scripts, inline styles, a <base href>; its fonts are served locally.
const BOARD_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'";
const BOARD_PATH = '/admin/queues';
// The names axios (bundled in bull-board's UI) uses by default for its CSRF double-submit.
const BOARD_CSRF_COOKIE = 'XSRF-TOKEN';
const BOARD_CSRF_HEADER = 'x-xsrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

function formValue(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v.trim() : Array.isArray(v) && typeof v[0] === 'string' ? v[0].trim() : '';
}

/** A form field without trimming line structure (textarea). */
function rawFormValue(body: unknown, key: string): string {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : '';
}

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

function savedMessage(changes: Record<string, unknown>): string {
  return `Saved: ${Object.keys(changes).join(', ') || 'no changes'}.`;
}

function formValues(body: unknown, key: string): string[] {
  const v = (body as Record<string, unknown> | undefined)?.[key];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

// Every route's query string is parsed with zod; a bad or unknown parameter is a 400 naming it.
const IdParams = z.object({
  id: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'must be a positive integer')
    .transform(Number)
    .pipe(z.number().int().max(Number.MAX_SAFE_INTEGER)),
});
const NoQuery = z.strictObject({});
const FlashQuery = z.strictObject({ done: z.string().max(500).optional() });
const ReviewQuery = z.strictObject({ kind: z.string().max(100).optional() });
const MergeQuery = z.strictObject({
  from: z
    .string()
    .regex(/^[1-9]\d{0,15}$/, 'must be a positive integer')
    .transform(Number),
  q: z.string().max(200).optional(),
});
const LoginQuery = z.object({ next: z.string().max(2000).optional() });

function idParam(req: FastifyRequest): number {
  return parseWith(IdParams, req.params).id;
}

const query = <T>(schema: z.ZodType<T>, req: FastifyRequest): T => parseWith(schema, req.query);

/** Turn edit-form fields into an editDeal patch: only fields that differ from the deal; editDeal validates. */
function patchFromForm(
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

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { db, config, queues = [] } = deps;
  // trustProxy decides whether X-Forwarded-For/-Proto count: req.ip (login throttling) and req.protocol (Secure cookies).
  // (cast: Fastify's overloads do not accept the union, though each member is a valid trustProxy)
  const trustProxy = config.TRUST_PROXY as boolean;
  const app = deps.log ? Fastify({ loggerInstance: deps.log as FastifyBaseLogger, trustProxy }) : Fastify({ logger: false, trustProxy });
  const throttle = new LoginThrottle({ perIp: config.LOGIN_FAILURES_PER_IP, global: config.LOGIN_FAILURES_GLOBAL, windowMs: 60_000 });
  // The caller resolves the token (resolveAdminToken): a server never invents one of its own.
  const adminToken = config.ADMIN_TOKEN;
  if (!adminToken) throw new Error('buildServer needs config.ADMIN_TOKEN (see resolveAdminToken)');
  const secret = deriveSecret(adminToken);

  await app.register(formbody);
  await app.register(cookie, { secret });
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionValue', null);

  const ctx = (req: FastifyRequest): views.PageCtx => ({
    user: req.actor ?? '',
    csrf: req.sessionValue ? csrfToken(secret, req.sessionValue) : '',
  });
  const page = (reply: FastifyReply, body: Html, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body.value);

  // Deny by default: every route except the public ones (including bull-board's, which are
  // registered in a child scope and inherit this hook) needs a session or the bearer token.
  app.addHook('onRequest', async (req, reply) => {
    const path = pathOf(req.url);
    reply.header('Content-Security-Policy', path.startsWith(BOARD_PATH) ? BOARD_CSP : CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    if (PUBLIC_PATHS.has(path) || path.startsWith(`${FONTS_PATH}/`)) return;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      const presented = auth.slice(7).trim();
      if (safeEqual(presented, adminToken)) {
        req.actor = 'admin';
        return;
      }
      // The metrics token is read-only and good for /metrics alone.
      if (path === '/metrics' && req.method === 'GET' && config.METRICS_TOKEN && safeEqual(presented, config.METRICS_TOKEN)) {
        req.actor = 'metrics';
        return;
      }
      return reply.code(401).send({ error: 'invalid bearer token' });
    }
    const signed = req.cookies[SESSION_COOKIE];
    const unsigned = signed ? req.unsignCookie(signed) : null;
    const session = unsigned?.valid && unsigned.value ? await findSession(db, unsigned.value) : null;
    if (session && unsigned?.value) {
      req.actor = session.username;
      req.sessionValue = unsigned.value;
      if (path === BOARD_PATH || path.startsWith(`${BOARD_PATH}/`)) return boardCsrf(req, reply);
      return;
    }
    // Redirect page loads to the login form; API calls (ours and bull-board's XHRs) get 401.
    if (path.startsWith('/api/') || path.startsWith(`${BOARD_PATH}/api/`) || path === '/metrics' || req.method !== 'GET') {
      return reply.code(401).header('WWW-Authenticate', 'Bearer').send({ error: 'login required' });
    }
    return reply.redirect(`/login?next=${encodeURIComponent(req.url)}`, 302);
  });

  // bull-board's UI cannot add our form field, but its axios client copies an XSRF-TOKEN cookie
  // into an X-XSRF-TOKEN header on same-origin calls. Hand it the session's CSRF token that way and
  // require it on every board write made with a session cookie (bearer calls need no token).
  function boardCsrf(req: FastifyRequest, reply: FastifyReply): FastifyReply | undefined {
    const expected = csrfToken(secret, req.sessionValue!);
    if (SAFE_METHODS.has(req.method)) {
      reply.setCookie(BOARD_CSRF_COOKIE, expected, {
        httpOnly: false,
        sameSite: 'strict',
        path: BOARD_PATH,
        secure: req.protocol === 'https',
      });
      return undefined;
    }
    const sent = req.headers[BOARD_CSRF_HEADER];
    if (typeof sent === 'string' && safeEqual(sent, expected)) return undefined;
    return reply.code(403).send({ error: 'missing or invalid X-XSRF-TOKEN header; reload the queues page' });
  }

  // Cookie-authenticated form posts must carry the session's CSRF token.
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST' || !req.sessionValue || pathOf(req.url).startsWith(BOARD_PATH)) return;
    const sent = formValue(req.body, '_csrf');
    if (!sent || !safeEqual(sent, csrfToken(secret, req.sessionValue))) {
      return page(reply, views.errorPage(ctx(req), 403, 'Invalid or missing CSRF token; reload the page and try again.'), 403);
    }
  });

  app.setErrorHandler(async (err: Error, req, reply) => {
    const status =
      err instanceof ReviewError
        ? { not_found: 404, conflict: 409, invalid: 400 }[err.code]
        : err instanceof FilterError
          ? 400
          : ((err as { statusCode?: number }).statusCode ?? 500);
    if (status >= 500) req.log.error({ err }, 'request failed');
    const message = status >= 500 ? 'Internal error' : err.message;
    if (pathOf(req.url).startsWith('/api/') || req.headers.accept?.includes('application/json')) {
      return reply.code(status).send(err instanceof FilterError ? { error: message, params: err.params } : { error: message });
    }
    return page(reply, views.errorPage(req.actor ? ctx(req) : null, status, message), status);
  });

  app.get('/assets/app.css', async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(views.CSS),
  );
  app.get(`${FONTS_PATH}/fonts.css`, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('Cache-Control', 'public, max-age=86400').send(boardFontsCss()),
  );
  app.get(`${FONTS_PATH}/:file`, async (req, reply) => {
    const name = (req.params as { file: string }).file;
    const body = boardFontFile(name);
    if (!body) return reply.code(404).send({ error: 'no such font' });
    return reply
      .type(name.endsWith('.woff2') ? 'font/woff2' : 'font/woff')
      .header('Cache-Control', 'public, max-age=86400')
      .send(body);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    return pathOf(req.url).startsWith(BOARD_PATH) && type.startsWith('text/html') && typeof payload === 'string'
      ? localiseBoardFonts(payload)
      : payload;
  });
  app.get('/assets/app.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(views.APP_JS),
  );
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    const r = await readiness({ db, checkRedis: deps.checkRedis, log: deps.log });
    return reply
      .code(r.ok ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send(r);
  });
  const metricsRegister = createMetricsRegistry(db, queues);
  app.get('/metrics', async (_req, reply) => sendMetrics(reply, metricsRegister));

  // --- login ---
  app.get('/login', async (req, reply) => page(reply, views.loginPage(undefined, safeNext(query(LoginQuery, req).next))));
  app.post('/login', async (req, reply) => {
    const next = safeNext(formValue(req.body, 'next'));
    // Checked before the credentials, so a locked-out client learns nothing from its guesses.
    const wait = throttle.retryAfter(req.ip);
    if (wait > 0) {
      req.log.warn({ ip: req.ip }, 'login throttled');
      reply.header('Retry-After', String(wait));
      return page(reply, views.loginPage(`Too many failed logins; try again in ${wait} s.`, next), 429);
    }
    const tokenIn = formValue(req.body, 'token');
    const username = formValue(req.body, 'username');
    let user: string | null = null;
    if (tokenIn) user = safeEqual(tokenIn, adminToken) ? 'admin' : null;
    else if (username) user = (await verifyOperator(db, username, formValue(req.body, 'password')))?.username ?? null;
    if (!user) {
      throttle.recordFailure(req.ip);
      return page(reply, views.loginPage('Invalid token or username/password.', next), 401);
    }
    await deleteExpiredSessions(db);
    const sessionId = await createSession(db, user, SESSION_TTL_MS);
    reply.setCookie(SESSION_COOKIE, sessionId, {
      signed: true,
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: req.protocol === 'https',
    });
    return reply.redirect(next, 303);
  });
  // Deleting the row ends the session everywhere, even if someone kept a copy of the cookie.
  app.post('/logout', async (req, reply) => {
    if (req.sessionValue) await deleteSession(db, req.sessionValue);
    return reply.clearCookie(SESSION_COOKIE, { path: '/' }).clearCookie(BOARD_CSRF_COOKIE, { path: BOARD_PATH }).redirect('/login', 303);
  });

  // --- pages ---
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
  app.get('/review', async (req, reply) => {
    const kind = query(ReviewQuery, req).kind || undefined;
    if (kind !== undefined && !isReviewKind(kind))
      throw new ReviewError('invalid', `Unknown review kind: ${kind} (kinds: ${REVIEW_KINDS.join(', ')})`);
    const [items, counts] = await Promise.all([listOpenItems(db, { kind }), countOpenItems(db)]);
    return page(reply, views.queuePage(ctx(req), items, kind, counts));
  });
  app.get('/review/:id', async (req, reply) => {
    const flash = query(FlashQuery, req).done;
    return page(reply, await renderItem(req, idParam(req), { flash }));
  });
  const renderItem = async (req: FastifyRequest, id: number, opts: { flash?: string; edit?: views.EditAttempt }) => {
    const [detail, nextId] = await Promise.all([getItemDetail(db, id), nextOpenItemId(db, id)]);
    const compared = await getComparedDeals(db, detail.item.payload);
    return views.itemPage(ctx(req), detail, { ...opts, nextId, compared });
  };
  /** An invalid edit shows the page again (400) with the operator's input and the reason, instead of an error page. */
  const editOrRerender = async (
    req: FastifyRequest,
    reply: FastifyReply,
    apply: () => Promise<string>,
    rerender: (edit: views.EditAttempt) => Promise<Html>,
    done: (msg: string) => string,
  ) => {
    try {
      return reply.redirect(done(await apply()), 303);
    } catch (err) {
      if (!(err instanceof ReviewError) || err.code !== 'invalid') throw err;
      return page(reply, await rerender({ values: editValuesFromForm(req.body), error: err.message }), 400);
    }
  };
  const itemAction = (name: string, run: (id: number, req: FastifyRequest) => Promise<string>) =>
    app.post(`/review/:id/${name}`, async (req, reply) => {
      const id = idParam(req);
      const done = await run(id, req);
      return reply.redirect(`/review/${id}?done=${encodeURIComponent(done)}`, 303);
    });
  itemAction('approve', async (id, req) => {
    await approveItem(db, id, req.actor!);
    return 'Approved.';
  });
  itemAction('reject', async (id, req) => {
    await rejectItem(db, id, req.actor!);
    return 'Rejected; the deal left the clean set.';
  });
  const itemDeal = async (id: number) => {
    const d = await getItemDetail(db, id);
    if (!d.deal || !d.company) throw new ReviewError('invalid', `Review item #${id} has no deal`);
    return { deal: d.deal, company: d.company, investors: d.investors };
  };
  app.post('/review/:id/edit', async (req, reply) => {
    const id = idParam(req);
    const { deal, company, investors } = await itemDeal(id);
    return editOrRerender(
      req,
      reply,
      async () => savedMessage(await editDeal(db, deal.id, patchFromForm(req.body, deal, company.name, investors), req.actor!)),
      (edit) => renderItem(req, id, { edit }),
      (msg) => `/review/${id}?done=${encodeURIComponent(msg)}`,
    );
  });
  itemAction('merge', async (id, req) => {
    const { deal } = await itemDeal(id);
    const into = Number(formValue(req.body, 'into'));
    if (!Number.isSafeInteger(into) || into <= 0) throw new ReviewError('invalid', 'Choose the deal to merge into');
    await mergeDealInto(db, deal.id, into, req.actor!);
    return `Merged deal #${deal.id} into #${into}.`;
  });
  itemAction('split', async (id, req) => {
    const { deal } = await itemDeal(id);
    const created = await splitDeal(db, deal.id, formValues(req.body, 'article').map(Number), req.actor!);
    return `Split selected sources into new deal #${created}.`;
  });

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
      (msg) => `/deals/${id}?done=${encodeURIComponent(msg)}`,
    );
  });
  // Merge a deal into one chosen by searching company names (GET /merge lists candidates).
  app.get('/merge', async (req, reply) => {
    const q = query(MergeQuery, req);
    const from = q.from;
    const d = await getDealDetail(db, from);
    const hits = q.q?.trim() ? await searchDeals(db, q.q, { excludeId: from }) : [];
    return page(reply, views.mergeSearchPage(ctx(req), { id: from, company: d.company.name }, q.q?.trim() ?? '', hits));
  });
  app.post('/deals/:id/merge', async (req, reply) => {
    const id = idParam(req);
    const into = Number(formValue(req.body, 'into'));
    if (!Number.isSafeInteger(into) || into <= 0) throw new ReviewError('invalid', 'Choose the deal to merge into');
    await mergeDealInto(db, id, into, req.actor!);
    return reply.redirect(`/deals/${into}?done=${encodeURIComponent(`Merged deal #${id} into #${into}.`)}`, 303);
  });
  app.get('/audit', async (req, reply) => {
    query(NoQuery, req);
    return page(reply, views.auditPage(ctx(req), await listAudit(db)));
  });

  // --- JSON API (session or bearer token) ---
  app.get('/api/deals', async (req) => fetchDealsPage(db, parseDealPageQuery(req.query)));
  app.get('/api/deals/:id', async (req, reply) => {
    const id = idParam(req);
    query(NoQuery, req);
    const deal = await findLiveDeal(db, id);
    if (!deal) return reply.code(404).send({ error: `Deal #${id} not found (or merged/rejected)` });
    const sources = await liveDealSources(db, id);
    return { ...deal, sources };
  });

  // --- bull-board ---
  const board = new FastifyAdapter();
  board.setBasePath(BOARD_PATH);
  // @bull-board/fastify pins its own copy of @bull-board/api (9.10.1 vs 9.10.2 at the top level):
  // identical at runtime, but the duplicate private fields make the two declarations incompatible.
  type BoardAdapter = Parameters<typeof createBullBoard>[0]['serverAdapter'];
  createBullBoard({ queues: queues.map((q) => new BullMQAdapter(q)), serverAdapter: board as unknown as BoardAdapter });
  await app.register(board.registerPlugin(), { prefix: BOARD_PATH });

  return app;
}
