import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { findOperator, insertOperator, operatorExists } from '../store/operators.js';
import { ReviewError } from './errors.js';

// Stored as scrypt$N$r$p$salt$hash (base64) so parameters can be raised later without breaking old hashes.
const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { N, r: R, p: P });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 256 * 1024 * 1024,
  });
  return timingSafeEqual(key, expected);
}

const USERNAME = /^[a-z0-9][a-z0-9_.-]{1,63}$/;

export async function createOperator(db: Db, username: string, password: string): Promise<{ id: number; username: string }> {
  const name = username.trim().toLowerCase();
  if (!USERNAME.test(name)) throw new ReviewError('invalid', 'Username must be 2-64 characters: letters, digits, . _ -');
  if (password.length < 10) throw new ReviewError('invalid', 'Password must be at least 10 characters');
  if (await operatorExists(db, name)) throw new ReviewError('conflict', `Operator ${name} already exists`);
  return insertOperator(db, name, await hashPassword(password));
}

/** The operator when the password matches, else null (same work either way to not reveal which usernames exist). */
export async function verifyOperator(db: Db, username: string, password: string): Promise<{ id: number; username: string } | null> {
  const row = await findOperator(db, username.trim().toLowerCase());
  if (!row) {
    await hashPassword(password);
    return null;
  }
  return (await checkPassword(password, row.password_hash)) ? { id: row.id, username: row.username } : null;
}
