// Company resolution serialises on the name skeleton: saveDeals and the re-key take a transaction
// advisory lock per skeleton, so a name being written (or re-keyed) is seen by every later reader
// of that skeleton's blocking set.

/** First key of the two-int advisory lock, so our company locks never collide with other lock users. */
export const COMPANY_LOCK_NAMESPACE = 57_009;

/** 32-bit FNV-1a of the company's name skeleton, as a signed int4 for pg_advisory_xact_lock(int, int). */
function companyLockKey(skeleton: string): number {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(skeleton, 'utf8')) h = Math.imul(h ^ byte, 0x01000193);
  return h | 0;
}

/**
 * One parameterless statement taking the skeletons' locks in sorted order (two transactions that
 * lock overlapping skeletons cannot deadlock); the lock keys are integers we computed.
 */
export function companyLocksSql(skeletons: readonly string[]): string {
  const locks = [...new Set(skeletons.map(companyLockKey))].sort((a, b) => a - b);
  return `SELECT ${locks.map((k) => `pg_advisory_xact_lock(${COMPANY_LOCK_NAMESPACE}, ${k})`).join(', ')}`;
}
