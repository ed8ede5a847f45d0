import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Queue } from 'bullmq';
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import type { Logger } from '../../logger.js';
import type { Html } from '../html.js';
import type { PageCtx } from '../views.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting: the operator username, or 'admin' for the token. */
    actor: string | null;
    /** Raw session value (for the CSRF token); null for bearer-token requests. */
    sessionValue: string | null;
  }
}

/** What every route module gets from buildServer (src/web/server.ts). */
export interface RouteDeps {
  db: Db;
  config: Config;
  log?: Logger;
  queues: Queue[];
  checkRedis?: () => Promise<void>;
  /** The resolved admin token (bearer and login). */
  adminToken: string;
  /** Cookie-signing and CSRF key, derived from the admin token. */
  secret: string;
  /** The signed-in user and CSRF token that every page's layout needs. */
  ctx(req: FastifyRequest): PageCtx;
}

export function page(reply: FastifyReply, body: Html, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(body.value);
}
