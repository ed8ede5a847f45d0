import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import type { Queue } from 'bullmq';
import type { Config } from '../config.js';
import type { Db } from '../db/connect.js';
import type { Logger } from '../logger.js';
import { FilterError } from '../export/filters.js';
import { ReviewError } from '../review/errors.js';
import { csrfToken, deriveSecret } from './auth.js';
import { registerApi } from './routes/api.js';
import { registerAssets } from './routes/assets.js';
import { registerAuth } from './routes/auth.js';
import { registerBoard } from './routes/board.js';
import { registerCompanies } from './routes/companies.js';
import { page, type RouteDeps } from './routes/context.js';
import { registerDashboard } from './routes/dashboard.js';
import { registerDeals } from './routes/deals.js';
import { registerHealth } from './routes/health.js';
import { registerMerge } from './routes/merge.js';
import { pathOf } from './routes/request.js';
import { registerReview } from './routes/review.js';
import * as views from './views.js';

export interface ServerDeps {
  db: Db;
  config: Config;
  log?: Logger;
  queues?: Queue[];
  checkRedis?: () => Promise<void>;
}

/** The review UI, JSON API, probes, metrics and queue board on one Fastify instance; routes live in ./routes. */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const { config } = deps;
  // trustProxy decides whether X-Forwarded-For/-Proto count: req.ip (login throttling) and req.protocol (Secure cookies).
  // (cast: Fastify's overloads do not accept the union, though each member is a valid trustProxy)
  const trustProxy = config.TRUST_PROXY as boolean;
  const app = deps.log ? Fastify({ loggerInstance: deps.log as FastifyBaseLogger, trustProxy }) : Fastify({ logger: false, trustProxy });
  // The caller resolves the token (resolveAdminToken): a server never invents one of its own.
  const adminToken = config.ADMIN_TOKEN;
  if (!adminToken) throw new Error('buildServer needs config.ADMIN_TOKEN (see resolveAdminToken)');
  const secret = deriveSecret(adminToken);

  await app.register(formbody);
  await app.register(cookie, { secret });
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionValue', null);

  const routeDeps: RouteDeps = {
    db: deps.db,
    config,
    log: deps.log,
    queues: deps.queues ?? [],
    checkRedis: deps.checkRedis,
    adminToken,
    secret,
    ctx: (req) => ({ user: req.actor ?? '', csrf: req.sessionValue ? csrfToken(secret, req.sessionValue) : '' }),
  };
  app.setErrorHandler(errorHandler(routeDeps));
  // Auth first: its hooks guard every route registered after it, bull-board's included.
  registerAuth(app, routeDeps);
  registerAssets(app);
  registerHealth(app, routeDeps);
  registerDashboard(app, routeDeps);
  registerReview(app, routeDeps);
  registerDeals(app, routeDeps);
  registerMerge(app, routeDeps);
  registerCompanies(app, routeDeps);
  registerApi(app, routeDeps);
  await registerBoard(app, routeDeps);
  return app;
}

/** Review and filter errors are the client's (404, 409, 400): JSON for API calls, an error page otherwise. */
function errorHandler(deps: RouteDeps) {
  return async (err: Error, req: FastifyRequest, reply: FastifyReply) => {
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
    return page(reply, views.errorPage(req.actor ? deps.ctx(req) : null, status, message), status);
  };
}
