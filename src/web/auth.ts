import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

// Stateless sessions: the cookie holds {user, exp} signed by @fastify/cookie with a key derived
// from ADMIN_TOKEN (rotating the token logs everyone out). CSRF tokens are an HMAC of the session.

export const SESSION_COOKIE = 'df_session';
const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Session {
  user: string;
  exp: number;
}

export function deriveSecret(adminToken: string): string {
  return createHmac('sha256', adminToken).update('dealflow session v1').digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function newSession(user: string, now = Date.now()): string {
  return Buffer.from(JSON.stringify({ user, exp: now + SESSION_TTL_MS, n: randomBytes(8).toString('base64url') })).toString('base64url');
}

/** The session in an already signature-checked cookie value, or null when malformed or expired. */
export function readSession(value: string, now = Date.now()): Session | null {
  try {
    const s = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Session>;
    if (typeof s.user === 'string' && typeof s.exp === 'number' && s.exp > now) return { user: s.user, exp: s.exp };
  } catch {
    // malformed: treated as logged out
  }
  return null;
}

export function csrfToken(secret: string, sessionValue: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionValue}`).digest('base64url');
}
