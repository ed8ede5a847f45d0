import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { loadConfig } from '../../src/config.js';
import { buildServer } from '../../src/web/server.js';
import { safeNext } from '../../src/web/auth.js';
import { LoginThrottle } from '../../src/web/login-throttle.js';

const TOKEN = 'login-admin-token-0123456789';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
let t: TestDb;
const apps: FastifyInstance[] = [];

async function server(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const app = await buildServer({ db: t.db, config: loadConfig({ ADMIN_TOKEN: TOKEN, NODE_ENV: 'test', ...env }) });
  apps.push(app);
  return app;
}

beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await t?.drop();
});

function login(
  app: FastifyInstance,
  form: Record<string, string>,
  opts: { remoteAddress?: string; headers?: Record<string, string> } = {},
) {
  return app.inject({
    method: 'POST',
    url: '/login',
    payload: new URLSearchParams(form).toString(),
    headers: { ...FORM, ...opts.headers },
    remoteAddress: opts.remoteAddress,
  });
}

describe('post-login redirect', () => {
  const offSite = [
    '/\t/evil.example/x',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/\\evil.example',
    '//evil.example',
    '/.//evil.example',
    '/a/..//evil.example',
    '/..\\/evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '/ /evil.example',
    '/\u2028/evil.example',
    '/\u00a0x',
    '/a\u200bb',
    '',
  ];

  it('sends anything but a same-origin path to /', async () => {
    const app = await server();
    for (const next of offSite) {
      const res = await login(app, { token: TOKEN, next });
      expect(res.statusCode, JSON.stringify(next)).toBe(303);
      expect(res.headers.location, JSON.stringify(next)).toBe('/');
      const form = await app.inject({ url: `/login?next=${encodeURIComponent(next)}` });
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('name="next" value="/"');
    }
  });

  it('keeps same-origin paths, normalised the way a browser resolves them', async () => {
    const app = await server();
    const cases: [string, string][] = [
      ['/review/3?done=Saved', '/review/3?done=Saved'],
      ['/deals?round=seed&country=DE#top', '/deals?round=seed&country=DE#top'],
      ['/a/../audit', '/audit'],
      ['/review/caf\u00e9', '/review/caf%C3%A9'],
    ];
    for (const [next, expected] of cases) {
      expect(safeNext(next)).toBe(expected);
      expect((await login(app, { token: TOKEN, next })).headers.location).toBe(expected);
    }
  });

  it('rejects paths whose browser resolution leaves the origin', () => {
    // Cross-checked against the WHATWG URL parser: what we return must resolve on our own origin.
    for (const next of [...offSite, '/%2F%2Fevil.example', '/x?y=//evil', '/\\/evil']) {
      const out = safeNext(next);
      expect(new URL(out, 'https://review.example').origin, JSON.stringify(next)).toBe('https://review.example');
      expect(out).not.toMatch(/[\s\\]|^\/\//);
    }
  });
});

describe('sessions', () => {
  it('are revoked server-side on logout', async () => {
    const app = await server();
    const res = await login(app, { token: TOKEN });
    const cookie = `df_session=${res.cookies.find((c) => c.name === 'df_session')!.value}`;
    const home = await app.inject({ url: '/', headers: { cookie } });
    expect(home.statusCode).toBe(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.body)![1]!;
    const out = await app.inject({
      method: 'POST',
      url: '/logout',
      payload: `_csrf=${encodeURIComponent(csrf)}`,
      headers: { ...FORM, cookie },
    });
    expect(out.statusCode).toBe(303);
    // The browser drops the cookie; a copy kept by someone else must be dead too.
    expect((await app.inject({ url: '/', headers: { cookie } })).statusCode).toBe(302);
    expect((await app.inject({ url: '/api/deals', headers: { cookie } })).statusCode).toBe(401);
  });

  it('end when ADMIN_TOKEN rotates (the cookie signature key changes)', async () => {
    const a = await server();
    const res = await login(a, { token: TOKEN });
    const cookie = `df_session=${res.cookies.find((c) => c.name === 'df_session')!.value}`;
    const b = await buildServer({ db: t.db, config: loadConfig({ ADMIN_TOKEN: 'rotated-admin-token-987654', NODE_ENV: 'test' }) });
    apps.push(b);
    expect((await a.inject({ url: '/', headers: { cookie } })).statusCode).toBe(200);
    expect((await b.inject({ url: '/', headers: { cookie } })).statusCode).toBe(302);
  });
});

describe('login throttling', () => {
  it('answers 429 with Retry-After after 10 failures a minute from one address, even for the right token', async () => {
    const app = await server();
    for (let i = 0; i < 10; i++)
      expect((await login(app, { token: `wrong-token-${i}-xxxxxx` }, { remoteAddress: '10.1.1.1' })).statusCode).toBe(401);
    const locked = await login(app, { token: TOKEN }, { remoteAddress: '10.1.1.1' });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(locked.cookies).toHaveLength(0);
    expect((await login(app, { username: 'nobody', password: 'whatever-long' }, { remoteAddress: '10.1.1.1' })).statusCode).toBe(429);
    // Another address is unaffected.
    expect((await login(app, { token: TOKEN }, { remoteAddress: '10.1.1.2' })).statusCode).toBe(303);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const direct = await server();
    for (let i = 0; i < 10; i++)
      await login(direct, { token: 'wrong-token-xxxxxxxx' }, { remoteAddress: '10.2.2.2', headers: { 'x-forwarded-for': `192.0.2.${i}` } });
    expect(
      (await login(direct, { token: TOKEN }, { remoteAddress: '10.2.2.2', headers: { 'x-forwarded-for': '192.0.2.99' } })).statusCode,
    ).toBe(429);

    const proxied = await server({ TRUST_PROXY: '10.3.3.3' });
    for (let i = 0; i < 10; i++)
      await login(proxied, { token: 'wrong-token-xxxxxxxx' }, { remoteAddress: '10.3.3.3', headers: { 'x-forwarded-for': '192.0.2.7' } });
    expect(
      (await login(proxied, { token: TOKEN }, { remoteAddress: '10.3.3.3', headers: { 'x-forwarded-for': '192.0.2.7' } })).statusCode,
    ).toBe(429);
    expect(
      (await login(proxied, { token: TOKEN }, { remoteAddress: '10.3.3.3', headers: { 'x-forwarded-for': '192.0.2.8' } })).statusCode,
    ).toBe(303);
  });

  it('has a global cap across addresses', async () => {
    const app = await server({ LOGIN_FAILURES_GLOBAL: '25' });
    for (let i = 0; i < 25; i++) await login(app, { token: 'wrong-token-xxxxxxxx' }, { remoteAddress: `10.4.0.${i}` });
    const res = await login(app, { token: TOKEN }, { remoteAddress: '10.4.1.1' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('lets failures age out of the one-minute window', () => {
    const th = new LoginThrottle({ perIp: 3, global: 100, windowMs: 60_000 });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) th.recordFailure('a', t0 + i * 1000);
    expect(th.retryAfter('a', t0 + 2500)).toBe(58); // the oldest failure (t0) leaves the window at t0 + 60 s
    expect(th.retryAfter('b', t0 + 2500)).toBe(0);
    expect(th.retryAfter('a', t0 + 60_001)).toBe(0);
    // Tracked addresses are bounded.
    const small = new LoginThrottle({ perIp: 1, global: 1e9, windowMs: 60_000, maxTracked: 100 });
    for (let i = 0; i < 1000; i++) small.recordFailure(`ip${i}`, t0);
    expect((small as unknown as { byIp: Map<string, number[]> }).byIp.size).toBeLessThanOrEqual(100);
  });
});

describe('Secure cookie', () => {
  it('is set when X-Forwarded-Proto says https only behind a trusted proxy', async () => {
    const trusted = await server({ TRUST_PROXY: 'true' });
    const viaTls = await login(trusted, { token: TOKEN }, { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaTls.cookies.find((c) => c.name === 'df_session')).toMatchObject({ secure: true, httpOnly: true });
    const plain = await login(trusted, { token: TOKEN });
    expect(plain.cookies.find((c) => c.name === 'df_session')?.secure).toBeFalsy();

    const untrusted = await server();
    const spoofed = await login(untrusted, { token: TOKEN }, { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.cookies.find((c) => c.name === 'df_session')?.secure).toBeFalsy();
  });
});
