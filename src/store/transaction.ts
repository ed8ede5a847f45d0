import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/types.js';

/** A connection inside a transaction; repository functions that take a `Db` accept it too. */
export type Tx = Transaction<Database>;

/**
 * Run `fn` in one transaction: committed when it resolves, rolled back when it throws. Called with
 * a transaction, `fn` joins it, so an action can compose repository steps that are transactions
 * of their own (a company merge that also closes the review item that asked for it).
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return db.transaction().execute(fn);
}

/**
 * Lock the two rows of a merge in id order, so two opposite merges of one pair cannot deadlock;
 * returns them as [from, into].
 */
export async function lockPairInOrder<T>(fromId: number, intoId: number, lock: (id: number) => Promise<T>): Promise<[T, T]> {
  const [a, b] = fromId < intoId ? [fromId, intoId] : [intoId, fromId];
  const locked = new Map([
    [a, await lock(a)],
    [b, await lock(b)],
  ]);
  return [locked.get(fromId)!, locked.get(intoId)!];
}

/** Deadlock and serialization failure: the whole transaction can run again from the start. */
export const TRANSIENT_CODES: readonly string[] = ['40P01', '40001'];

/**
 * Run `fn` (a whole transaction) again, up to `attempts` times in all, while it fails with one of
 * `codes`; any other error, or the last attempt's, is thrown.
 */
export async function retryTransaction<T>(fn: () => Promise<T>, codes: readonly string[] = TRANSIENT_CODES, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= attempts || !codes.includes((err as { code?: string }).code ?? '')) throw err;
    }
  }
}
