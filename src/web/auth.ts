import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';

// Sessions live in PostgreSQL (src/store/sessions.ts): the cookie holds a random session id,
// signed by @fastify/cookie with a key derived from ADMIN_TOKEN (rotating the token logs everyone
// out), and logging out deletes the row. CSRF tokens are an HMAC of the session id.

export const SESSION_COOKIE = 'df_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export function deriveSecret(adminToken: string): string {
  return createHmac('sha256', adminToken).update('dealflow session v1').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function csrfToken(secret: string, sessionValue: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionValue}`).digest('base64url');
}

const DUMMY_ORIGIN = 'http://dealflow.invalid';
// Whitespace (incl. U+2028/2029) and control/format characters: browsers strip or reinterpret
// them (`/\t/evil.example` becomes `//evil.example`), and CR/LF cannot go in a header.
const UNSAFE_CHARS = /[\s\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/**
 * Where to send the user after login: a same-origin relative path, or '/'. The path is resolved
 * the way a browser would resolve it, must keep the origin, and is returned in its normalised,
 * percent-encoded form, so what we check is exactly what the browser follows.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || UNSAFE_CHARS.test(next))
    return '/';
  let url: URL;
  try {
    url = new URL(next, DUMMY_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== DUMMY_ORIGIN || url.username || url.password) return '/';
  const out = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments can collapse to a leading '//' (`/.//evil.example`): that is protocol-relative.
  if (!out.startsWith('/') || out.startsWith('//') || out.startsWith('/\\') || UNSAFE_CHARS.test(out)) return '/';
  return out;
}

/**
 * The login token: ADMIN_TOKEN, else one generated once and kept in DATA_DIR/admin-token (0600), so
 * restarts keep the same login. The only place a token is made.
 */
export async function resolveAdminToken(config: Pick<Config, 'ADMIN_TOKEN' | 'DATA_DIR'>): Promise<string> {
  if (config.ADMIN_TOKEN) return config.ADMIN_TOKEN;
  const file = path.resolve(config.DATA_DIR, 'admin-token');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 12) return existing.trim();
  const token = randomBytes(18).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${token}\n`, { mode: 0o600 });
  return token;
}
