import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connect.js';

// Server-side review UI sessions. The cookie carries a random id; the table holds its SHA-256.

const hashId = (id: string): string => createHash('sha256').update(id).digest('hex');

/** Start a session for `username`; returns the id to put in the (signed) cookie. */
export async function createSession(db: Db, username: string, ttlMs: number): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db
    .insertInto('web_sessions')
    .values({ id_hash: hashId(id), username, expires_at: new Date(Date.now() + ttlMs) })
    .execute();
  return id;
}

/** The live session's user, or null when the id is unknown, logged out or expired. */
export async function findSession(db: Db, id: string): Promise<{ username: string; expires_at: Date } | null> {
  const row = await db
    .selectFrom('web_sessions')
    .select(['username', 'expires_at'])
    .where('id_hash', '=', hashId(id))
    .where('expires_at', '>', new Date())
    .executeTakeFirst();
  return row ?? null;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('web_sessions').where('id_hash', '=', hashId(id)).execute();
}

export async function deleteExpiredSessions(db: Db): Promise<number> {
  const r = await db.deleteFrom('web_sessions').where('expires_at', '<=', new Date()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
