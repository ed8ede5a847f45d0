import type { Db } from '../db/connect.js';

// Operator accounts; the password hashing and username rules live in src/review/operators.ts.

export async function operatorExists(db: Db, username: string): Promise<boolean> {
  return (await db.selectFrom('operators').select('id').where('username', '=', username).executeTakeFirst()) !== undefined;
}

export async function insertOperator(db: Db, username: string, passwordHash: string): Promise<{ id: number; username: string }> {
  return db
    .insertInto('operators')
    .values({ username, password_hash: passwordHash })
    .returning(['id', 'username'])
    .executeTakeFirstOrThrow();
}

export async function findOperator(db: Db, username: string): Promise<{ id: number; username: string; password_hash: string } | undefined> {
  return db.selectFrom('operators').select(['id', 'username', 'password_hash']).where('username', '=', username).executeTakeFirst();
}
