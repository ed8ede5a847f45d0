import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { verifyOperator } from '../../review/operators.js';
import { createSession, deleteExpiredSessions, deleteSession, findSession } from '../../store/sessions.js';
import { csrfToken, safeEqual, safeNext, SESSION_COOKIE, SESSION_TTL_MS } from '../auth.js';
import { FONTS_PATH } from '../board-fonts.js';
import { LoginThrottle } from '../login-throttle.js';
import * as views from '../views.js';
import { BOARD_CSRF_COOKIE, BOARD_CSRF_HEADER, BOARD_PATH, isBoardPath } from './board.js';
import { page, type RouteDeps } from './context.js';
import { formValue, pathOf, query } from './request.js';

// Who may do what: security headers, the session or bearer check on every request, CSRF on
// cookie-authenticated writes, and the login and logout routes.

// Probes are public (an orchestrator cannot log in); /metrics is not (it shows token spend and costs).
const PUBLIC_PATHS = new Set(['/healthz', '/readyz', '/login', '/assets/app.css', '/assets/app.js']);
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
// bull-board's bundled React UI: same-origin scripts, inline styles, a <base href>; its fonts are served locally.
const BOARD_CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'";
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LoginQuery = z.object({ next: z.string().max(2000).optional() });

export function registerAuth(app: FastifyInstance, deps: RouteDeps): void {
  const { db, config, adminToken, secret, ctx } = deps;
  const throttle = new LoginThrottle({ perIp: config.LOGIN_FAILURES_PER_IP, global: config.LOGIN_FAILURES_GLOBAL, windowMs: 60_000 });

  // Deny by default: every route except the public ones (including bull-board's, which are
  // registered in a child scope and inherit this hook) needs a session or the bearer token.
  app.addHook('onRequest', async (req, reply) => {
    const path = pathOf(req.url);
    reply.header('Content-Security-Policy', isBoardPath(path) ? BOARD_CSP : CSP);
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
    if (req.method !== 'POST' || !req.sessionValue || isBoardPath(pathOf(req.url))) return;
    const sent = formValue(req.body, '_csrf');
    if (!sent || !safeEqual(sent, csrfToken(secret, req.sessionValue))) {
      return page(reply, views.errorPage(ctx(req), 403, 'Invalid or missing CSRF token; reload the page and try again.'), 403);
    }
  });

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
}
